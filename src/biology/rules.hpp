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
// The same for the progenitors the screen sent to hop alone, all from the
// blocks ctx.prefetch holds: `count` of them, at offsets `which` from
// prefetch->first; their proposals go to out[offset] (out holds the
// chunk's). Their priorities, each the first word of the migration
// stream's second block, are computed side by side.
void mpc_hops(const RuleContext& ctx, const std::uint8_t* which, std::size_t count, Proposal* out);
Proposal neutrophil_rule(const RuleContext& ctx, std::size_t slot);
Proposal macrophage_rule(const RuleContext& ctx, std::size_t slot);  // M1 and M2
// The hop alone of neutrophils and macrophages that biology/immune_screen.hpp
// shows will neither die nor switch but hop, as mpc_hops does for
// progenitors.
void immune_hops(const RuleContext& ctx, const std::uint8_t* which, std::size_t count,
                 Proposal* out);
Proposal fibroblast_rule(const RuleContext& ctx, std::size_t slot);
Proposal chondrocyte_rule(const RuleContext& ctx, std::size_t slot);  // and hypertrophic
Proposal osteoblast_rule(const RuleContext& ctx, std::size_t slot);
Proposal osteocyte_rule(const RuleContext& ctx, std::size_t slot);

// The registry: a new rule is one file plus one line here.
[[nodiscard]] std::array<CellRule, kCellTypeCount> rule_table();

// Fill one proposal per cell (parallel over cells). `open_map`: work memory
// for the step's open map (biology/open_map.hpp), at least
// open_map_words(voxels) words, lent by the caller; too short (or empty),
// propose_all allocates its own when it needs one.
void propose_all(const RuleContext& ctx, std::span<Proposal> out,
                 std::span<std::uint32_t> open_map = {});

// Where a cell in voxel v that hops goes: an open, empty face neighbour j
// chosen with weight 1 + chi·tanh(g(j)) at the draw u01, g(j) =
// attraction(v, j) the caller's signed attraction towards j (0 =
// unbiased). False when no neighbour is open and empty.
template <class Attraction>
bool hop_target(const RuleContext& ctx, std::uint32_t v, double chi, double u01,
                Attraction&& attraction, std::uint32_t& target) {
  const ModelState& s = ctx.state;
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
  const int chosen = chemotactic_choice(g, open, k, chi, u01);
  if (chosen < 0) return false;
  target = cand[chosen];
  return true;
}

// A hop of one voxel with probability speed·dt/dx (≤ 1, checked at load) to
// the neighbour hop_target picks. Draws from the cell's migration stream:
// the hop (words 0–1), the neighbour (words 2–3), the priority (word 4, the
// first of the stream's second block).
template <class Attraction>
Proposal migrate(const RuleContext& ctx, std::size_t slot, double speed_um_s, double chi,
                 Attraction&& attraction) {
  Proposal p;
  const ModelState& s = ctx.state;
  RandomStream rs = ctx.stream(slot, RngPurpose::Migration);
  if (!rs.bernoulli(hop_chance(speed_um_s, ctx.dt_s, s.grid.dx_um))) return p;
  std::uint32_t target = 0;
  if (hop_target(ctx, s.cells.voxel[slot], chi, rs.uniform(), attraction, target)) {
    p.kind = ActionKind::Move;
    p.target = target;
    p.priority = ClaimCodes(s.grid).priority(rs.next_u32(), s.cells.voxel[slot], target);
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
