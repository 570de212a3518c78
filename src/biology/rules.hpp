#pragma once
// The cell rules of the model, one per cell type, and the parallel proposal
// pass that applies them.
#include <array>
#include <span>

#include "biology/rule_context.hpp"
#include "model/cell_types.hpp"

namespace hosim {

// Rules of the minimal model (one file each).
Proposal mpc_rule(const RuleContext& ctx, std::size_t slot);
Proposal committed_rule(const RuleContext& ctx, std::size_t slot);

// The registry: a new rule is one file plus one line here.
[[nodiscard]] std::array<CellRule, kCellTypeCount> rule_table();

// Fill one proposal per cell (parallel over cells).
void propose_all(const RuleContext& ctx, std::span<Proposal> out);

}  // namespace hosim
