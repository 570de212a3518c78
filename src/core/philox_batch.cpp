#include "core/philox_batch.hpp"

#include <immintrin.h>

#include <cstring>
#include <stdexcept>
#include <string>

#include "core/simd_cap.hpp"

// GCC 12's AVX-512 shift intrinsics start from _mm512_undefined_epi32(),
// which GCC 12 reports as -Wmaybe-uninitialized once inlined here (a false
// positive: every lane of that value is overwritten).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace hosim {

namespace {

// Philox4x32 constants (Salmon et al. 2011, SC'11 "Parallel random numbers:
// as easy as 1, 2, 3"; the values of Random123's philox.h).
constexpr std::uint32_t kM0 = 0xD2511F53u, kM1 = 0xCD9E8D57u;
constexpr std::uint32_t kW0 = 0x9E3779B9u, kW1 = 0xBB67AE85u;

// The key and counter words of RandomStream's constructor: all streams of a
// batch share the key and the counter's words 0 and 3; words 1 and 2 hold
// the id.
struct BatchKey {
  std::uint32_t k0, k1, c0, c3;
};

// Where the kernels put the words of streams base .. base + W (those below
// n): word j of stream k at words[j·stride + k].
struct WordOut {
  std::uint32_t* words;
  std::size_t stride;
  template <std::size_t W>
  void store(const std::uint32_t (&r)[4][W], std::size_t n, std::size_t base) const {
    const std::size_t m = n - base < W ? n - base : W;
    // A whole group as one fixed-size copy (vector moves); a copy of
    // variable length went word pair by word pair.
    for (std::size_t j = 0; j < 4; ++j) {
      if (m == W)
        std::memcpy(words + j * stride + base, r[j], sizeof r[j]);
      else
        std::memcpy(words + j * stride + base, r[j], m * sizeof(std::uint32_t));
    }
  }
};

// One stream at a time, with Random123 itself (processors without AVX2).
void blocks_scalar(const BatchKey& b, const std::uint64_t* ids, std::size_t n, const WordOut& out) {
  const r123::Philox4x32::key_type key{{b.k0, b.k1}};
  for (std::size_t i = 0; i < n; ++i) {
    const r123::Philox4x32::ctr_type ctr{
        {b.c0, static_cast<std::uint32_t>(ids[i]), static_cast<std::uint32_t>(ids[i] >> 32), b.c3}};
    const auto r = r123::Philox4x32()(ctr, key);
    const std::uint32_t words[4][1] = {{r.v[0]}, {r.v[1]}, {r.v[2]}, {r.v[3]}};
    out.store<1>(words, n, i);
  }
}

// The vector kernels below share their edges: W ids from `base` split into
// the counter words 1 (low halves) and 2 (high halves), lanes past the end
// of the batch repeating its last id (the AVX-512 kernel splits whole
// groups with vector moves instead); and the four result vectors, stored
// as words, handed to the output for the lanes that exist.
template <std::size_t W>
void split_ids(const std::uint64_t* ids, std::size_t n, std::size_t base, std::uint32_t* lo,
               std::uint32_t* hi) {
  for (std::size_t l = 0; l < W; ++l) {
    const std::uint64_t id = ids[base + l < n ? base + l : n - 1];
    lo[l] = static_cast<std::uint32_t>(id);
    hi[l] = static_cast<std::uint32_t>(id >> 32);
  }
}

// W streams side by side, one 32-bit lane each, through the ten rounds.
// A round is Random123's: (hi, lo) of M0·c0 and M1·c2, then
// c = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0), the key bumped by the Weyl
// constants between rounds. The vector multiply forms 64-bit products of
// the even lanes only, so the odd lanes go through a second multiply after
// their words are swapped into the even places, and the halves are blended
// back into 32-bit lanes.
//
// Port balance: 512-bit multiplies and shifts share one execution port, so
// the word swaps are shuffles (another port) rather than 64-bit shifts, and
// the two exclusive ors of a word are one ternary-logic operation. Two
// groups of 16 streams go through each round together, so one group's
// multiplies run while the other's wait on their results.
struct Avx512Group {
  __m512i c0, c1, c2, c3;
};

// The four result vectors of a group of W lanes (Avx512Group or Avx2Group),
// stored as words and handed to the output for the lanes that exist.
template <std::size_t W, class Group>
inline void finish_group(const Group& g, std::size_t n, std::size_t base, const WordOut& out) {
  static_assert(sizeof(g.c0) == W * sizeof(std::uint32_t));
  alignas(64) std::uint32_t r[4][W];
  std::memcpy(r[0], &g.c0, sizeof(g.c0));
  std::memcpy(r[1], &g.c1, sizeof(g.c1));
  std::memcpy(r[2], &g.c2, sizeof(g.c2));
  std::memcpy(r[3], &g.c3, sizeof(g.c3));
  out.store<W>(r, n, base);
}

__attribute__((target("avx512f"), always_inline)) inline void avx512_round(Avx512Group& g,
                                                                           __m512i m0, __m512i m1,
                                                                           __m512i ka, __m512i kb) {
  constexpr __mmask16 kOdd = 0xAAAA;
  constexpr _MM_PERM_ENUM kSwap = _MM_PERM_CDAB;  // the two words of each 64-bit lane swapped
  const __m512i e0 = _mm512_mul_epu32(g.c0, m0);
  const __m512i o0 = _mm512_mul_epu32(_mm512_srli_epi64(g.c0, 32), m0);
  const __m512i e1 = _mm512_mul_epu32(g.c2, m1);
  const __m512i o1 = _mm512_mul_epu32(_mm512_srli_epi64(g.c2, 32), m1);
  // Each product's halves into place by one masked shuffle per result
  // (where a shuffle and a blend took two): lo keeps the even products'
  // low words and takes the odd ones' from o; hi keeps the odd products'
  // high words and takes the even ones' from e. The odd words go to the
  // multiplier by a shift rather than a shuffle. The kernel is bound by its
  // vector operations (16 per round and group of 16 streams before, 12
  // now): BM_PhiloxBlocks/2 (2026-12-07, AMD EPYC Zen 4, 3 alternated
  // rounds of 5) 1.64 → 1.53 ns per block with the masked shuffles, 1.52
  // with the shifts.
  constexpr __mmask16 kEven = 0x5555;
  const __m512i lo0 = _mm512_mask_shuffle_epi32(e0, kOdd, o0, kSwap);
  const __m512i hi0 = _mm512_mask_shuffle_epi32(o0, kEven, e0, kSwap);
  const __m512i lo1 = _mm512_mask_shuffle_epi32(e1, kOdd, o1, kSwap);
  const __m512i hi1 = _mm512_mask_shuffle_epi32(o1, kEven, e1, kSwap);
  constexpr int kXor3 = 0x96;  // a ^ b ^ c
  g.c0 = _mm512_ternarylogic_epi32(hi1, g.c1, ka, kXor3);
  g.c2 = _mm512_ternarylogic_epi32(hi0, g.c3, kb, kXor3);
  g.c1 = lo1;
  g.c3 = lo0;
}

// Two 8-word halves as one 16-word vector.
__attribute__((target("avx512f"), always_inline)) inline __m512i avx512_join(__m256i low,
                                                                             __m256i high) {
  return _mm512_inserti64x4(_mm512_castsi256_si512(low), high, 1);
}

// The first step of a group: W ids into the counter words. A function of
// its own with the target attribute (a lambda inside blocks_avx512 would
// not inherit it, and a portable build could not compile its intrinsics).
__attribute__((target("avx512f"), always_inline)) inline Avx512Group avx512_start(
    const BatchKey& b, const std::uint64_t* ids, std::size_t n, std::size_t base) {
  constexpr std::size_t W = 16;
  __m512i vlo, vhi;
  if (base + W <= n) {
    // A whole group: the low and high halves of 16 ids by two narrowing
    // moves each, rather than word by word.
    const __m512i a = _mm512_loadu_si512(ids + base);
    const __m512i c = _mm512_loadu_si512(ids + base + W / 2);
    vlo = avx512_join(_mm512_cvtepi64_epi32(a), _mm512_cvtepi64_epi32(c));
    vhi = avx512_join(_mm512_cvtepi64_epi32(_mm512_srli_epi64(a, 32)),
                      _mm512_cvtepi64_epi32(_mm512_srli_epi64(c, 32)));
  } else {
    alignas(64) std::uint32_t lo[W], hi[W];
    split_ids<W>(ids, n, base, lo, hi);
    vlo = _mm512_load_si512(lo);
    vhi = _mm512_load_si512(hi);
  }
  return Avx512Group{_mm512_set1_epi32(static_cast<int>(b.c0)), vlo, vhi,
                     _mm512_set1_epi32(static_cast<int>(b.c3))};
}

__attribute__((target("avx512f"))) void blocks_avx512(const BatchKey& b, const std::uint64_t* ids,
                                                      std::size_t n, const WordOut& out) {
  constexpr std::size_t W = 16;
  const __m512i m0 = _mm512_set1_epi32(static_cast<int>(kM0));
  const __m512i m1 = _mm512_set1_epi32(static_cast<int>(kM1));
  // Two groups at a time; past the end, the second group's lanes repeat
  // the last id (split_ids) and are not stored.
  for (std::size_t base = 0; base < n; base += 2 * W) {
    Avx512Group g = avx512_start(b, ids, n, base), h = avx512_start(b, ids, n, base + W);
    std::uint32_t ka = b.k0, kb = b.k1;
    for (int round = 0; round < 10; ++round) {
      const __m512i vka = _mm512_set1_epi32(static_cast<int>(ka));
      const __m512i vkb = _mm512_set1_epi32(static_cast<int>(kb));
      avx512_round(g, m0, m1, vka, vkb);
      avx512_round(h, m0, m1, vka, vkb);
      ka += kW0;
      kb += kW1;
    }
    finish_group<W>(g, n, base, out);
    if (base + W < n) finish_group<W>(h, n, base + W, out);
  }
}

// The AVX2 kernel (processors without AVX-512, such as the AMD EPYC of the
// Zen 2 and 3 generations many clusters run): the AVX-512 kernel's rounds
// on eight lanes a vector, four groups at a time, the ids of a whole group
// split into counter words by two permutes. It had taken one group at a
// time, each round waiting on the one before, and split the ids word by
// word. BM_PhiloxBlocks/1 on the AMD EPYC (Zen 5) of 2026-12-06, medians of
// 3 alternated rounds, built for x86-64-v3 (AVX2 and its 16 vector
// registers, as on such a processor): 5.7 -> 2.8 ns a block (two groups
// 3.3, three 3.0; plain Random123 8.1). Built for that machine itself
// (the kernel may then use AVX-512's 32 registers): 5.2 -> 2.0 ns.
struct Avx2Group {
  __m256i c0, c1, c2, c3;
};

__attribute__((target("avx2"), always_inline)) inline void avx2_mulhilo(__m256i x, __m256i m,
                                                                        __m256i& hi, __m256i& lo) {
  constexpr int kOdd = 0xAA;
  constexpr int kSwap = 0xB1;  // _MM_SHUFFLE(2, 3, 0, 1): the words of each 64-bit lane swapped
  const __m256i e = _mm256_mul_epu32(x, m);
  const __m256i o = _mm256_mul_epu32(_mm256_shuffle_epi32(x, kSwap), m);
  lo = _mm256_blend_epi32(e, _mm256_shuffle_epi32(o, kSwap), kOdd);
  hi = _mm256_blend_epi32(_mm256_shuffle_epi32(e, kSwap), o, kOdd);
}

__attribute__((target("avx2"), always_inline)) inline void avx2_round(Avx2Group& g, __m256i m0,
                                                                      __m256i m1, __m256i ka,
                                                                      __m256i kb) {
  __m256i hi0, lo0, hi1, lo1;
  avx2_mulhilo(g.c0, m0, hi0, lo0);
  avx2_mulhilo(g.c2, m1, hi1, lo1);
  g.c0 = _mm256_xor_si256(_mm256_xor_si256(hi1, g.c1), ka);
  g.c2 = _mm256_xor_si256(_mm256_xor_si256(hi0, g.c3), kb);
  g.c1 = lo1;
  g.c3 = lo0;
}

__attribute__((target("avx2"), always_inline)) inline Avx2Group avx2_start(const BatchKey& b,
                                                                           const std::uint64_t* ids,
                                                                           std::size_t n,
                                                                           std::size_t base) {
  constexpr std::size_t W = 8;
  __m256i vlo, vhi;
  if (base + W <= n) {
    // A whole group: each half of four ids gathered by one permute (low
    // words to the lower 128 bits, high words to the upper), then the
    // halves of the two permutes joined.
    const __m256i words = _mm256_setr_epi32(0, 2, 4, 6, 1, 3, 5, 7);
    const __m256i a = _mm256_permutevar8x32_epi32(
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ids + base)), words);
    const __m256i c = _mm256_permutevar8x32_epi32(
        _mm256_loadu_si256(reinterpret_cast<const __m256i*>(ids + base + W / 2)), words);
    vlo = _mm256_permute2x128_si256(a, c, 0x20);
    vhi = _mm256_permute2x128_si256(a, c, 0x31);
  } else {
    alignas(32) std::uint32_t lo[W], hi[W];
    split_ids<W>(ids, n, base, lo, hi);
    vlo = _mm256_load_si256(reinterpret_cast<const __m256i*>(lo));
    vhi = _mm256_load_si256(reinterpret_cast<const __m256i*>(hi));
  }
  return Avx2Group{_mm256_set1_epi32(static_cast<int>(b.c0)), vlo, vhi,
                   _mm256_set1_epi32(static_cast<int>(b.c3))};
}

__attribute__((target("avx2"))) void blocks_avx2(const BatchKey& b, const std::uint64_t* ids,
                                                 std::size_t n, const WordOut& out) {
  constexpr std::size_t W = 8, kGroups = 4;
  const __m256i m0 = _mm256_set1_epi32(static_cast<int>(kM0));
  const __m256i m1 = _mm256_set1_epi32(static_cast<int>(kM1));
  // Past the end, a group's lanes repeat the last id (split_ids) and are not
  // stored.
  for (std::size_t base = 0; base < n; base += kGroups * W) {
    Avx2Group g[kGroups];
    for (std::size_t q = 0; q < kGroups; ++q) g[q] = avx2_start(b, ids, n, base + q * W);
    std::uint32_t ka = b.k0, kb = b.k1;
    for (int round = 0; round < 10; ++round) {
      const __m256i vka = _mm256_set1_epi32(static_cast<int>(ka));
      const __m256i vkb = _mm256_set1_epi32(static_cast<int>(kb));
      for (std::size_t q = 0; q < kGroups; ++q) avx2_round(g[q], m0, m1, vka, vkb);
      ka += kW0;
      kb += kW1;
    }
    for (std::size_t q = 0; q < kGroups && base + q * W < n; ++q)
      finish_group<W>(g[q], n, base + q * W, out);
  }
}

// The kernel for `isa`, or the widest the processor has if that is narrower.
void run_blocks(PhiloxIsa isa, const BatchKey& b, const std::uint64_t* ids, std::size_t n,
                const WordOut& out) {
  if (isa > best_philox_isa()) isa = best_philox_isa();
  switch (isa) {
    case PhiloxIsa::Avx512:
      return blocks_avx512(b, ids, n, out);
    case PhiloxIsa::Avx2:
      return blocks_avx2(b, ids, n, out);
    case PhiloxIsa::Scalar:
      break;
  }
  blocks_scalar(b, ids, n, out);
}

// The key and the shared counter words of RandomStream's constructor.
BatchKey batch_key(std::uint64_t seed, std::uint64_t step, RngPurpose purpose) {
  return {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32),
          static_cast<std::uint32_t>(step),
          (static_cast<std::uint32_t>(purpose) << 16) ^ static_cast<std::uint32_t>(step >> 32)};
}

}  // namespace

PhiloxIsa best_philox_isa() {
  // The levels are numbered alike.
  static_assert(static_cast<int>(PhiloxIsa::Scalar) == static_cast<int>(SimdLevel::Portable) &&
                static_cast<int>(PhiloxIsa::Avx2) == static_cast<int>(SimdLevel::Avx2) &&
                static_cast<int>(PhiloxIsa::Avx512) == static_cast<int>(SimdLevel::Avx512));
  return static_cast<PhiloxIsa>(simd_level());
}

void philox_block_words(std::uint64_t seed, std::uint64_t step, RngPurpose purpose,
                        std::uint32_t block, const std::uint64_t* ids, std::size_t n,
                        std::uint32_t* words, std::size_t stride, PhiloxIsa isa) {
  if (n == 0) return;
  if (stride < n)
    throw std::invalid_argument("philox_block_words: stride " + std::to_string(stride) +
                                " is below the " + std::to_string(n) + " streams");
  if (block > 0xFFFFu)
    throw std::invalid_argument("philox_block_words: block " + std::to_string(block) +
                                " is beyond a stream's 65536 blocks");
  BatchKey key = batch_key(seed, step, purpose);
  key.c3 ^= block;  // as RandomStream's refill numbers its blocks
  run_blocks(isa, key, ids, n, WordOut{words, stride});
}

void philox_first_words(std::uint64_t seed, std::uint64_t step, RngPurpose purpose,
                        const std::uint64_t* ids, std::size_t n, std::uint32_t* words,
                        std::size_t stride, PhiloxIsa isa) {
  philox_block_words(seed, step, purpose, 0, ids, n, words, stride, isa);
}

}  // namespace hosim
