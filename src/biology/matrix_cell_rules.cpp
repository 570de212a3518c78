// The matrix-making cells (MODEL.md §3.5–3.6): fibroblasts, chondrocytes
// (→ hypertrophic → osteoblast once vessels invade: endochondral
// replacement), osteoblasts (→ osteocyte when buried in mineral), osteocytes;
// each dies at its apoptosis rate, plus its anoxic death rate below
// oxygen.anoxia (RuleContext::dies).
// What they secrete is in sources.cpp and tissue_kinetics.cpp.
#include "biology/rules.hpp"

namespace hosim {

Proposal fibroblast_rule(const RuleContext& ctx, std::size_t slot) {
  if (ctx.dies(slot)) return die();
  return {};
}

Proposal chondrocyte_rule(const RuleContext& ctx, std::size_t slot) {
  if (ctx.dies(slot)) return die();
  if (ctx.state.cells.type[slot] == CellType::Chondrocyte) {
    if (ctx.occurs(slot, RngPurpose::Differentiation, ctx.chance.hypertrophy))
      return become(CellType::HypertrophicChondrocyte);
    return {};
  }
  const std::uint32_t v = ctx.state.cells.voxel[slot];
  const double vessels = ctx.state.tissue.layer(TissueLayer::Vessels)[v];
  if (vessels >= ctx.params.vessels.invasion &&
      ctx.occurs(slot, RngPurpose::Differentiation, ctx.chance.replacement))
    return become(CellType::Osteoblast);
  return {};
}

Proposal osteoblast_rule(const RuleContext& ctx, std::size_t slot) {
  if (ctx.dies(slot)) return die();
  const std::uint32_t v = ctx.state.cells.voxel[slot];
  if (ctx.state.tissue.layer(TissueLayer::Mineral)[v] >= ctx.params.tissue.bone_block &&
      ctx.occurs(slot, RngPurpose::Differentiation, ctx.chance.osteocyte_embedding))
    return become(CellType::Osteocyte);
  return {};
}

Proposal osteocyte_rule(const RuleContext& ctx, std::size_t slot) {
  if (ctx.dies(slot)) return die();
  return {};
}

}  // namespace hosim
