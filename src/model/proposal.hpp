#pragma once
// What a cell rule asks for in one step. Rules only propose; the engine
// resolves conflicts and applies, so rules can run in parallel over cells.
#include <cstdint>

#include "model/cell_types.hpp"

namespace hosim {

enum class ActionKind : std::uint8_t { None = 0, Die, Differentiate, Move, Divide };

struct Proposal {
  ActionKind kind = ActionKind::None;
  CellType new_type = CellType::None;  // Differentiate: the new type
  std::uint32_t target = 0;            // Move/Divide: the empty voxel claimed
  std::uint32_t priority = 0;          // Move/Divide: random priority for conflicts
};

}  // namespace hosim
