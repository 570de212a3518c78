#pragma once
// Which progenitors will surely do nothing this step, or surely only try a
// hop, told from the first random blocks propose_all has computed ahead
// (StreamPrefetch) and the oxygen at the cell, before the rule runs.
//
// Why: most progenitors in a step neither die, commit, scar nor divide, and
// about a third of them hop. Running the whole rule (biology/mpc_rule.cpp)
// for each — five fields, three saturations, the rates — and branching on
// draws that go either way cost most of the cell step. The screen is a few
// comparisons per cell; propose_all then runs the rule only for the cells it
// cannot settle and the hop alone for the movers, each group in a loop of its
// own.
//
// How it stays exact: each decision before the hop is a draw compared with
// a rate's event_bound. The death draw is compared with the same chance the
// rule uses. The commitment, scarring and division draws are compared with
// per-step bounds on the highest rate each can have anywhere
// (ProgenitorBounds, biology/rule_context.hpp); a draw at or above its bound
// is beyond the rule's own bound, whatever the cell's surroundings, so the
// rule's comparison fails too. Scarring's draw is the second uniform of the
// commitment stream only when commitment drew nothing more, which holds
// when the first is beyond its bound. A cell any of whose draws might decide
// something goes to the full rule; the rest get what the rule would return:
// nothing, or migrate's proposal (mpc_hops). tests/biology/rules_test.cpp
// compares every proposal with the rule's own.
#include <cstdint>

#include "biology/rule_context.hpp"

namespace hosim {

enum class Screened : std::uint8_t { Still, Hop, Rule };

namespace detail {

// The screen's loop, once with the oxygen field and once without (no cell
// is anoxic then): no calls, no early exits, so the compiler vectorizes it.
template <bool kOxygen>
void screen_chunk(const RuleContext& ctx, const real* o2, Screened* out) {
  const StreamPrefetch& pf = *ctx.prefetch;
  const ProgenitorBounds& b = ctx.progenitor;
  const ModelState& s = ctx.state;
  const CellType* type = s.cells.type.data() + pf.first;
  const std::uint32_t* voxel = s.cells.voxel.data() + pf.first;
  const double* state_age = s.cells.state_age_s.data() + pf.first;
  constexpr int kMpc = static_cast<int>(CellType::Mpc);
  const double anoxia = ctx.params.oxygen.anoxia_mmHg;
  // The probabilities as bounds on the draws' words (RandomStream::uniform_below:
  // the same comparisons, in 32-bit lanes, without converting each draw to
  // a double). The screen's share of BM_CellStep/100/1's profile samples
  // went 3.99 / 4.17 / 4.16 % → 3.34 / 3.57 / 3.65 % (perf, alternated,
  // 2026-12-07, AMD EPYC Zen 4): about 0.3 ns per cell.
  using Bound = RandomStream::DrawBound;
  const Bound death = Bound::of(ctx.chance.death[kMpc]),
              anoxic_death = Bound::of(ctx.chance.anoxic_death[kMpc]);
  const double min_age = ctx.params.cells.mpc.min_commit_age_s;
  // The first block of each stream: index() of Death, Differentiation,
  // Division and Migration (checked at compile time below).
  static_assert(StreamPrefetch::index(RngPurpose::Death) == 0 &&
                StreamPrefetch::index(RngPurpose::Differentiation) == 1 &&
                StreamPrefetch::index(RngPurpose::Division) == 2 &&
                StreamPrefetch::index(RngPurpose::Migration) == 3);
  const auto& d = pf.word[0];
  const auto& c = pf.word[1];
  const auto& q = pf.word[2];
  const auto& m = pf.word[3];
  const Bound commit = Bound::of(b.commit), fibroblast = Bound::of(b.fibroblast),
              division = Bound::of(b.division), hop = Bound::of(b.hop);
  const std::size_t n = pf.count;
  const auto below = [](std::uint32_t first, std::uint32_t second, Bound bound) {
    return RandomStream::uniform_below(first, second, bound);
  };
  for (std::size_t k = 0; k < n; ++k) {
    bool anoxic = false;
    if constexpr (kOxygen) anoxic = o2[voxel[k]] < anoxia;
    const Bound pd{anoxic ? anoxic_death.hi : death.hi, anoxic ? anoxic_death.lo : death.lo};
    // Bitwise operators throughout: every draw is cheap, and branches on
    // them would go either way unpredictably. The second uniform of the
    // commitment stream is the scar draw when the first is beyond its
    // bound (the rule then draws nothing more before it). A probability
    // of 0 (or below) is a bound no draw is below, as the rule's
    // `probability > 0` test.
    const bool decides = below(d[0][k], d[1][k], pd) |
                         ((state_age[k] >= min_age) &
                          (below(c[0][k], c[1][k], commit) | below(c[2][k], c[3][k], fibroblast))) |
                         (!anoxic & below(q[0][k], q[1][k], division));
    const bool hops = below(m[0][k], m[1][k], hop);
    const bool rule = (type[k] != CellType::Mpc) | decides;
    // Rule (2) if the rule must run, else Hop (1) or Still (0), as
    // arithmetic: a conditional here kept the loop from vectorizing.
    static_assert(static_cast<int>(Screened::Still) == 0 && static_cast<int>(Screened::Hop) == 1 &&
                  static_cast<int>(Screened::Rule) == 2);
    out[k] = static_cast<Screened>(2 * static_cast<int>(rule) + static_cast<int>(hops & !rule));
  }
}

}  // namespace detail

// The screen of the cells whose blocks ctx.prefetch holds, one entry per
// slot from prefetch->first: Rule for cells of other types, for every cell
// when there is no prefetch or the bounds are not usable, and for each
// progenitor any of whose draws might decide something.
inline void screen_progenitors(const RuleContext& ctx, Screened* out, std::size_t n) {
  const StreamPrefetch* pf = ctx.prefetch;
  if (pf == nullptr || !ctx.progenitor.usable || pf->count != n) {
    for (std::size_t k = 0; k < n; ++k) out[k] = Screened::Rule;
    return;
  }
  if (ctx.f.o2 >= 0)
    detail::screen_chunk<true>(
        ctx, ctx.state.fields[static_cast<std::size_t>(ctx.f.o2)].values.data(), out);
  else
    detail::screen_chunk<false>(ctx, nullptr, out);
}

}  // namespace hosim
