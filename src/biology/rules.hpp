#pragma once
// The cell rules of the HO model (MODEL.md §3), one per cell type and one
// file each, and the parallel proposal pass that applies them.
#include <array>
#include <span>

#include "biology/chemotaxis.hpp"
#include "biology/rule_context.hpp"
#include "model/cell_engine.hpp"
#include "model/cell_types.hpp"

namespace hosim {

Proposal mpc_rule(const RuleContext& ctx, std::size_t slot);
// The progenitor's migration step alone: what mpc_rule returns once death,
// commitment and division have passed (propose_all calls it for the cells
// biology/mpc_screen.hpp shows will only hop).
Proposal mpc_hop(const RuleContext& ctx, std::size_t slot);
Proposal neutrophil_rule(const RuleContext& ctx, std::size_t slot);
Proposal macrophage_rule(const RuleContext& ctx, std::size_t slot);  // M1 and M2
Proposal fibroblast_rule(const RuleContext& ctx, std::size_t slot);
Proposal chondrocyte_rule(const RuleContext& ctx, std::size_t slot);  // and hypertrophic
Proposal osteoblast_rule(const RuleContext& ctx, std::size_t slot);
Proposal osteocyte_rule(const RuleContext& ctx, std::size_t slot);

// The registry: a new rule is one file plus one line here.
[[nodiscard]] std::array<CellRule, kCellTypeCount> rule_table();

// Fill one proposal per cell (parallel over cells).
void propose_all(const RuleContext& ctx, std::span<Proposal> out);

// A hop of one voxel with probability speed·dt/dx (≤ 1, checked at load) to an
// open, empty face neighbour j chosen with weight 1 + chi·tanh(g(j)), where
// g(j) is the caller's signed attraction towards j (0 = unbiased).
template <class Attraction>
Proposal migrate(const RuleContext& ctx, std::size_t slot, double speed_um_s, double chi,
                 Attraction&& attraction) {
  Proposal p;
  const ModelState& s = ctx.state;
  RandomStream rs = ctx.stream(slot, RngPurpose::Migration);
  if (!rs.bernoulli(hop_chance(speed_um_s, ctx.dt_s, s.grid.dx_um))) return p;
  const std::uint32_t v = s.cells.voxel[slot];
  // The empty neighbours, whether each is open, and its attraction; the
  // choice among them is pick_empty_neighbour's with those weights
  // (biology/chemotaxis.hpp: the same neighbour, seldom a tanh).
  std::uint32_t cand[6];
  const int k = empty_neighbours(s, v, cand);
  double g[6];
  bool open[6];
  for (int i = 0; i < k; ++i) {
    open[i] = !closed_voxel(s, cand[i], ctx.params.tissue);
    g[i] = open[i] && chi != 0 ? attraction(v, cand[i]) : 0.0;
  }
  const int chosen = chemotactic_choice(g, open, k, chi, rs.uniform());
  if (chosen >= 0) {
    p.kind = ActionKind::Move;
    p.target = cand[chosen];
    p.priority = rs.next_u32();
  }
  return p;
}

// Division into an open, empty face neighbour (none: the division waits).
[[nodiscard]] Proposal divide(const RuleContext& ctx, std::size_t slot, RandomStream& rs);

[[nodiscard]] inline Proposal die() {
  return {ActionKind::Die, CellType::None, 0, 0};
}
[[nodiscard]] inline Proposal become(CellType t) {
  return {ActionKind::Differentiate, t, 0, 0};
}

}  // namespace hosim
