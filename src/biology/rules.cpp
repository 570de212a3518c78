#include "biology/rules.hpp"

namespace hosim {

std::array<CellRule, kCellTypeCount> rule_table() {
  std::array<CellRule, kCellTypeCount> t{};
  t[static_cast<int>(CellType::Mpc)] = &mpc_rule;
  t[static_cast<int>(CellType::Osteoblast)] = &committed_rule;
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

}  // namespace hosim
