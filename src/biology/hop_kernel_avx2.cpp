// The AVX2 kernel of the batched hop (biology/hop_kernels.hpp): four cells
// per vector, for processors without AVX-512 (such as the Zen 2 and Zen 3
// EPYCs of many clusters), which otherwise take the hop cell by cell.
//
// It is the AVX-512 kernel's arithmetic, operation for operation, on four
// lanes instead of eight. AVX2 has no mask registers, so a lane mask is kept
// as the low four bits of an int (from movemask) and turned into a vector
// for a blend from a table; a masked add is the add and a blend, which gives
// the same bits. AVX2 also has no unsigned compares or conversions: voxel
// indices go through signed ones, which is why the lattice must have fewer
// than 2^31 voxels (hop_targets checks).
#include <immintrin.h>

#include <algorithm>
#include <array>
#include <cfloat>
#include <cstdint>

#include "biology/hop_kernels.hpp"

namespace hosim::hop_detail {

namespace {

constexpr std::size_t W = 4;

// Lane masks by their four bits: lane i all ones where bit i is set, as
// 64-bit lanes (for doubles) and as 32-bit lanes (for indices).
struct MaskTables {
  alignas(32) std::array<std::array<std::int64_t, 4>, 16> wide{};
  alignas(16) std::array<std::array<std::int32_t, 4>, 16> narrow{};
};
constexpr MaskTables make_mask_tables() {
  MaskTables t;
  for (unsigned m = 0; m < 16; ++m)
    for (unsigned i = 0; i < 4; ++i) {
      t.wide[m][i] = (m >> i) & 1u ? -1 : 0;
      t.narrow[m][i] = (m >> i) & 1u ? -1 : 0;
    }
  return t;
}
constexpr MaskTables kMasks = make_mask_tables();

__attribute__((target("avx2"), always_inline)) inline __m256d mask_pd(unsigned m) {
  return _mm256_load_pd(reinterpret_cast<const double*>(kMasks.wide[m].data()));
}
__attribute__((target("avx2"), always_inline)) inline __m128i mask_epi32(unsigned m) {
  return _mm_load_si128(reinterpret_cast<const __m128i*>(kMasks.narrow[m].data()));
}
// The four bits of a compare's result.
__attribute__((target("avx2"), always_inline)) inline unsigned bits(__m256d c) {
  return static_cast<unsigned>(_mm256_movemask_pd(c));
}
__attribute__((target("avx2"), always_inline)) inline unsigned bits(__m128i c) {
  return static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(c)));
}
// yes where bit i of m is set, else no.
__attribute__((target("avx2"), always_inline)) inline __m256d select(unsigned m, __m256d yes,
                                                                     __m256d no) {
  return _mm256_blendv_pd(no, yes, mask_pd(m));
}
__attribute__((target("avx2"), always_inline)) inline __m128i select(unsigned m, __m128i yes,
                                                                     __m128i no) {
  return _mm_blendv_epi8(no, yes, mask_epi32(m));
}

// Four values at the indices idx[0..3] of base, by scalar loads (as the
// AVX-512 kernel; gathers were no faster there).
__attribute__((target("avx2"), always_inline)) inline __m256d load4(const double* base,
                                                                    const std::uint32_t* idx) {
  idx = opaque(idx);
  return _mm256_set_pd(base[idx[3]], base[idx[2]], base[idx[1]], base[idx[0]]);
}
__attribute__((target("avx2"), always_inline)) inline __m128i load4_i32(const std::uint32_t* base,
                                                                        const std::uint32_t* idx) {
  idx = opaque(idx);
  return _mm_set_epi32(static_cast<int>(base[idx[3]]), static_cast<int>(base[idx[2]]),
                       static_cast<int>(base[idx[1]]), static_cast<int>(base[idx[0]]));
}

// base[idx[i]] into lane i of first and base[idx[i] + 1] into lane i of
// second: four 16-byte loads, two inserts and two unpacks.
__attribute__((target("avx2"), always_inline)) inline void load4_pairs(const double* base,
                                                                       const std::uint32_t* idx,
                                                                       __m256d& first,
                                                                       __m256d& second) {
  idx = opaque(idx);
  const auto pair = [&](int i) { return _mm_loadu_pd(base + idx[i]); };
  // Lanes: a = (p0.0, p0.1, p2.0, p2.1), b = (p1.0, p1.1, p3.0, p3.1).
  const __m256d a = _mm256_insertf128_pd(_mm256_castpd128_pd256(pair(0)), pair(2), 1);
  const __m256d b = _mm256_insertf128_pd(_mm256_castpd128_pd256(pair(1)), pair(3), 1);
  first = _mm256_unpacklo_pd(a, b);
  second = _mm256_unpackhi_pd(a, b);
}

// -x: the sign bit flipped (as unary minus; 0 − x differs at x = 0).
__attribute__((target("avx2"), always_inline)) inline __m256d negate(__m256d x) {
  return _mm256_xor_pd(x, _mm256_set1_pd(-0.0));
}

}  // namespace

__attribute__((target("avx2"))) void hops_avx2(const Lattice& L, const std::uint32_t* voxel,
                                               const double* u01, std::size_t n, Outcome& out) {
  const __m256d nxd = _mm256_set1_pd(L.nx), nyd = _mm256_set1_pd(L.ny);
  const __m128i nx = _mm_set1_epi32(static_cast<int>(L.nx));
  const __m128i ny = _mm_set1_epi32(static_cast<int>(L.ny));
  const __m256d zero = _mm256_setzero_pd(), one = _mm256_set1_pd(1.0);
  const __m256d chi = _mm256_set1_pd(L.chi);
  const __m256d h0 = _mm256_set1_pd(L.h0), h1 = _mm256_set1_pd(L.h1);
  const __m256d sixteen = _mm256_set1_pd(16.0), per_unit = _mm256_set1_pd(kPerUnit);
  const __m256d margin = _mm256_set1_pd(kMargin), dbl_max = _mm256_set1_pd(DBL_MAX);
  const __m256d beyond_lo = _mm256_set1_pd(1 - kMargin), beyond_hi = _mm256_set1_pd(1 + kMargin);
  const __m256d magnitude = _mm256_castsi256_pd(_mm256_set1_epi64x(INT64_MAX));
  const __m128i one_bit = _mm_set1_epi32(1);
  const __m128i izero = _mm_setzero_si128();
  const __m128i size[3] = {nx, ny, _mm_set1_epi32(static_cast<int>(L.nz))};
  const std::uint32_t stride[3] = {1, L.nx, L.plane};
  for (std::size_t base = 0; base < n; base += W) {
    const std::size_t m = std::min(W, n - base);
    const unsigned live = (1u << m) - 1u;
    // Lanes past the batch start at voxel 0 with draw 0, as the AVX-512
    // kernel's masked loads; `live` keeps them out of every count.
    alignas(16) std::uint32_t own[W] = {0, 0, 0, 0};
    alignas(32) double draw[W] = {0, 0, 0, 0};
    for (std::size_t j = 0; j < m; ++j) {
      own[j] = voxel[base + j];
      draw[j] = u01[base + j];
    }
    const __m128i v = _mm_load_si128(reinterpret_cast<const __m128i*>(own));
    const __m256d u = _mm256_load_pd(draw);
    // Coordinates, by double division as in the portable path.
    const __m128i row = _mm256_cvttpd_epi32(_mm256_div_pd(_mm256_cvtepi32_pd(v), nxd));
    const __m128i z = _mm256_cvttpd_epi32(_mm256_div_pd(_mm256_cvtepi32_pd(row), nyd));
    const __m128i coord[3] = {_mm_sub_epi32(v, _mm_mullo_epi32(row, nx)),
                              _mm_sub_epi32(row, _mm_mullo_epi32(z, ny)), z};
    // All four lanes live and a plane or more from both ends of the lattice:
    // every neighbour index own + offset lies inside it.
    bool interior = m == W;
    for (std::size_t j = 0; j < W; ++j)
      interior = interior && own[j] >= L.plane && own[j] < L.below_top;
    const __m256d f0v = L.f0 != nullptr ? load4(L.f0, own) : zero;
    const __m256d f1v = L.f1 != nullptr ? load4(L.f1, own) : zero;

    __m128i nb[6];
    __m256d wlo[6], whi[6];
    unsigned counts[6];
    __m256d total_lo = zero, total_hi = zero;
    __m128i last = _mm_set1_epi32(-1);
    unsigned exact = 0;
#pragma GCC unroll 6
    for (int d = 0; d < 6; ++d) {
      const int axis = d / 2;
      const bool up = d % 2 == 0;
      // c + 1 < size (up) or c > 0 (down); coordinates and sizes are below
      // 2^31, so the signed compares are the unsigned ones.
      const unsigned exists =
          (up ? bits(_mm_cmplt_epi32(_mm_add_epi32(coord[axis], _mm_set1_epi32(1)), size[axis]))
              : bits(_mm_cmpgt_epi32(coord[axis], izero))) &
          live;
      const auto offset = static_cast<int>(up ? stride[axis] : 0u - stride[axis]);
      const __m128i b = _mm_add_epi32(v, _mm_and_si128(mask_epi32(exists), _mm_set1_epi32(offset)));
      // Where every neighbour index lies inside the lattice, each lane's is
      // its own voxel plus the offset, in a register (no vector to take
      // apart); else the lanes' indices `at`, their own voxel where the
      // neighbour does not exist.
      alignas(16) std::uint32_t at[W];
      if (!interior) _mm_store_si128(reinterpret_cast<__m128i*>(at), b);
      const auto index = [&](std::size_t i) {
        return interior ? own[i] + static_cast<std::uint32_t>(offset) : at[i];
      };
      // Empty and open: the neighbour's bit in the open map, lane by lane.
      unsigned open_bits = 0;
      for (std::size_t i = 0; i < W; ++i) {
        const std::uint32_t w = index(i);
        open_bits |= ((L.open[w >> 5] >> (w & 31u)) & 1u) << i;
      }
      const unsigned open = exists & open_bits;
      // The attraction: 0, plus each field's term, as GradientAttraction.
      __m256d a = zero;
      if (L.f0 != nullptr)
        a = _mm256_add_pd(
            a, _mm256_div_pd(
                   _mm256_sub_pd(interior ? load4(L.f0 + offset, own) : load4(L.f0, at), f0v), h0));
      if (L.f1 != nullptr)
        a = _mm256_add_pd(
            a, _mm256_div_pd(
                   _mm256_sub_pd(interior ? load4(L.f1 + offset, own) : load4(L.f1, at), f1v), h1));
      a = _mm256_and_pd(a, mask_pd(open));
      // tanh_bracket.
      const __m256d mag = _mm256_and_pd(a, magnitude);
      const unsigned in_table = bits(_mm256_cmp_pd(mag, sixteen, _CMP_LT_OQ));
      const __m256d x = _mm256_mul_pd(_mm256_and_pd(mag, mask_pd(in_table)), per_unit);
      const __m128i k = _mm256_cvttpd_epi32(x);
      const __m256d f = _mm256_sub_pd(x, _mm256_cvtepi32_pd(k));
      alignas(16) std::uint32_t node[W];
      _mm_store_si128(reinterpret_cast<__m128i*>(node), k);
      __m256d t0, t1;
      load4_pairs(L.nodes, node, t0, t1);
      const __m256d mid = _mm256_add_pd(t0, _mm256_mul_pd(_mm256_sub_pd(t1, t0), f));
      const __m256d lo = select(in_table, _mm256_sub_pd(mid, margin), beyond_lo);
      const __m256d hi = select(in_table, _mm256_add_pd(mid, margin), beyond_hi);
      const unsigned negative = bits(_mm256_cmp_pd(a, zero, _CMP_LT_OQ));
      const __m256d t_lo = select(negative, negate(hi), lo);
      const __m256d t_hi = select(negative, negate(lo), hi);
      // The weights' brackets, what counts, and what needs the exact weights.
      const __m256d w_lo = _mm256_add_pd(one, _mm256_mul_pd(chi, t_lo));
      const __m256d w_hi = _mm256_add_pd(one, _mm256_mul_pd(chi, t_hi));
      const unsigned finite = bits(_mm256_cmp_pd(mag, dbl_max, _CMP_LE_OQ));
      const unsigned lo_positive = bits(_mm256_cmp_pd(w_lo, zero, _CMP_GT_OQ));
      const unsigned hi_positive = bits(_mm256_cmp_pd(w_hi, zero, _CMP_GT_OQ));
      const unsigned count = open & finite & lo_positive;
      exact |= open & (~finite | (~lo_positive & hi_positive));
      nb[d] = b;
      wlo[d] = w_lo;
      whi[d] = w_hi;
      counts[d] = count;
      total_lo = select(count, _mm256_add_pd(total_lo, w_lo), total_lo);
      total_hi = select(count, _mm256_add_pd(total_hi, w_hi), total_hi);
      last = select(count, _mm_set1_epi32(d), last);
    }

    // The walk.
    __m256d r_lo = _mm256_mul_pd(u, total_lo), r_hi = _mm256_mul_pd(u, total_hi);
    __m128i chosen = izero;
    unsigned decided = exact;
    for (int d = 0; d < 6; ++d) {
      const unsigned open = counts[d] & ~decided;
      const unsigned is_last = bits(_mm_cmpeq_epi32(last, _mm_set1_epi32(d)));
      const unsigned pick = open & (is_last | bits(_mm256_cmp_pd(r_hi, wlo[d], _CMP_LT_OQ)));
      const unsigned unsure = open & ~pick & ~bits(_mm256_cmp_pd(r_lo, whi[d], _CMP_GE_OQ));
      const unsigned pass = open & ~pick & ~unsure;
      chosen = select(pick, nb[d], chosen);
      decided |= pick | unsure;
      exact |= unsure;
      r_lo = select(pass, _mm256_sub_pd(r_lo, whi[d]), r_lo);
      r_hi = select(pass, _mm256_sub_pd(r_hi, wlo[d]), r_hi);
    }
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out.chosen.data() + base), chosen);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out.last.data() + base), last);
    _mm_storeu_si128(reinterpret_cast<__m128i*>(out.exact.data() + base),
                     _mm_and_si128(mask_epi32(exact & 0xFu), one_bit));
  }
}

}  // namespace hosim::hop_detail
