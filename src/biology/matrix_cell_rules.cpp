// The matrix-making cells (MODEL.md §3.5–3.6): fibroblasts, chondrocytes
// (→ hypertrophic → osteoblast once vessels invade: endochondral
// replacement), osteoblasts (→ osteocyte when buried in mineral), osteocytes.
// What they secrete is in sources.cpp and tissue_kinetics.cpp.
#include "biology/rules.hpp"

namespace hosim {

Proposal fibroblast_rule(const RuleContext& ctx, std::size_t slot) {
  if (ctx.happens(slot, RngPurpose::Death, ctx.params.cells.fibroblast.death_rate_per_s))
    return die();
  return {};
}

Proposal chondrocyte_rule(const RuleContext& ctx, std::size_t slot) {
  const auto& cp = ctx.params.cells.chondrocyte;
  if (ctx.happens(slot, RngPurpose::Death, cp.death_rate_per_s)) return die();
  if (ctx.state.cells.type[slot] == CellType::Chondrocyte) {
    if (ctx.happens(slot, RngPurpose::Differentiation, cp.hypertrophy_rate_per_s))
      return become(CellType::HypertrophicChondrocyte);
    return {};
  }
  const std::uint32_t v = ctx.state.cells.voxel[slot];
  const double vessels = ctx.state.tissue.layer(TissueLayer::Vessels)[v];
  if (vessels >= ctx.params.vessels.invasion &&
      ctx.happens(slot, RngPurpose::Differentiation, cp.replacement_rate_per_s))
    return become(CellType::Osteoblast);
  return {};
}

Proposal osteoblast_rule(const RuleContext& ctx, std::size_t slot) {
  const auto& op = ctx.params.cells.osteoblast;
  if (ctx.happens(slot, RngPurpose::Death, op.death_rate_per_s)) return die();
  const std::uint32_t v = ctx.state.cells.voxel[slot];
  if (ctx.state.tissue.layer(TissueLayer::Mineral)[v] >= ctx.params.tissue.bone_block &&
      ctx.happens(slot, RngPurpose::Differentiation, op.embedding_rate_per_s))
    return become(CellType::Osteocyte);
  return {};
}

Proposal osteocyte_rule(const RuleContext& /*ctx*/, std::size_t /*slot*/) {
  return {};
}

}  // namespace hosim
