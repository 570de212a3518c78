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

// Per-step probabilities of the events whose rate is a parameter, computed
// once per step rather than once per cell (the same expression, so the same
// value: an expm1 per cell and event was a tenth of the cell step).
struct StepChances {
  double neutrophil_death, m1_death, m2_death, m1_to_m2;
  double fibroblast_death, chondrocyte_death, hypertrophy, replacement;
  double osteoblast_death, osteocyte_embedding;
  double mpc_death, mpc_anoxic_death;

  StepChances(const CellParams& c, double dt)
      : neutrophil_death(event_probability(c.neutrophil.death_rate_per_s, dt)),
        m1_death(event_probability(c.macrophage.m1_death_rate_per_s, dt)),
        m2_death(event_probability(c.macrophage.m2_death_rate_per_s, dt)),
        m1_to_m2(event_probability(c.macrophage.switch_rate_per_s, dt)),
        fibroblast_death(event_probability(c.fibroblast.death_rate_per_s, dt)),
        chondrocyte_death(event_probability(c.chondrocyte.death_rate_per_s, dt)),
        hypertrophy(event_probability(c.chondrocyte.hypertrophy_rate_per_s, dt)),
        replacement(event_probability(c.chondrocyte.replacement_rate_per_s, dt)),
        osteoblast_death(event_probability(c.osteoblast.death_rate_per_s, dt)),
        osteocyte_embedding(event_probability(c.osteoblast.embedding_rate_per_s, dt)),
        mpc_death(event_probability(c.mpc.death_rate_per_s, dt)),
        mpc_anoxic_death(
            event_probability(c.mpc.death_rate_per_s + c.mpc.anoxic_death_rate_per_s, dt)) {}
};

struct RuleContext {
  const ModelState& state;
  const Params& params;
  double dt_s;
  FieldIndex f;
  StepChances chance;

  RuleContext(const ModelState& s, const Params& p, double dt)
      : state(s), params(p), dt_s(dt), f(FieldIndex::of(s)), chance(p.cells, dt) {}

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
  // Whether an event with this per-step probability (one of `chance`) occurs,
  // from the cell's stream for `purpose`; probability 0 draws nothing.
  [[nodiscard]] bool occurs(std::size_t slot, RngPurpose purpose, double probability) const {
    return probability > 0 && stream(slot, purpose).bernoulli(probability);
  }
};

// One rule per cell type: returns the action the cell in `slot` proposes.
using CellRule = Proposal (*)(const RuleContext& ctx, std::size_t slot);

}  // namespace hosim
