// Neutrophils and macrophages (MODEL.md §3.2): short-lived, motile, drawn up
// the inflammatory signal. Macrophages switch M1 → M2; both clear necrosis
// (tissue_kinetics.cpp) and make signals (sources.cpp).
#include "biology/hop_batch.hpp"
#include "biology/rules.hpp"

namespace hosim {

namespace {

// Up the inflammatory signal, in half-maxima (none without the field). The
// rules' hop and the batched hop (immune_hops) weigh neighbours with it.
GradientAttraction inflammation_attraction(const RuleContext& ctx) {
  GradientAttraction a;
  if (ctx.f.inflammation >= 0) a.field[0] = ctx.state.fields[ctx.f.inflammation].values.data();
  a.half[0] = ctx.params.inflammation.half_max_nM;
  return a;
}

Proposal chase_inflammation(const RuleContext& ctx, std::size_t slot, double speed) {
  return migrate(ctx, slot, speed, ctx.params.cells.macrophage.chemotaxis,
                 inflammation_attraction(ctx));
}

}  // namespace

void immune_hops(const RuleContext& ctx, const std::uint8_t* which, std::size_t count,
                 Proposal* out) {
  hops_from_blocks(ctx, which, count, ctx.params.cells.macrophage.chemotaxis,
                   inflammation_attraction(ctx), out);
}

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
