#pragma once
// Which voxels a hopping cell may enter this step, one bit per voxel: empty
// (occupancy < 0) and open (muscle, mineral below tissue.bone_block; the
// negation of closed_voxel, biology/environment.hpp).
//
// Why: the batched hop (biology/hop_batch.hpp) asked three arrays for each
// of a hopper's six neighbours (occupancy, anatomy, mineral: nine bytes on
// three cache lines per neighbour, 24 scalar loads per direction for a
// vector of eight cells). Without those loads the kernel took 21–22 instead
// of 34–36 ns per hop (BM_HopTargets/1, 40³ and 100³, 2026-12-06 evening,
// AMD EPYC). The map is one pass over the three arrays per cell step (about
// a tenth of a nanosecond per voxel with AVX-512), and a lattice of 200³ is
// 1 MB of bits, which stays in the second-level cache while the cells scan
// it.
//
// Valid while nothing moves: propose_all builds it at the start of the
// step's proposals and the cell engine changes the occupancy only after.
#include <cstddef>
#include <cstdint>
#include <span>

#include "biology/hop_batch.hpp"
#include "config/params.hpp"
#include "model/state.hpp"

namespace hosim {

// Words of 32 bits for a lattice of `voxels`: bit v % 32 of word v / 32 is
// voxel v's.
[[nodiscard]] constexpr std::size_t open_map_words(std::size_t voxels) {
  return (voxels + 31) / 32;
}

[[nodiscard]] inline bool open_bit(const std::uint32_t* words, std::uint32_t v) {
  return ((words[v >> 5] >> (v & 31u)) & 1u) != 0;
}

// Writes the map of s into words (at least open_map_words(voxels) of them;
// the bits past the last voxel are 0). `path` is the widest allowed, as for
// hop_targets: Avx512 uses AVX-512 F, Avx2 AVX2, where the processor has
// them (the same bits as Portable); parallel over words.
// Throws std::logic_error when `words` is too short.
void build_open_map(const ModelState& s, const TissueParams& t, std::span<std::uint32_t> words,
                    HopPath path = best_hop_path());

}  // namespace hosim
