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

struct Arrays {
  const std::int32_t* occupancy;
  const std::uint8_t* anatomy;
  const float* mineral;
  double bone_block;
  std::size_t voxels;
};

// Voxels [first, first + count) of one word (count ≤ 32), one by one, with
// closed_voxel's own comparisons (the float mineral against the double
// bone_block).
std::uint32_t word_portable(const Arrays& a, std::size_t first, std::size_t count) {
  std::uint32_t w = 0;
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t v = first + k;
    const bool open = (a.occupancy[v] < 0) & (a.anatomy[v] == kMuscle) &
                      !(static_cast<double>(a.mineral[v]) >= a.bone_block);
    w |= static_cast<std::uint32_t>(open) << k;
  }
  return w;
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

__attribute__((target("avx512f"))) void build_avx512(const Arrays& a, std::uint32_t* words,
                                                     std::size_t n_words) {
  const std::size_t full = a.voxels / 32;  // words with all 32 voxels inside
  const auto nf = static_cast<std::int64_t>(full);
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < nf; ++i) {
    const std::size_t v = static_cast<std::size_t>(i) * 32;
    words[i] = static_cast<std::uint32_t>(open16(a, v)) |
               (static_cast<std::uint32_t>(open16(a, v + 16)) << 16);
  }
  for (std::size_t i = full; i < n_words; ++i) {
    const std::size_t first = i * 32;
    words[i] = first < a.voxels ? word_portable(a, first, a.voxels - first) : 0;
  }
}

void build_portable(const Arrays& a, std::uint32_t* words, std::size_t n_words) {
  const auto nw = static_cast<std::int64_t>(n_words);
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < nw; ++i) {
    const std::size_t first = static_cast<std::size_t>(i) * 32;
    words[i] =
        first < a.voxels ? word_portable(a, first, std::min<std::size_t>(32, a.voxels - first)) : 0;
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
  const Arrays a{s.occupancy.data(), s.tissue.anatomy.data(), s.tissue.layer(TissueLayer::Mineral),
                 t.bone_block, voxels};
  if (path == HopPath::Avx512 && best_hop_path() == HopPath::Avx512)
    build_avx512(a, words.data(), need);
  else
    build_portable(a, words.data(), need);
}

}  // namespace hosim
