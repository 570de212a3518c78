#pragma once
// What a cell rule sees: the state at the start of the step (read only), the
// parameters and the step. Rules are pure functions of this, the cell's slot
// and its counter-based random streams.
#include <cstdint>

#include "biology/environment.hpp"
#include "config/params.hpp"
#include "core/rng.hpp"
#include "model/proposal.hpp"
#include "model/state.hpp"

namespace hosim {

struct RuleContext {
  const ModelState& state;
  const Params& params;
  double dt_s;
  FieldIndex f;

  RuleContext(const ModelState& s, const Params& p, double dt)
      : state(s), params(p), dt_s(dt), f(FieldIndex::of(s)) {}

  [[nodiscard]] RandomStream stream(std::size_t slot, RngPurpose purpose) const {
    return {state.seed, static_cast<std::uint64_t>(state.step), state.cells.id[slot], purpose};
  }
  [[nodiscard]] double field(int index, std::size_t voxel) const {
    return index >= 0 ? state.fields[index].values[voxel] : 0.0;
  }
  [[nodiscard]] double po2(std::size_t v) const { return field(f.o2, v); }
  [[nodiscard]] double ph(std::size_t v) const {
    return f.acid >= 0 ? ph_of(field(f.acid, v), params.acid) : 7.4;
  }
  [[nodiscard]] bool happens(std::size_t slot, RngPurpose purpose, double rate_per_s) const {
    return rate_per_s > 0 && stream(slot, purpose).bernoulli(event_probability(rate_per_s, dt_s));
  }
};

// One rule per cell type: returns the action the cell in `slot` proposes.
using CellRule = Proposal (*)(const RuleContext& ctx, std::size_t slot);

}  // namespace hosim
