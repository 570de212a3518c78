#pragma once
// The vector kernels of the batched hop (biology/hop_batch.hpp), internal to
// it: what they read, what they give, and one function per instruction set.
// hop_batch.cpp picks one and finishes its outcome.
//
// Their floating-point operations are hop_target's and
// chemotactic_choice's (no fused multiply-add in those: the intrinsics say
// each one), on the same values in the same order, and the AVX2 kernel's
// tanh brackets are tanh_bracket's. The AVX-512 kernel brackets tanh its
// own way (kExpMargin, below). Every bracket holds std::tanh of the
// attraction, which the exact comparisons use, so every target a kernel
// settles is hop_target's, and the cells it cannot settle go to
// hop_target; tests/biology/hop_batch_test.cpp compares each path with it.
#include <array>
#include <cstddef>
#include <cstdint>

#include "biology/chemotaxis.hpp"
#include "biology/hop_batch.hpp"

namespace hosim::hop_detail {

inline constexpr std::size_t B = kHopBatch;

// The indices a kernel has just stored from a vector, behind a pointer the
// compiler cannot see through, so the loads they address read them back
// from memory (L1). Seeing the store, GCC 12 took each index out of the
// vector register instead (valignd, vmovd, shl per lane, and spills of the
// general registers to vector ones when they ran out): 772 of the AVX-512
// kernel's 2033 instructions, against 206 loads of data. An index read back
// is one load and no arithmetic. Same values, same bits.
template <class T>
[[gnu::always_inline]] inline const T* opaque(const T* p) {
  asm("" : "+r"(p));
  return p;
}

inline constexpr double kMargin = tanh_table::kMargin;
inline constexpr double kPerUnit = tanh_table::kPerUnit;

// The AVX-512 kernel brackets tanh without the table: tanh y = (1 − e) /
// (1 + e) with e = exp(−2y) = 2^t, t = −2y·log2(e) ≤ 0 split into its floor
// n and f = t − n in [0, 1), 2^f by the polynomial kExp2Poly (Chebyshev
// interpolation of degree 6 on [0, 1] written in powers of f; relative
// error 2.53e-9 at 200 001 points of [0, 1], numpy 1.24), 2^n exactly
// (scalef), and the quotient by the processor's reciprocal estimate
// (relative error below 2^-14) after one Newton step (below 2^-28 plus
// rounding). Then e is within 3e-9 of exp(−2y) relative, which moves the
// quotient by at most 6e-9, and the quotient is off by at most 4e-9 more;
// rounding in t (|t| ≤ 58) adds below 1e-14, clamping y at 20 below 1e-17
// (tanh 20 = 1 − 8.5e-18), and std::tanh, which the exact path uses, is
// within 1e-12 of tanh. The bracket's half-width kExpMargin, 1e-6, covers
// all of it a hundred times over; tests/biology/hop_batch_test.cpp checks
// the bracket against std::tanh densely. Why: the table's lookup (an index
// per cell, eight 16-byte loads and their shuffles per direction) took
// more instructions than this arithmetic (the kernel's code went from 1775
// to 1647 instructions), and the narrower bracket sends fewer cells to
// hop_target. BM_HopTargets/2 (2026-12-07, AMD EPYC Zen 4, 6 alternated
// rounds of 5, medians) 22.5 → 20.9 ns per hop on 100³ and 40³ alike.
inline constexpr double kExpMargin = 1e-6;
inline constexpr double kExp2Poly[7] = {
    1.0000000025307496,   0.6931469327586367,    0.2402304544146914,    0.05548063018694192,
    0.009684186329081964, 0.0012391331665477473, 0.00021865785363063748};

// What a kernel reads.
struct Lattice {
  std::uint32_t nx, ny, nz;
  std::uint32_t plane, below_top;  // nx·ny; the voxel count less a plane
  // Bit v: voxel v empty and open (biology/open_map.hpp).
  const std::uint32_t* open;
  // The attraction's fields, null where absent or where chi = 0 (hop_target
  // then leaves every attraction 0).
  const real* f0;
  const real* f1;
  double h0, h1, chi;
  const double* nodes;
};

// What a kernel gives per cell: the chosen neighbour, whether there was
// one, and whether the brackets could not settle the choice (the cell then
// goes to hop_target).
struct Outcome {
  alignas(64) std::array<std::uint32_t, B> chosen;
  alignas(64) std::array<std::int32_t, B> last;  // the last direction that counts, -1: none
  alignas(64) std::array<std::int32_t, B> exact;
};

// The outcome of cells 0..n-1 (n ≤ B) standing at voxel[j] with draws
// u01[j]. Call only where the processor has the instruction set:
// AVX-512 F and VL; AVX2, and a lattice of fewer than 2^31 voxels (the
// AVX2 kernel converts voxel indices as signed 32-bit integers).
void hops_avx512(const Lattice& L, const std::uint32_t* voxel, const double* u01, std::size_t n,
                 Outcome& out);
// The AVX-512 kernel's brackets of std::tanh(g[i]) into lo[i], hi[i] (for
// tests/biology/hop_batch_test.cpp); call only where the processor has
// AVX-512 F and VL.
void tanh_brackets_avx512(const double* g, std::size_t n, double* lo, double* hi);
void hops_avx2(const Lattice& L, const std::uint32_t* voxel, const double* u01, std::size_t n,
               Outcome& out);

}  // namespace hosim::hop_detail
