// Mesenchymal progenitor (MODEL.md §3.4–3.5). Precedence in a step: death,
// commitment, division, migration; each decision has its own random stream.
//
// Commitment, after a minimum time as a progenitor, follows the three
// requirements: BMP signalling (free BMP, after Noggin) and a permissive
// environment. Where the pH is at least permissive_ph the cell commits at
// commit_rate·s_BMP·(1 + ROS gain)·(1 + PGE2 gain)·(its own COX-2 left):
// to chondrocyte with probability HIF (hypoxia), otherwise to osteoblast
// only if the milieu is alkaline (pH ≥ alkaline_ph; a logistic around it
// when alkaline_width > 0), optionally scaled by the local vessel density
// (osteoblast_vessels) and open only to cells primed by hypoxia
// (hypoxic_priming, biology/hif_memory.hpp) or lying beside host bone
// (periosteal_reach). Without BMP it may become a fibroblast
// (scar) at fibroblast_rate·(1 − s_BMP), whatever the milieu.
#include <cmath>

#include "biology/hif_memory.hpp"
#include "biology/hop_batch.hpp"
#include "biology/rules.hpp"
#include "model/scenario.hpp"

namespace hosim {

namespace {

// True while a radiation fraction's repopulation delay holds voxel v.
bool division_arrested(const ModelState& s, std::uint32_t v) {
  for (const EffectRegion& r : s.effects.division_arrest)
    if (in_region(s.grid, r, v)) return true;
  return false;
}

}  // namespace

Proposal mpc_rule(const RuleContext& ctx, std::size_t slot) {
  const auto& s = ctx.state;
  const auto& p = ctx.params;
  const auto& mp = p.cells.mpc;
  const std::uint32_t v = s.cells.voxel[slot];
  const double o2 = ctx.po2(v);
  const bool anoxic = ctx.anoxic(v);

  if (ctx.dies(slot, anoxic)) return die();

  const double s_bmp = saturating(ctx.field(ctx.f.bmp, v), p.bmp.half_max_nM);
  const double s_inf = saturating(ctx.field(ctx.f.inflammation, v), p.inflammation.half_max_nM);
  if (s.cells.state_age_s[slot] >= mp.min_commit_age_s) {
    RandomStream rs = ctx.stream(slot, RngPurpose::Differentiation);
    const double u = rs.uniform();
    if (ctx.ph(v) >= mp.permissive_ph) {
      // ROS and the inflammatory signal (PGE2) are pro-osteogenic: each
      // raises the BMP-driven rate (MODEL.md §2).
      const double ros = saturating(ctx.field(ctx.f.ros, v), p.ros.half_max);
      // Part of BMP's drive runs through the progenitor's own COX-2, which an
      // NSAID blocks in the cell whatever the signal around it.
      const double rate = mp.commit_rate_per_s * s_bmp * (1.0 + p.ros.commitment_gain * ros) *
                          (1.0 + p.inflammation.commitment_gain * s_inf) * ctx.commitment_cox2_left;
      if (event_occurs(u, rate, ctx.dt_s)) {
        // Hypoxia is permissive for cartilage; a normoxic cell needs an
        // alkaline milieu to become an osteoblast (at the sharp default,
        // normal muscle at pH 7.4 is not permissive), and optionally vessels
        // beside it; the rest stay progenitors this step.
        // Palovarotene blocks the cartilage branch: a blocked cell stays a
        // progenitor this step (chondrogenic_commitment is 1 untreated).
        const double h = ctx.f.o2 >= 0 ? hif(o2, p.oxygen) : 0.0;
        const double uc = rs.uniform();
        if (uc < h * s.effects.chondrogenic_commitment) return become(CellType::Chondrocyte);
        // The osteoblast route is open only to a progenitor primed by the
        // injury's hypoxia (always, when cells.mpc.hypoxic_priming is 0),
        // or to a periosteal one beside host bone.
        if (uc >= h && (primed(s.cells.hif_memory_s[slot], mp) || periosteal(s, v, mp))) {
          // A share of 0 or 1 (always so at the defaults) needs no draw.
          const double a = osteoblast_share(ctx.ph(v), s.tissue.layer(TissueLayer::Vessels)[v], mp);
          if (a >= 1 || (a > 0 && rs.uniform() < a)) return become(CellType::Osteoblast);
        }
      }
    }
    if (event_occurs(rs.uniform(), mp.fibroblast_rate_per_s * (1.0 - s_bmp), ctx.dt_s))
      return become(CellType::Fibroblast);
  }

  // Division: Poisson, from the quiescent towards the stimulated cycle as BMP
  // and the inflammatory signal (PGE2) rise; none under anoxia, nor while a
  // radiation fraction's survivors wait to repopulate.
  if (!anoxic) {
    const double f = std::min(1.0, s_bmp + p.inflammation.proliferation_gain * s_inf);
    // Palovarotene slows progenitor expansion (progenitor_division is 1
    // untreated, and ×1 leaves the rate as it was).
    const double rate = std::log(2.0) *
                        ((1.0 - f) / mp.quiescent_doubling_time_s + f / mp.doubling_time_s) *
                        s.effects.progenitor_division;
    RandomStream rs = ctx.stream(slot, RngPurpose::Division);
    // The arrest is looked up only for the few cells that draw a division:
    // the draw is on the division stream alone, so skipping it changes
    // nothing else.
    if (event_occurs(rs.uniform(), rate, ctx.dt_s) && !division_arrested(s, v))
      return divide(ctx, slot, rs);
  }

  return mpc_hop(ctx, slot);
}

namespace {

// The progenitor's attraction towards a neighbour: up the BMP and
// inflammatory gradients, each relative to its half-maximal level.
GradientAttraction progenitor_attraction(const RuleContext& ctx) {
  GradientAttraction a;
  if (ctx.f.bmp >= 0) a.field[0] = ctx.state.fields[ctx.f.bmp].values.data();
  if (ctx.f.inflammation >= 0) a.field[1] = ctx.state.fields[ctx.f.inflammation].values.data();
  a.half[0] = ctx.params.bmp.half_max_nM;
  a.half[1] = ctx.params.inflammation.half_max_nM;
  return a;
}

}  // namespace

// Migration, biased up the BMP and inflammatory gradients.
Proposal mpc_hop(const RuleContext& ctx, std::size_t slot) {
  const auto& m = ctx.params.cells.mpc;
  return migrate(ctx, slot, m.speed_um_s, m.chemotaxis, progenitor_attraction(ctx));
}

void mpc_hops(const RuleContext& ctx, const std::uint8_t* which, std::size_t count, Proposal* out) {
  hops_from_blocks(ctx, which, count, ctx.params.cells.mpc.chemotaxis, progenitor_attraction(ctx),
                   out);
}

}  // namespace hosim
