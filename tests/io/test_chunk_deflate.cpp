// The shuffle + deflate pipeline hosim applies to snapshot chunks itself
// (io/chunk_deflate.hpp): HDF5's byte layout, and zlib round trips.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

#include "io/chunk_deflate.hpp"

namespace hosim::io {
namespace {

TEST(ChunkDeflate, ShuffleGroupsBytesOfEqualSignificance) {
  // Three 4-byte elements and two trailing bytes: byte j of element i goes
  // to j·3 + i; the trailing bytes stay at the end (HDF5's H5Z_filter_shuffle).
  const std::vector<std::uint8_t> in{0x10, 0x11, 0x12, 0x13, 0x20, 0x21, 0x22,
                                     0x23, 0x30, 0x31, 0x32, 0x33, 0xA0, 0xA1};
  std::vector<std::uint8_t> out(in.size());
  shuffle_bytes(in, 4, out);
  EXPECT_EQ(out, (std::vector<std::uint8_t>{0x10, 0x20, 0x30, 0x11, 0x21, 0x31, 0x12, 0x22, 0x32,
                                            0x13, 0x23, 0x33, 0xA0, 0xA1}));
  std::vector<std::uint8_t> back(in.size());
  unshuffle_bytes(out, 4, back);
  EXPECT_EQ(back, in);
}

TEST(ChunkDeflate, OneByteElementsAndShortInputsAreCopied) {
  const std::vector<std::uint8_t> in{1, 2, 3};
  std::vector<std::uint8_t> out(3);
  shuffle_bytes(in, 1, out);
  EXPECT_EQ(out, in);
  shuffle_bytes(in, 8, out);  // no whole element
  EXPECT_EQ(out, in);
  std::vector<std::uint8_t> wrong(2);
  EXPECT_THROW(shuffle_bytes(in, 4, wrong), std::invalid_argument);
}

TEST(ChunkDeflate, InflatesBackToTheShuffledBytes) {
  std::vector<std::uint8_t> raw(4 * 3600);
  for (std::size_t i = 0; i < raw.size(); ++i)
    raw[i] = static_cast<std::uint8_t>((i % 4 == 3) ? 0x42 : (i * 7) & 0xFF);
  for (const int level : {1, 4, 9}) {
    std::vector<std::uint8_t> packed;
    shuffle_deflate(raw, 4, level, packed);
    EXPECT_LT(packed.size(), raw.size());
    std::vector<std::uint8_t> inflated(raw.size());
    uLongf size = inflated.size();
    ASSERT_EQ(uncompress(inflated.data(), &size, packed.data(), packed.size()), Z_OK);
    ASSERT_EQ(size, raw.size());
    std::vector<std::uint8_t> back(raw.size());
    unshuffle_bytes(inflated, 4, back);
    EXPECT_EQ(back, raw) << "level " << level;
  }
}

TEST(ChunkDeflate, RejectsALevelOutsideOneToNine) {
  const std::vector<std::uint8_t> raw(16, 0);
  std::vector<std::uint8_t> out;
  EXPECT_THROW(shuffle_deflate(raw, 4, 0, out), std::invalid_argument);
  EXPECT_THROW(shuffle_deflate(raw, 4, 10, out), std::invalid_argument);
}

}  // namespace
}  // namespace hosim::io
