// Mesenchymal progenitor of the minimal model: dies, commits, divides or
// migrates, in that order of precedence, each an independent random stream.
#include <cmath>

#include "biology/rules.hpp"
#include "model/cell_engine.hpp"

namespace hosim {

Proposal mpc_rule(const RuleContext& ctx, std::size_t slot) {
  const auto& s = ctx.state;
  const auto& mp = ctx.params.cells.mpc;
  const std::uint32_t v = s.cells.voxel[slot];
  const double c = ctx.factor >= 0 ? s.fields[ctx.factor].values[v] : 0.0;
  Proposal p;

  if (ctx.stream(slot, RngPurpose::Death)
          .bernoulli(event_probability(mp.death_rate_per_s, ctx.dt_s))) {
    p.kind = ActionKind::Die;
    return p;
  }
  // Commitment needs the inducing factor above threshold and a minimum time as
  // a progenitor (fracture-healing lattice models use about 6 days).
  if (s.cells.state_age_s[slot] >= mp.min_commit_age_s && c >= mp.commit_threshold_nM &&
      ctx.stream(slot, RngPurpose::Differentiation)
          .bernoulli(event_probability(mp.commit_rate_per_s, ctx.dt_s))) {
    p.kind = ActionKind::Differentiate;
    p.new_type = CellType::Osteoblast;
    return p;
  }
  // Division: a Poisson process whose rate rises from the quiescent to the
  // stimulated cycle with a saturating (Michaelis–Menten) response to factor.
  const double f = c / (c + mp.half_max_factor_nM);
  const double rate =
      std::log(2.0) * ((1.0 - f) / mp.quiescent_doubling_time_s + f / mp.doubling_time_s);
  {
    RandomStream rs = ctx.stream(slot, RngPurpose::Division);
    if (rs.bernoulli(event_probability(rate, ctx.dt_s))) {
      std::uint32_t target = 0;
      if (pick_empty_neighbour(
              s, v, rs.uniform(), [](std::uint32_t) { return 1.0; }, target)) {
        p.kind = ActionKind::Divide;
        p.target = target;
        p.priority = rs.next_u32();
        return p;
      }
      return p;  // contact-inhibited: no room this step
    }
  }
  // Migration: a hop of one voxel with probability speed·dt/dx (checked ≤ 1 at
  // load), direction biased up the factor gradient by w = 1 + χ·tanh(Δc/K).
  RandomStream rs = ctx.stream(slot, RngPurpose::Migration);
  const double hop = mp.speed_um_s * ctx.dt_s / s.grid.dx_um;
  if (!rs.bernoulli(hop)) return p;
  const double chi = mp.chemotaxis;
  const double k = mp.half_max_factor_nM;
  const real* field = ctx.factor >= 0 ? s.fields[ctx.factor].values.data() : nullptr;
  auto weight = [&](std::uint32_t j) {
    if (field == nullptr || chi == 0) return 1.0;
    return 1.0 + chi * std::tanh((field[j] - c) / k);
  };
  std::uint32_t target = 0;
  if (pick_empty_neighbour(s, v, rs.uniform(), weight, target)) {
    p.kind = ActionKind::Move;
    p.target = target;
    p.priority = rs.next_u32();
  }
  return p;
}

}  // namespace hosim
