#pragma once
// Where many hopping cells go, worked out side by side: the same targets as
// hop_target (biology/rules.hpp) cell by cell, bit for bit.
//
// Why: cell by cell, a hop is a chain of dependent steps (six neighbours
// looked up, each bracketed, then a walk through the running weights whose
// branches go either way at random). Progenitor hops were about two fifths
// of the cell step (BM_CellStep/100/1, perf, 2026-12-06, AMD EPYC). Here
// eight cells share each AVX-512 instruction, all six directions and the
// walk without a branch. BM_HopTargets (one thread, same machine): about
// 0.8 of hop_target's time per hop on 40^3, 0.9 on 100^3; BM_CellStep/100:
// the rules 45-58 -> 41-42 ns per cell on one thread, 3 alternated rounds.
// Branch-free scalar loops (the same arithmetic, left to the compiler) and
// a branch-free chemotactic_choice were slower than hop_target and were
// not kept. A processor without AVX-512 (the Zen 2 and Zen 3 EPYCs of many
// clusters) takes the same kernel in AVX2 vectors of four cells
// (biology/hop_kernel_avx2.cpp): on the AMD EPYC, BM_HopTargets/1/100 about
// 0.8 of hop_target's time per hop (0.75 built for x86-64-v3). The
// per-vector cost is about the same at four lanes as at eight; doing the
// directions of a group of vectors in separate passes (so the processor
// could overlap vectors) did not change the AVX-512 kernel's time.
//
// How it stays exact: every operation is hop_target's and
// chemotactic_choice's own, in their order, on the ends of tanh brackets
// that hold std::tanh of the attraction (the AVX2 kernel's are
// biology/chemotaxis.hpp's, from its table; the AVX-512 kernel's are
// narrower ones of its own, biology/hop_kernels.hpp). The directions are
// walked in kFaceNeighbours order, leaving out those that do not exist, are
// occupied or closed, or weigh nothing, which is the order of the
// candidates hop_target compacts. A cell whose choice the brackets cannot
// settle, or whose attraction is not finite, is handed to hop_target
// itself. tests/biology/hop_batch_test.cpp compares every target with it.
//
// Which neighbours are empty and open the vector path reads from the step's
// open map (biology/open_map.hpp, ctx.open_map), one bit per voxel, instead
// of the occupancy, anatomy and mineral arrays.
#include <cstddef>
#include <cstdint>

#include "biology/rule_context.hpp"
#include "core/simd_cap.hpp"
#include "model/proposal.hpp"

namespace hosim {

// An attraction up the gradients of at most two fields: g(a → b) =
// Σ (F[b] − F[a]) / half over the fields present, in order (nullptr: not
// present; none present: g = 0).
struct GradientAttraction {
  const real* field[2] = {nullptr, nullptr};
  double half[2] = {1.0, 1.0};

  [[nodiscard]] double operator()(std::uint32_t a, std::uint32_t b) const {
    double g = 0;
    if (field[0] != nullptr) g += (field[0][b] - field[0][a]) / half[0];
    if (field[1] != nullptr) g += (field[1][b] - field[1][a]) / half[1];
    return g;
  }
};

// The most cells one call takes: a whole chunk of propose_all
// (StreamPrefetch::kSlots).
inline constexpr std::size_t kHopBatch = 256;

// The ways of working the batch are the vector levels of core/simd_cap.hpp,
// narrowest first: Portable, hop_target cell by cell; Avx2, vectors of four
// cells; Avx512, vectors of eight. All give hop_target's targets.
using HopPath = SimdLevel;

// The widest path the processor has and HOSIM_SIMD allows: simd_level().
[[nodiscard]] inline HopPath best_hop_path() {
  return simd_level();
}

// The path hop_targets takes when asked for `path` in this context: the
// narrower of it and best_hop_path(), and Portable when ctx.open_map is null
// (or, for Avx2, on a lattice of 2^31 voxels or more: its kernel's limit).
[[nodiscard]] HopPath hop_path_taken(const RuleContext& ctx, HopPath path);

// For each j < n (n ≤ kHopBatch): found[j] = hop_target(ctx, voxel[j], chi,
// u01[j], attraction, target[j]), target[j] written only where found[j].
// `path` is the widest path allowed (hop_path_taken says which is taken).
void hop_targets(const RuleContext& ctx, const std::uint32_t* voxel, const double* u01,
                 std::size_t n, double chi, const GradientAttraction& attraction,
                 std::uint32_t* target, bool* found, HopPath path = HopPath::Avx512);

// The proposals of cells that hop this step (their rule, or a screen, has
// already drawn the hop itself), from the blocks ctx.prefetch holds:
// `count` cells at offsets `which` from prefetch->first, each proposal
// migrate's (biology/rules.hpp) for that cell with this chi and attraction:
// the neighbour from words 2–3 of the first migration block (hop_targets),
// the priority, for those that found one, from word 0 of the stream's
// second block (computed side by side). Proposals go to out[offset] (out
// holds the chunk's); a cell without an open, empty neighbour keeps its
// proposal. Throws std::logic_error without ctx.prefetch.
void hops_from_blocks(const RuleContext& ctx, const std::uint8_t* which, std::size_t count,
                      double chi, const GradientAttraction& attraction, Proposal* out);

}  // namespace hosim
