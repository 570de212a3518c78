// The AVX-512 kernel of the batched hop (biology/hop_kernels.hpp): eight
// cells per vector, the six directions and the walk in registers.
#include <immintrin.h>

#include <algorithm>
#include <cfloat>
#include <cstdint>

#include "biology/hop_kernels.hpp"

// GCC 12's AVX-512 intrinsics start some values from _mm512_undefined_*(),
// which it reports as -Wmaybe-uninitialized once inlined (a false positive,
// as in core/philox_batch.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace hosim::hop_detail {

namespace {

// Eight values at the indices idx[0..7] of base, by scalar loads. On the
// AMD EPYC a gather instruction cost about 8 ns (dropping the six anatomy
// gathers of a vector of eight cells saved 6 ns per cell, BM_HopTargets,
// 2026-12-06), and the kernel ran as fast with scalar loads as with
// gathers; with the indices read back from memory (opaque) the gathers
// were 1.45 x slower (BM_HopTargets/2/100, 2026-12-07).
__attribute__((target("avx512f,avx512vl"), always_inline)) inline __m512d load8(
    const double* base, const std::uint32_t* idx) {
  idx = opaque(idx);
  return _mm512_set_pd(base[idx[7]], base[idx[6]], base[idx[5]], base[idx[4]], base[idx[3]],
                       base[idx[2]], base[idx[1]], base[idx[0]]);
}
template <class T>
__attribute__((target("avx512f,avx512vl"), always_inline)) inline __m256i load8_i32(
    const T* base, const std::uint32_t* idx) {
  idx = opaque(idx);
  return _mm256_set_epi32(base[idx[7]], base[idx[6]], base[idx[5]], base[idx[4]], base[idx[3]],
                          base[idx[2]], base[idx[1]], base[idx[0]]);
}

// base[a − 1 … a + 2] and base[b − 1 … b + 2] as one vector. A function of
// its own with the target attribute: a lambda inside load8_row3 would not
// inherit it, and a build for processors without AVX could not compile it.
__attribute__((target("avx512f,avx512vl"), always_inline)) inline __m512d two_quads(
    const double* base, std::uint32_t a, std::uint32_t b) {
  return _mm512_insertf64x4(_mm512_castpd256_pd512(_mm256_loadu_pd(base + a - 1)),
                            _mm256_loadu_pd(base + b - 1), 1);
}

// The field at v − 1, v and v + 1 for the voxels v = idx[0..7], from one
// 32-byte load per cell (v − 1 … v + 2) and a transpose: eight loads and
// nine shuffles, where three calls of load8 make 24 loads and about as
// many inserts. Reads base[v + 2], so only where that lies in the field.
__attribute__((target("avx512f,avx512vl"), always_inline)) inline void load8_row3(
    const double* base, const std::uint32_t* idx, __m512d& minus, __m512d& centre, __m512d& plus) {
  idx = opaque(idx);
  // Quads q0 … q7 (q_i = base[v_i − 1 … v_i + 2]) two to a vector.
  const __m512d q01 = two_quads(base, idx[0], idx[1]), q23 = two_quads(base, idx[2], idx[3]),
                q45 = two_quads(base, idx[4], idx[5]), q67 = two_quads(base, idx[6], idx[7]);
  // Elements 0 and 1 (2 and 3) of four quads: [q0[e] q1[e] q2[e] q3[e] | the same of e + 1].
  const __m512i e01 = _mm512_setr_epi64(0, 4, 8, 12, 1, 5, 9, 13);
  const __m512i e23 = _mm512_setr_epi64(2, 6, 10, 14, 3, 7, 11, 15);
  const __m512d a01 = _mm512_permutex2var_pd(q01, e01, q23);
  const __m512d b01 = _mm512_permutex2var_pd(q45, e01, q67);
  const __m512d a23 = _mm512_permutex2var_pd(q01, e23, q23);
  const __m512d b23 = _mm512_permutex2var_pd(q45, e23, q67);
  minus = _mm512_shuffle_f64x2(a01, b01, 0x44);   // the lower halves: element 0
  centre = _mm512_shuffle_f64x2(a01, b01, 0xEE);  // the upper halves: element 1
  plus = _mm512_shuffle_f64x2(a23, b23, 0x44);
}

// A field at one neighbour of each of eight cells: at base + offset with the
// cells' own indices when all eight are interior (see hops_avx512), else at
// the indices `at`. A function of its own with the target attribute: a
// lambda inside the kernel would not inherit it.
__attribute__((target("avx512f,avx512vl"), always_inline)) inline __m512d at_neighbour(
    const double* base, int offset, bool interior, const std::uint32_t* own,
    const std::uint32_t* at) {
  return interior ? load8(base + offset, own) : load8(base, at);
}

// The constants of tanh_bracket_of_magnitude, set once per call of a
// kernel. A struct of its own with the target attribute's members built by
// a function that has it.
struct TanhConstants {
  __m512d one, margin, twenty, minus_two_log2e, c[7];
  __attribute__((target("avx512f,avx512vl"))) TanhConstants() {
    one = _mm512_set1_pd(1.0);
    margin = _mm512_set1_pd(kExpMargin);
    twenty = _mm512_set1_pd(20.0);
    minus_two_log2e = _mm512_set1_pd(-2.0 * 1.4426950408889634);
    for (int k = 0; k < 7; ++k) c[k] = _mm512_set1_pd(kExp2Poly[k]);
  }
};

// lo ≤ std::tanh(m) ≤ hi for magnitudes m ≥ 0 (NaN lanes: anything; the
// kernel sends them to hop_target): tanh m = (1 − e)/(1 + e) with e =
// exp(−2·min(m, 20)) = 2^n·2^f (kExp2Poly), the quotient by the reciprocal
// estimate and one Newton step, widened by kExpMargin (hop_kernels.hpp).
__attribute__((target("avx512f,avx512vl"), always_inline)) inline void tanh_bracket_of_magnitude(
    const TanhConstants& k, __m512d m, __m512d& lo, __m512d& hi) {
  const __m512d t = _mm512_mul_pd(_mm512_min_pd(m, k.twenty), k.minus_two_log2e);
  const __m512d n = _mm512_roundscale_pd(t, _MM_FROUND_TO_NEG_INF | _MM_FROUND_NO_EXC);
  const __m512d f = _mm512_sub_pd(t, n);
  __m512d p = _mm512_fmadd_pd(k.c[6], f, k.c[5]);
  for (int j = 4; j >= 0; --j) p = _mm512_fmadd_pd(p, f, k.c[j]);
  const __m512d e = _mm512_scalef_pd(p, n);
  const __m512d denominator = _mm512_add_pd(k.one, e);
  __m512d r = _mm512_rcp14_pd(denominator);
  r = _mm512_fmadd_pd(r, _mm512_fnmadd_pd(denominator, r, k.one), r);
  const __m512d mid = _mm512_mul_pd(_mm512_sub_pd(k.one, e), r);
  lo = _mm512_sub_pd(mid, k.margin);
  hi = _mm512_add_pd(mid, k.margin);
}

// -x: the sign bit flipped (as unary minus; 0 − x differs at x = 0).
__attribute__((target("avx512f,avx512vl"), always_inline)) inline __m512d negate(__m512d x) {
  return _mm512_castsi512_pd(
      _mm512_xor_si512(_mm512_castpd_si512(x), _mm512_set1_epi64(INT64_MIN)));
}

// The bracket of std::tanh(a), given mag = |a|: the magnitude's, negated
// for a negative a (tanh is odd). The kernel and tanh_brackets_avx512 (its
// test's entry) share it.
__attribute__((target("avx512f,avx512vl"), always_inline)) inline void tanh_bracket_of(
    const TanhConstants& k, __m512d a, __m512d mag, __m512d& lo, __m512d& hi) {
  __m512d m_lo, m_hi;
  tanh_bracket_of_magnitude(k, mag, m_lo, m_hi);
  const __mmask8 negative = _mm512_cmp_pd_mask(a, _mm512_setzero_pd(), _CMP_LT_OQ);
  lo = _mm512_mask_blend_pd(negative, m_lo, negate(m_hi));
  hi = _mm512_mask_blend_pd(negative, m_hi, negate(m_lo));
}

}  // namespace

__attribute__((target("avx512f,avx512vl"))) void hops_avx512(const Lattice& L,
                                                             const std::uint32_t* voxel,
                                                             const double* u01, std::size_t n,
                                                             Outcome& out) {
  constexpr std::size_t W = 8;
  const __m512d nxd = _mm512_set1_pd(L.nx), nyd = _mm512_set1_pd(L.ny);
  const __m256i nx = _mm256_set1_epi32(static_cast<int>(L.nx));
  const __m256i ny = _mm256_set1_epi32(static_cast<int>(L.ny));
  const __m512d zero = _mm512_setzero_pd(), one = _mm512_set1_pd(1.0);
  const __m512d chi = _mm512_set1_pd(L.chi);
  const __m512d h0 = _mm512_set1_pd(L.h0), h1 = _mm512_set1_pd(L.h1);
  const __m512d dbl_max = _mm512_set1_pd(DBL_MAX);
  const TanhConstants tc;
  const __m256i thirty_one = _mm256_set1_epi32(31), one_bit = _mm256_set1_epi32(1);
  const std::uint32_t size[3] = {L.nx, L.ny, L.nz};
  const std::uint32_t stride[3] = {1, L.nx, L.plane};
  for (std::size_t base = 0; base < n; base += W) {
    const std::size_t m = std::min(W, n - base);
    const auto live = static_cast<__mmask8>((1u << m) - 1u);
    const __m256i v = _mm256_maskz_loadu_epi32(live, voxel + base);
    const __m512d u = _mm512_maskz_loadu_pd(live, u01 + base);
    // Coordinates, by double division as in the portable path.
    const __m256i row = _mm512_cvttpd_epu32(_mm512_div_pd(_mm512_cvtepu32_pd(v), nxd));
    const __m256i z = _mm512_cvttpd_epu32(_mm512_div_pd(_mm512_cvtepu32_pd(row), nyd));
    const __m256i coord[3] = {_mm256_sub_epi32(v, _mm256_mullo_epi32(row, nx)),
                              _mm256_sub_epi32(row, _mm256_mullo_epi32(z, ny)), z};
    alignas(32) std::uint32_t own[W];
    _mm256_store_si256(reinterpret_cast<__m256i*>(own), v);
    // All eight cells a plane or more from both ends of the lattice: every
    // neighbour index v + offset lies inside it, so the fields are read at
    // base + offset with the cells' own indices (no index vector to take
    // apart per direction); a neighbour that does not exist is masked out
    // after the load. Otherwise each lane reads its neighbour or, where
    // there is none, its own voxel.
    const bool interior =
        live == 0xFF &&
        _mm256_cmpge_epu32_mask(v, _mm256_set1_epi32(static_cast<int>(L.plane))) == 0xFF &&
        _mm256_cmplt_epu32_mask(v, _mm256_set1_epi32(static_cast<int>(L.below_top))) == 0xFF;
    // Interior cells on planes of three voxels or more (so v + 2 lies
    // inside the lattice) read each field along their row at once
    // (load8_row3): the values at v − 1 and v + 1 are the x neighbours'.
    const bool by_rows = interior && L.plane >= 3;
    __m512d f0v = zero, f1v = zero, f0_minus = zero, f0_plus = zero, f1_minus = zero,
            f1_plus = zero;
    if (L.f0 != nullptr) {
      if (by_rows)
        load8_row3(L.f0, own, f0_minus, f0v, f0_plus);
      else
        f0v = load8(L.f0, own);
    }
    if (L.f1 != nullptr) {
      if (by_rows)
        load8_row3(L.f1, own, f1_minus, f1v, f1_plus);
      else
        f1v = load8(L.f1, own);
    }

    __m256i nb[6];
    __m512d wlo[6], whi[6];
    __mmask8 counts[6];
    __m512d total_lo = zero, total_hi = zero;
    __m256i last = _mm256_set1_epi32(-1);
    __mmask8 exact = 0;
#pragma GCC unroll 6
    for (int d = 0; d < 6; ++d) {
      const int axis = d / 2;
      const bool up = d % 2 == 0;
      // c + 1 < size (up) or c > 0 (down), the latter as c − 1 < 2^32 − 1.
      const __m256i shifted = _mm256_add_epi32(coord[axis], _mm256_set1_epi32(up ? 1 : -1));
      const __mmask8 exists = static_cast<__mmask8>(
          _mm256_cmplt_epu32_mask(
              shifted, _mm256_set1_epi32(static_cast<int>(up ? size[axis] : 0xFFFFFFFFu))) &
          live);
      const auto offset = static_cast<int>(up ? stride[axis] : 0u - stride[axis]);
      const __m256i b = _mm256_mask_add_epi32(v, exists, v, _mm256_set1_epi32(offset));
      alignas(32) std::uint32_t at[W];
      _mm256_store_si256(reinterpret_cast<__m256i*>(at), b);
      // Empty and open: the neighbour's bit in the open map.
      alignas(32) std::uint32_t word[W];
      _mm256_store_si256(reinterpret_cast<__m256i*>(word), _mm256_srli_epi32(b, 5));
      const __m256i bits =
          _mm256_srlv_epi32(load8_i32(L.open, word), _mm256_and_si256(b, thirty_one));
      const auto open = static_cast<__mmask8>(exists & _mm256_test_epi32_mask(bits, one_bit));
      // The attraction: 0, plus each field's term, as GradientAttraction.
      __m512d a = zero;
      const bool along_row = axis == 0 && by_rows;
      if (L.f0 != nullptr) {
        const __m512d there =
            along_row ? (up ? f0_plus : f0_minus) : at_neighbour(L.f0, offset, interior, own, at);
        a = _mm512_add_pd(a, _mm512_div_pd(_mm512_sub_pd(there, f0v), h0));
      }
      if (L.f1 != nullptr) {
        const __m512d there =
            along_row ? (up ? f1_plus : f1_minus) : at_neighbour(L.f1, offset, interior, own, at);
        a = _mm512_add_pd(a, _mm512_div_pd(_mm512_sub_pd(there, f1v), h1));
      }
      a = _mm512_maskz_mov_pd(open, a);
      const __m512d mag = _mm512_abs_pd(a);
      __m512d t_lo, t_hi;
      tanh_bracket_of(tc, a, mag, t_lo, t_hi);
      // The weights' brackets, what counts, and what needs the exact weights.
      const __m512d w_lo = _mm512_add_pd(one, _mm512_mul_pd(chi, t_lo));
      const __m512d w_hi = _mm512_add_pd(one, _mm512_mul_pd(chi, t_hi));
      const __mmask8 finite = _mm512_cmp_pd_mask(mag, dbl_max, _CMP_LE_OQ);
      const __mmask8 lo_positive = _mm512_cmp_pd_mask(w_lo, zero, _CMP_GT_OQ);
      const __mmask8 hi_positive = _mm512_cmp_pd_mask(w_hi, zero, _CMP_GT_OQ);
      const auto count = static_cast<__mmask8>(open & finite & lo_positive);
      exact = static_cast<__mmask8>(exact | (open & (~finite | (~lo_positive & hi_positive))));
      nb[d] = b;
      wlo[d] = w_lo;
      whi[d] = w_hi;
      counts[d] = count;
      total_lo = _mm512_mask_add_pd(total_lo, count, total_lo, w_lo);
      total_hi = _mm512_mask_add_pd(total_hi, count, total_hi, w_hi);
      last = _mm256_mask_mov_epi32(last, count, _mm256_set1_epi32(d));
    }

    // The walk.
    __m512d r_lo = _mm512_mul_pd(u, total_lo), r_hi = _mm512_mul_pd(u, total_hi);
    __m256i chosen = _mm256_setzero_si256();
    __mmask8 decided = exact;
    for (int d = 0; d < 6; ++d) {
      const auto open = static_cast<__mmask8>(counts[d] & ~decided);
      const __mmask8 is_last = _mm256_cmpeq_epi32_mask(last, _mm256_set1_epi32(d));
      const auto pick =
          static_cast<__mmask8>(open & (is_last | _mm512_cmp_pd_mask(r_hi, wlo[d], _CMP_LT_OQ)));
      const auto unsure =
          static_cast<__mmask8>(open & ~pick & ~_mm512_cmp_pd_mask(r_lo, whi[d], _CMP_GE_OQ));
      const auto pass = static_cast<__mmask8>(open & ~pick & ~unsure);
      chosen = _mm256_mask_mov_epi32(chosen, pick, nb[d]);
      decided = static_cast<__mmask8>(decided | pick | unsure);
      exact = static_cast<__mmask8>(exact | unsure);
      r_lo = _mm512_mask_sub_pd(r_lo, pass, r_lo, whi[d]);
      r_hi = _mm512_mask_sub_pd(r_hi, pass, r_hi, wlo[d]);
    }
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.chosen.data() + base), chosen);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.last.data() + base), last);
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out.exact.data() + base),
                        _mm256_maskz_mov_epi32(exact, _mm256_set1_epi32(1)));
  }
}

__attribute__((target("avx512f,avx512vl"))) void tanh_brackets_avx512(const double* g,
                                                                      std::size_t n, double* lo,
                                                                      double* hi) {
  const TanhConstants tc;
  for (std::size_t base = 0; base < n; base += 8) {
    const auto live = static_cast<__mmask8>((1u << std::min<std::size_t>(8, n - base)) - 1u);
    const __m512d a = _mm512_maskz_loadu_pd(live, g + base);
    __m512d l, h;
    tanh_bracket_of(tc, a, _mm512_abs_pd(a), l, h);
    _mm512_mask_storeu_pd(lo + base, live, l);
    _mm512_mask_storeu_pd(hi + base, live, h);
  }
}

}  // namespace hosim::hop_detail
