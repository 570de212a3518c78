#include "biology/rules.hpp"

namespace hosim {

std::array<CellRule, kCellTypeCount> rule_table() {
  std::array<CellRule, kCellTypeCount> t{};
  t[static_cast<int>(CellType::Mpc)] = &mpc_rule;
  t[static_cast<int>(CellType::Neutrophil)] = &neutrophil_rule;
  t[static_cast<int>(CellType::MacrophageM1)] = &macrophage_rule;
  t[static_cast<int>(CellType::MacrophageM2)] = &macrophage_rule;
  t[static_cast<int>(CellType::Fibroblast)] = &fibroblast_rule;
  t[static_cast<int>(CellType::Chondrocyte)] = &chondrocyte_rule;
  t[static_cast<int>(CellType::HypertrophicChondrocyte)] = &chondrocyte_rule;
  t[static_cast<int>(CellType::Osteoblast)] = &osteoblast_rule;
  t[static_cast<int>(CellType::Osteocyte)] = &osteocyte_rule;
  return t;
}

void propose_all(const RuleContext& ctx, std::span<Proposal> out) {
  static const auto table = rule_table();
  const auto n = static_cast<std::int64_t>(ctx.state.cells.size());
#pragma omp parallel for schedule(static)
  for (std::int64_t i = 0; i < n; ++i) {
    const CellRule rule = table[static_cast<int>(ctx.state.cells.type[i])];
    out[i] = rule != nullptr ? rule(ctx, static_cast<std::size_t>(i)) : Proposal{};
  }
}

Proposal divide(const RuleContext& ctx, std::size_t slot, RandomStream& rs) {
  Proposal p;
  const ModelState& s = ctx.state;
  // Intact muscle fibres fill their voxel: daughters go into damaged tissue,
  // so progenitors expand in the lesion, not through healthy muscle.
  const float* muscle = s.tissue.layer(TissueLayer::Muscle);
  auto open = [&](std::uint32_t j) {
    return closed_voxel(s, j, ctx.params.tissue) ? 0.0 : 1.0 - static_cast<double>(muscle[j]);
  };
  std::uint32_t target = 0;
  if (pick_empty_neighbour(s, s.cells.voxel[slot], rs.uniform(), open, target)) {
    p.kind = ActionKind::Divide;
    p.target = target;
    p.priority = rs.next_u32();
  }
  return p;
}

}  // namespace hosim
