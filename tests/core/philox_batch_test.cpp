// The batched first Philox blocks (core/philox_batch.hpp) are the blocks the
// streams compute one at a time, and a stream started from one continues as
// the plain stream does.
#include "core/philox_batch.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace hosim {
namespace {

// Ids spread over all 64 bits, counts that are and are not multiples of the
// vector width, seeds and steps with high words set.
TEST(PhiloxBatch, FirstBlocksAreThoseOfTheStreams) {
  const std::vector<std::uint64_t> seeds{0, 1, 0x123456789abcdefULL, ~0ULL};
  const std::vector<std::uint64_t> steps{0, 7, 5760, 0x100000003ULL};
  const std::vector<RngPurpose> purposes{RngPurpose::Death, RngPurpose::Migration,
                                         RngPurpose::Test};
  for (const std::size_t n : {1u, 15u, 16u, 17u, 31u, 32u, 33u, 64u, 100u}) {
    std::vector<std::uint64_t> ids(n);
    for (std::size_t k = 0; k < n; ++k) {
      RandomStream r(99, n, k, RngPurpose::Test);
      ids[k] = (static_cast<std::uint64_t>(r.next_u32()) << (k % 3 == 0 ? 32 : 0)) | r.next_u32();
    }
    for (const auto seed : seeds)
      for (const auto step : steps)
        for (const auto purpose : purposes) {
          for (const auto isa : {PhiloxIsa::Scalar, PhiloxIsa::Avx2, PhiloxIsa::Avx512}) {
            std::vector<std::uint32_t> out(4 * n);
            philox_first_words(seed, step, purpose, ids.data(), n, out.data(), n, isa);
            for (std::size_t k = 0; k < n; ++k) {
              RandomStream plain(seed, step, ids[k], purpose);
              for (std::size_t w = 0; w < 4; ++w)
                ASSERT_EQ(out[w * n + k], plain.next_u32())
                    << "isa " << static_cast<int>(isa) << " n " << n << " k " << k << " word " << w;
            }
          }
        }
  }
}

// The by-word layout holds the same words, each at words[j·stride + k], and
// leaves the slots past n of each word's row as they were.
TEST(PhiloxBatch, FirstWordsAreThoseOfTheStreams) {
  constexpr std::uint32_t kUntouched = 0xA5A5A5A5u;
  for (const std::size_t n : {1u, 7u, 15u, 16u, 17u, 32u, 33u, 63u, 64u}) {
    std::vector<std::uint64_t> ids(n);
    for (std::size_t k = 0; k < n; ++k) {
      RandomStream r(7, n, k, RngPurpose::Test);
      ids[k] = (static_cast<std::uint64_t>(r.next_u32()) << (k % 2 == 0 ? 32 : 0)) | r.next_u32();
    }
    for (const std::size_t stride : {n, n + 5, std::size_t{64}}) {
      if (stride < n) continue;
      for (const auto isa : {PhiloxIsa::Scalar, PhiloxIsa::Avx2, PhiloxIsa::Avx512}) {
        std::vector<std::uint32_t> words(4 * stride, kUntouched);
        philox_first_words(0x123456789abcdefULL, 0x100000003ULL, RngPurpose::Migration, ids.data(),
                           n, words.data(), stride, isa);
        for (std::size_t k = 0; k < stride; ++k) {
          RandomStream plain(0x123456789abcdefULL, 0x100000003ULL, k < n ? ids[k] : 0,
                             RngPurpose::Migration);
          for (std::size_t j = 0; j < 4; ++j) {
            const std::uint32_t expected = k < n ? plain.next_u32() : kUntouched;
            ASSERT_EQ(words[j * stride + k], expected)
                << "isa " << static_cast<int>(isa) << " n " << n << " stride " << stride << " k "
                << k << " word " << j;
          }
        }
      }
    }
  }
}

// Block b holds the words a stream yields after its first 4·b.
TEST(PhiloxBatch, LaterBlocksAreThoseOfTheStreams) {
  std::vector<std::uint64_t> ids(40);
  for (std::size_t k = 0; k < ids.size(); ++k) ids[k] = 0x9000000000ULL * k + 17 * k;
  for (const std::uint32_t block : {1u, 2u, 7u, 0xFFFFu})
    for (const auto isa : {PhiloxIsa::Scalar, PhiloxIsa::Avx2, PhiloxIsa::Avx512}) {
      std::vector<std::uint32_t> words(4 * ids.size());
      philox_block_words(5, 0x200000001ULL, RngPurpose::Migration, block, ids.data(), ids.size(),
                         words.data(), ids.size(), isa);
      for (std::size_t k = 0; k < ids.size(); ++k) {
        RandomStream plain(5, 0x200000001ULL, ids[k], RngPurpose::Migration);
        for (std::uint32_t skip = 0; skip < 4 * block; ++skip) plain.next_u32();
        for (std::size_t j = 0; j < 4; ++j)
          ASSERT_EQ(words[j * ids.size() + k], plain.next_u32())
              << "isa " << static_cast<int>(isa) << " block " << block << " k " << k;
      }
    }
  const std::uint64_t id = 1;
  std::uint32_t w[4] = {};
  EXPECT_THROW(philox_block_words(1, 1, RngPurpose::Death, 0x10000, &id, 1, w, 1),
               std::invalid_argument);
}

TEST(PhiloxBatch, FirstWordsRejectAStrideBelowTheCount) {
  const std::uint64_t ids[3] = {1, 2, 3};
  std::uint32_t words[8] = {};
  EXPECT_THROW(philox_first_words(1, 1, RngPurpose::Death, ids, 3, words, 2),
               std::invalid_argument);
}

TEST(PhiloxBatch, AStreamFromItsFirstBlockContinuesAsThePlainStream) {
  const std::uint64_t id = 0xdeadbeef12345ULL;
  std::uint32_t words[4] = {};
  philox_first_words(42, 9, RngPurpose::Division, &id, 1, words, 1);
  const PhiloxBlock first{words[0], words[1], words[2], words[3]};
  RandomStream plain(42, 9, id, RngPurpose::Division);
  RandomStream started(42, 9, id, RngPurpose::Division, first);
  for (int i = 0; i < 40; ++i) ASSERT_EQ(plain.next_u32(), started.next_u32()) << i;
  EXPECT_EQ(plain.uniform(), started.uniform());
}

// A wrong block (as from a stale batch) gives a different stream: the test
// above would notice a constructor that ignored it.
TEST(PhiloxBatch, TheGivenBlockIsUsed) {
  RandomStream plain(1, 2, 3, RngPurpose::Death);
  RandomStream other(1, 2, 3, RngPurpose::Death, PhiloxBlock{1, 2, 3, 4});
  EXPECT_EQ(other.next_u32(), 1u);
  EXPECT_NE(plain.next_u32(), 1u);
}

}  // namespace
}  // namespace hosim
