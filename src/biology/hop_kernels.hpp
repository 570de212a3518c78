#pragma once
// The vector kernels of the batched hop (biology/hop_batch.hpp), internal to
// it: what they read, what they give, and one function per instruction set.
// hop_batch.cpp picks one and finishes its outcome.
//
// Every floating-point operation in them is hop_target's, tanh_bracket's
// and chemotactic_choice's (no fused multiply-add: the intrinsics say each
// one), on the same values in the same order, so the bits are the same on
// every path; tests/biology/hop_batch_test.cpp compares each with
// hop_target.
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
void hops_avx2(const Lattice& L, const std::uint32_t* voxel, const double* u01, std::size_t n,
               Outcome& out);

}  // namespace hosim::hop_detail
