#pragma once
// What a cell rule asks for in one step. Rules only propose; the engine
// resolves conflicts and applies, so rules can run in parallel over cells.
#include <cstdint>

#include "core/grid.hpp"
#include "model/cell_types.hpp"

namespace hosim {

enum class ActionKind : std::uint8_t { None = 0, Die, Differentiate, Move, Divide };

struct Proposal {
  ActionKind kind = ActionKind::None;
  CellType new_type = CellType::None;  // Differentiate: the new type
  std::uint32_t target = 0;            // Move/Divide: the empty voxel claimed
  // Move/Divide: the claim's priority, made by ClaimCodes::priority (below):
  // the highest wins the target (model/cell_engine.hpp).
  std::uint32_t priority = 0;
};

// The priorities of claims on a grid: the top bit 0, the next 28 random
// (the upper 28 of the rule's random word), the lowest 3 a code of the
// direction the claimant comes from, 1 … 6, larger for a lower claimant
// voxel. The highest priority wins a contested voxel, so among priorities
// whose random bits are equal the claimant in the lower voxel wins (where
// it stands at the start of the step): a voxel, not a slot, so the outcome
// does not depend on the order cells are stored in. Two claimants of one
// target come from different neighbours, so their priorities differ; none
// is 0. The top bit is 0 so that the engine can keep a claim in the empty
// voxel's occupancy word as the priority's complement, which then reads as
// no slot (model/cell_engine.cpp).
//
// The code: the offset d = target − from of a face neighbour is one of ±1,
// ±nx, ±nx·ny, and the code rises with d, 4 + s for d > 0 and 3 − s for
// d < 0, s = the steps of |d| past 1 and past nx (on a grid with nx = 1 or
// ny = 1 two of the offsets are one and the same, and the code still rises
// with d). By arithmetic alone: the direction is a coin toss, and a branch
// on it would be mispredicted half the time.
//
// Why in the priority: the engine keeps one 32-bit word per claimed voxel,
// where it had kept 64 bits (the priority and the claimant's voxel); and
// the code is made here, where the proposal is written anyway. Made by the
// engine, it cost more than the narrower keys saved (bench/README.md,
// "Claims of 32 bits").
class ClaimCodes {
 public:
  explicit ClaimCodes(const Grid& g)
      : row_(static_cast<std::uint32_t>(g.nx)),
        plane_(static_cast<std::uint32_t>(g.nx) * static_cast<std::uint32_t>(g.ny)),
        offset_{1u, row_, plane_} {}

  // The direction code of a claim on `target` from `from`.
  [[nodiscard]] std::uint32_t code(std::uint32_t from, std::uint32_t target) const {
    const std::uint32_t d = target - from;
    const std::uint32_t sign = sign_of(d);
    return code_of(sign, (d ^ sign) - sign);
  }
  // The priority of that claim, from 32 random bits (their upper 28 kept).
  [[nodiscard]] std::uint32_t priority(std::uint32_t random_bits, std::uint32_t from,
                                       std::uint32_t target) const {
    return ((random_bits >> 1) & ~7u) | code(from, target);
  }
  // Whether a claim on `target` from `from` carrying `priority` is one the
  // codes order: the offset one of ±1, ±nx, ±nx·ny (modulo 2^32), the
  // priority's code its own and its top bit 0.
  [[nodiscard]] bool orders(std::uint32_t priority, std::uint32_t from,
                            std::uint32_t target) const {
    const std::uint32_t d = target - from;
    const std::uint32_t sign = sign_of(d);
    const std::uint32_t a = (d ^ sign) - sign;  // |d|
    return (a == offset_[steps(a)]) & ((priority & 7u) == code_of(sign, a)) &
           ((priority >> 31) == 0u);
  }

 private:
  [[nodiscard]] static std::uint32_t sign_of(std::uint32_t d) {
    return static_cast<std::uint32_t>(static_cast<std::int32_t>(d) >> 31);
  }
  [[nodiscard]] std::uint32_t steps(std::uint32_t a) const {
    return static_cast<std::uint32_t>(a >= row_) + static_cast<std::uint32_t>(a >= plane_);
  }
  // The code of offset d from its sign (all ones for d < 0) and |d|: 4 + s,
  // or for d < 0 its complement in three bits, 3 − s.
  [[nodiscard]] std::uint32_t code_of(std::uint32_t sign, std::uint32_t a) const {
    return ((4u + steps(a)) ^ sign) & 7u;
  }
  std::uint32_t row_, plane_;
  std::uint32_t offset_[3];  // |d| of each size class: 1, nx, nx·ny
};

}  // namespace hosim
