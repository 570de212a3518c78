// Neutrophils and macrophages (MODEL.md §3.2): short-lived, motile, drawn up
// the inflammatory signal. Macrophages switch M1 → M2; both clear necrosis
// (tissue_kinetics.cpp) and make signals (sources.cpp).
#include "biology/rules.hpp"

namespace hosim {

namespace {

Proposal chase_inflammation(const RuleContext& ctx, std::size_t slot, double speed) {
  const auto& p = ctx.params;
  const real* inf =
      ctx.f.inflammation >= 0 ? ctx.state.fields[ctx.f.inflammation].values.data() : nullptr;
  return migrate(ctx, slot, speed, p.cells.macrophage.chemotaxis,
                 [&](std::uint32_t a, std::uint32_t b) {
                   return inf != nullptr ? (inf[b] - inf[a]) / p.inflammation.half_max_nM : 0.0;
                 });
}

}  // namespace

Proposal neutrophil_rule(const RuleContext& ctx, std::size_t slot) {
  const auto& np = ctx.params.cells.neutrophil;
  if (ctx.dies(slot)) return die();
  return chase_inflammation(ctx, slot, np.speed_um_s);
}

Proposal macrophage_rule(const RuleContext& ctx, std::size_t slot) {
  const auto& mp = ctx.params.cells.macrophage;
  const bool m1 = ctx.state.cells.type[slot] == CellType::MacrophageM1;
  if (ctx.dies(slot)) return die();
  if (m1 && ctx.occurs(slot, RngPurpose::Differentiation, ctx.chance.m1_to_m2))
    return become(CellType::MacrophageM2);
  return chase_inflammation(ctx, slot, mp.speed_um_s);
}

}  // namespace hosim
