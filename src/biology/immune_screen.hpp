#pragma once
// Which neutrophils and macrophages will surely do nothing this step, or
// surely only hop, told from the first random blocks propose_all has
// computed ahead (StreamPrefetch), as biology/mpc_screen.hpp does for
// progenitors.
//
// Why: immune cells are most of the cells in the first days of a run and
// hop three steps in four (60 µm/h against 20 µm voxels and 15-min steps).
// Their rules ran one cell at a time; perf of the 12-day default run put
// them (chase_inflammation and the choice it calls) at about a tenth of the
// run's samples, and of the 256³ tiling at more. Settled here, the hoppers
// go to the batched hop (immune_hops, biology/hop_batch.hpp) with the
// progenitors' machinery.
//
// How it stays exact: the immune rules (biology/immune_rules.cpp) decide,
// in order, death (the Death stream's first uniform against the type's
// chance, the anoxic one where the oxygen is below oxygen.anoxia), for M1
// the switch to M2 (the Differentiation stream's first uniform against
// chance.m1_to_m2), then migrate's hop (the Migration stream's first
// uniform against hop_chance of the type's speed). The screen makes the
// same comparisons on the same words with the same operands; a cell that
// dies or switches goes to its rule, the others are Still, the hoppers
// listed for the batched hop. The streams are the cell's own per purpose,
// so the order of the comparisons does not matter.
// tests/biology/rules_test.cpp compares every verdict and propose_all's
// proposals with the rules'.
#include <cstddef>

#include "biology/mpc_screen.hpp"
#include "biology/rule_context.hpp"

namespace hosim {

// Re-sorts the cells of the chunk ctx.prefetch holds that screen_progenitors
// left to their rule (out, one entry per slot from prefetch->first): each
// neutrophil or macrophage that neither dies nor switches becomes Still,
// and the offsets of those among them that hop go to `hoppers` (for
// immune_hops, which writes their proposals over the empty ones); returns
// how many. Without the blocks (no prefetch, or not these n slots) nothing
// changes. A chunk without immune cells costs one pass over the types:
// with the hoppers listed here, propose_all's sorting of the chunk (one
// entry per cell) is the same as without this screen, which measured
// 4 ns per cell more on an all-progenitor lattice when it sorted a third
// kind (BM_CellStep/100/1, AMD EPYC, 4 alternated rounds).
inline std::size_t screen_immune(const RuleContext& ctx, Screened* out, std::size_t n,
                                 std::uint8_t* hoppers) {
  const StreamPrefetch* pf = ctx.prefetch;
  if (pf == nullptr || pf->count != n) return 0;
  const ModelState& s = ctx.state;
  const CellType* type = s.cells.type.data() + pf->first;
  const std::uint32_t* voxel = s.cells.voxel.data() + pf->first;
  const auto is_immune = [](CellType t) {
    return t == CellType::Neutrophil || t == CellType::MacrophageM1 || t == CellType::MacrophageM2;
  };
  bool any = false;
  for (std::size_t k = 0; k < n; ++k) any |= is_immune(type[k]);
  if (!any) return 0;
  static_assert(StreamPrefetch::index(RngPurpose::Death) == 0 &&
                StreamPrefetch::index(RngPurpose::Differentiation) == 1 &&
                StreamPrefetch::index(RngPurpose::Migration) == 3);
  const auto& d = pf->word[0];
  const auto& c = pf->word[1];
  const auto& m = pf->word[3];
  const auto& cells = ctx.params.cells;
  // migrate's own chance for each type (biology/rules.hpp).
  const double neutrophil_hop = hop_chance(cells.neutrophil.speed_um_s, ctx.dt_s, s.grid.dx_um);
  const double macrophage_hop = hop_chance(cells.macrophage.speed_um_s, ctx.dt_s, s.grid.dx_um);
  const double m1_to_m2 = ctx.chance.m1_to_m2;
  const auto u = [](std::uint32_t first, std::uint32_t second) {
    return RandomStream::uniform_of(first, second);
  };
  std::size_t count = 0;
  for (std::size_t k = 0; k < n; ++k) {
    const CellType t = type[k];
    if (out[k] != Screened::Rule || !is_immune(t)) continue;
    // ctx.dies and ctx.occurs, word for word.
    const auto ti = static_cast<std::size_t>(t);
    const double pd = ctx.anoxic(voxel[k]) ? ctx.chance.anoxic_death[ti] : ctx.chance.death[ti];
    if (pd > 0 && u(d[0][k], d[1][k]) < pd) continue;
    if (t == CellType::MacrophageM1 && m1_to_m2 > 0 && u(c[0][k], c[1][k]) < m1_to_m2) continue;
    const double hop = t == CellType::Neutrophil ? neutrophil_hop : macrophage_hop;
    out[k] = Screened::Still;
    if (u(m[0][k], m[1][k]) < hop) hoppers[count++] = static_cast<std::uint8_t>(k);
  }
  return count;
}

}  // namespace hosim
