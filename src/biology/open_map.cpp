#include "biology/open_map.hpp"

#include <immintrin.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "biology/environment.hpp"

// GCC 12 reports the AVX-512 intrinsics' _mm512_undefined_*() starts as
// -Wmaybe-uninitialized once inlined (a false positive, as in
// biology/hop_batch.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace hosim {

namespace {

constexpr auto kMuscle = static_cast<std::uint8_t>(Anatomy::Muscle);

// What the vector path reads.
struct Arrays {
  const std::int32_t* occupancy;
  const std::uint8_t* anatomy;
  const float* mineral;
  double bone_block;
};

// Words [first_word, end_word) voxel by voxel, with closed_voxel itself:
// the portable path, and the tail of words the vector path leaves.
void build_portable(const ModelState& s, const TissueParams& t, std::uint32_t* words,
                    std::size_t first_word, std::size_t end_word) {
  const std::size_t voxels = s.grid.size();
  const auto first = static_cast<std::int64_t>(first_word);
  const auto end = static_cast<std::int64_t>(end_word);
#pragma omp parallel for schedule(static) if (end - first > 1)
  for (std::int64_t i = first; i < end; ++i) {
    const std::size_t v0 = static_cast<std::size_t>(i) * 32;
    const std::size_t count = v0 < voxels ? std::min<std::size_t>(32, voxels - v0) : 0;
    std::uint32_t w = 0;
    for (std::size_t k = 0; k < count; ++k) {
      const std::size_t v = v0 + k;
      const bool open = s.occupancy[v] < 0 && !closed_voxel(s, v, t);
      w |= static_cast<std::uint32_t>(open) << k;
    }
    words[i] = w;
  }
}

// Sixteen voxels from v on: the mineral compared in double as closed_voxel
// does (a float threshold would need care at subnormal and rounded values;
// the two conversions cost nothing beside the loads).
__attribute__((target("avx512f"), always_inline)) inline __mmask16 open16(const Arrays& a,
                                                                          std::size_t v) {
  const __m512i occ = _mm512_loadu_si512(a.occupancy + v);
  const __m512i anat =
      _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i*>(a.anatomy + v)));
  const __m512 mineral = _mm512_loadu_ps(a.mineral + v);
  const __m512d bb = _mm512_set1_pd(a.bone_block);
  const __mmask8 lo =
      _mm512_cmp_pd_mask(_mm512_cvtps_pd(_mm512_castps512_ps256(mineral)), bb, _CMP_GE_OQ);
  const __mmask8 hi = _mm512_cmp_pd_mask(
      _mm512_cvtps_pd(_mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(mineral), 1))), bb,
      _CMP_GE_OQ);
  const auto closed = static_cast<__mmask16>(lo | (hi << 8));
  return static_cast<__mmask16>(_mm512_cmplt_epi32_mask(occ, _mm512_setzero_si512()) &
                                _mm512_cmpeq_epi32_mask(anat, _mm512_set1_epi32(kMuscle)) &
                                ~closed);
}

// The first `full` words, each of 32 voxels inside the lattice.
__attribute__((target("avx512f"))) void build_avx512(const Arrays& a, std::uint32_t* words,
                                                     std::size_t full) {
  const auto nf = static_cast<std::int64_t>(full);
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < nf; ++i) {
    const std::size_t v = static_cast<std::size_t>(i) * 32;
    words[i] = static_cast<std::uint32_t>(open16(a, v)) |
               (static_cast<std::uint32_t>(open16(a, v + 16)) << 16);
  }
}

// Eight voxels from v on, as open16 with AVX2: the lane masks as the low
// eight bits of an int.
__attribute__((target("avx2"), always_inline)) inline std::uint32_t open8(const Arrays& a,
                                                                          std::size_t v) {
  const __m256i occ = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a.occupancy + v));
  const __m256i anat =
      _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i*>(a.anatomy + v)));
  const __m256 mineral = _mm256_loadu_ps(a.mineral + v);
  const __m256d bb = _mm256_set1_pd(a.bone_block);
  const int lo = _mm256_movemask_pd(
      _mm256_cmp_pd(_mm256_cvtps_pd(_mm256_castps256_ps128(mineral)), bb, _CMP_GE_OQ));
  const int hi = _mm256_movemask_pd(
      _mm256_cmp_pd(_mm256_cvtps_pd(_mm256_extractf128_ps(mineral, 1)), bb, _CMP_GE_OQ));
  const int empty =
      _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(_mm256_setzero_si256(), occ)));
  const int muscle =
      _mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(anat, _mm256_set1_epi32(kMuscle))));
  return static_cast<std::uint32_t>(empty & muscle & ~(lo | (hi << 4))) & 0xFFu;
}

__attribute__((target("avx2"))) void build_avx2(const Arrays& a, std::uint32_t* words,
                                                std::size_t full) {
  const auto nf = static_cast<std::int64_t>(full);
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < nf; ++i) {
    const std::size_t v = static_cast<std::size_t>(i) * 32;
    words[i] =
        open8(a, v) | (open8(a, v + 8) << 8) | (open8(a, v + 16) << 16) | (open8(a, v + 24) << 24);
  }
}

}  // namespace

void build_open_map(const ModelState& s, const TissueParams& t, std::span<std::uint32_t> words,
                    HopPath path) {
  const std::size_t voxels = s.grid.size();
  const std::size_t need = open_map_words(voxels);
  if (words.size() < need)
    throw std::logic_error("build_open_map: " + std::to_string(words.size()) +
                           " words for a lattice of " + std::to_string(voxels) +
                           " voxels, which needs " + std::to_string(need));
  if (s.occupancy.size() != voxels || s.tissue.anatomy.size() != voxels)
    throw std::logic_error("build_open_map: occupancy or anatomy does not cover the lattice");
  std::size_t full = 0;  // words a vector path fills
  const HopPath use = std::min(path, best_hop_path());
  if (use != HopPath::Portable) {
    full = voxels / 32;
    const Arrays a{s.occupancy.data(), s.tissue.anatomy.data(),
                   s.tissue.layer(TissueLayer::Mineral), t.bone_block};
    if (use == HopPath::Avx512)
      build_avx512(a, words.data(), full);
    else
      build_avx2(a, words.data(), full);
  }
  build_portable(s, t, words.data(), full, need);
}

}  // namespace hosim
