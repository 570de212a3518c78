// Committed (osteoblast-like) cell of the minimal model: stays put, secretes
// factor (see sources.cpp) and dies at its apoptosis rate.
#include "biology/rules.hpp"

namespace hosim {

Proposal committed_rule(const RuleContext& ctx, std::size_t slot) {
  Proposal p;
  const double rate = ctx.params.cells.committed.death_rate_per_s;
  if (ctx.stream(slot, RngPurpose::Death).bernoulli(event_probability(rate, ctx.dt_s)))
    p.kind = ActionKind::Die;
  return p;
}

}  // namespace hosim
