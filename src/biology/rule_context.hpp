#pragma once
// What a cell rule sees: the state at the start of the step (read only), the
// parameters and the step. Rules are pure functions of this, the cell's slot
// and its counter-based random streams.
#include <cstdint>

#include "config/params.hpp"
#include "core/rng.hpp"
#include "model/proposal.hpp"
#include "model/state.hpp"

namespace hosim {

struct RuleContext {
  const ModelState& state;
  const Params& params;
  double dt_s;
  int factor;  // index of the inducing-factor field in state.fields

  [[nodiscard]] RandomStream stream(std::size_t slot, RngPurpose purpose) const {
    return {state.seed, static_cast<std::uint64_t>(state.step), state.cells.id[slot], purpose};
  }
};

// One rule per cell type: returns the action the cell in `slot` proposes.
using CellRule = Proposal (*)(const RuleContext& ctx, std::size_t slot);

}  // namespace hosim
