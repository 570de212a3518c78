// Radiation (MODEL.md §4): each fraction of D Gy kills each cell in the
// region with the linear–quadratic survival exp(−αD − βD²), β = α/(α/β).
// Progenitors, which divide, are the most sensitive; differentiated cells,
// macrophages and osteocytes much less. The surviving progenitors in the
// region do not divide until the repopulation delay has passed (the lag
// before an irradiated tissue regenerates). Optionally, vascular regrowth is
// slowed for a while after each fraction (endothelium is radiosensitive).
#include <cmath>

#include "core/rng.hpp"
#include "interventions/schedule.hpp"
#include "model/scenario.hpp"

namespace hosim {

namespace {

constexpr double kDay = 86400;

class RadiationHook : public Intervention {
 public:
  RadiationHook(Timing tm, double dose, double a_mpc, double a_other, double ab, double repop_delay,
                EffectRegion region, double vessel_factor, double vessel_time)
      : tm_(tm),
        dose_(dose),
        alpha_mpc_(a_mpc),
        alpha_other_(a_other),
        ab_(ab),
        repop_delay_(repop_delay),
        region_(region),
        vessel_factor_(vessel_factor),
        vessel_time_(vessel_time) {}

  [[nodiscard]] double survival(double alpha) const {
    return std::exp(-alpha * dose_ - alpha / ab_ * dose_ * dose_);
  }

  void step(HookContext& ctx) override {
    ModelState& s = ctx.state;
    for (int k = 0; k < tm_.doses; ++k) {
      const double t = tm_.dose_time(k);
      // The lag starts with the step that holds the fraction, so the
      // survivors of the kill below do not divide in it either (the same
      // tolerance as in_step, so a time on a step boundary is not split).
      if (t < ctx.t0_s + ctx.dt_s - 1e-9 && ctx.t0_s < t + repop_delay_ - 1e-9)
        s.effects.division_arrest.push_back(region_);
      if (vessel_factor_ < 1 && ctx.t0_s >= t && ctx.t0_s < t + vessel_time_)
        s.effects.vessel_growth *= vessel_factor_;
      if (!ctx.in_step(t)) continue;
      const double s_mpc = survival(alpha_mpc_), s_other = survival(alpha_other_);
      std::vector<std::uint8_t> dead(s.cells.size(), 0);
      const auto nc = static_cast<std::int64_t>(s.cells.size());
      // One stream per cell, keyed by its id and this entry (hook index in
      // the top byte), so the kill pattern does not depend on threads.
#pragma omp parallel for schedule(static)
      for (std::int64_t c = 0; c < nc; ++c) {
        if (!in_region(s.grid, region_, s.cells.voxel[c])) continue;
        const double surv = s.cells.type[c] == CellType::Mpc ? s_mpc : s_other;
        RandomStream rs(s.seed, static_cast<std::uint64_t>(s.step),
                        s.cells.id[c] ^ (static_cast<std::uint64_t>(ctx.hook) << 56),
                        RngPurpose::Intervention);
        dead[c] = rs.uniform() >= surv ? 1 : 0;
      }
      const std::size_t killed = s.remove_cells(dead);
      ctx.log("fraction", dose_, "Gy");
      ctx.log("cells_killed", ctx.whole_domain(static_cast<double>(killed)), "cells");
    }
  }
  [[nodiscard]] std::vector<HookColumn> columns() const override {
    return {{"dose_delivered", "Gy", "cumulative dose given"},
            {"cells_killed", "cells", "cumulative cells killed"}};
  }
  [[nodiscard]] double column_value(std::size_t c, const ModelState& s,
                                    std::int32_t hook) const override {
    return hook_util::logged_total(s, hook, c == 0 ? "fraction" : "cells_killed");
  }

 private:
  Timing tm_;
  double dose_, alpha_mpc_, alpha_other_, ab_, repop_delay_;
  EffectRegion region_;
  double vessel_factor_, vessel_time_;
};

}  // namespace

InterventionType radiation_type() {
  InterventionType t;
  t.name = "radiation";
  t.summary =
      "external-beam radiation: each fraction kills cells in the region with linear-quadratic "
      "survival exp(-αD - βD²), progenitors most sensitive";
  t.source =
      "MODEL.md §4; 7 Gy single fraction within 24 h before or 72 h after surgery (Seegenschmiedt "
      "1994 Int J Radiat Oncol Biol Phys; DeFlitch & Stryker 1993 Radiology 188:265: little "
      "effect from day 4)";
  t.timing = TimingKind::Doses;
  std::vector<HookKey> keys = {
      {.key = "dose",
       .unit = "Gy",
       .def = 7,
       .lo = 0,
       .hi = 50,
       .lo_open = true,
       .meaning = "dose of each fraction",
       .source = "7-8 Gy single fraction, the clinical regimen (MODEL.md §4)"},
      {.key = "alpha_progenitor",
       .unit = "1/Gy",
       .def = 0.3,
       .lo = 0,
       .hi = 10,
       .meaning = "linear-quadratic α of progenitors (dividing, the most sensitive)",
       .source = "MODEL.md §4: α about 0.2-0.4 1/Gy (est.)"},
      {.key = "alpha_other",
       .unit = "1/Gy",
       .def = 0.02,
       .lo = 0,
       .hi = 10,
       .meaning = "α of every other cell type (immune cells, fibroblasts, chondrocytes, "
                  "osteoblasts, osteocytes)",
       .source = "in the model only progenitors divide; a cell that does not divide can die only "
                 "of interphase death, which non-lymphoid cells withstand at many times the dose "
                 "that stops division (Britannica, radiosensitivity); macrophages are the most "
                 "radioresistant immune cells (Heylmann 2021 Sci Rep) (est.; 0.1 until "
                 "2026-12-05)"},
      {.key = "alpha_beta",
       .unit = "Gy",
       .def = 10,
       .lo = 0,
       .hi = 1000,
       .lo_open = true,
       .meaning = "α/β ratio (β = α / alpha_beta)",
       .source = "MODEL.md §4: about 10 Gy (est.)"},
      {.key = "repopulation_delay",
       .unit = "s",
       .def = 5 * kDay,
       .lo = 0,
       .hi = 60 * kDay,
       .meaning = "lag after each fraction before the surviving progenitors in the region divide "
                  "again (0 = they divide at once)",
       .source = "repopulation after single 10-13 Gy to mouse tongue mucosa began after at least "
                 "3 days (Doerr & Kummermehr 1990 Radiother Oncol 17:249); irradiated normal "
                 "human fibroblasts stay in a p53-dependent G1 arrest for days (Di Leonardo 1994 "
                 "Genes Dev 8:2540) (est.)"},
      {.key = "vessel_growth_factor",
       .def = 1,
       .lo = 0,
       .hi = 1,
       .meaning = "option: vascular regrowth is multiplied by this for vessel_effect_time after "
                  "each fraction (1 = no effect on vessels)",
       .source = "≥ 4 Gy cuts capillary-like structures of endothelial cells (Microvasc Res "
                 "2007) (est.)"},
      {.key = "vessel_effect_time",
       .unit = "s",
       .def = 14 * kDay,
       .lo = 0,
       .hi = 365 * kDay,
       .meaning = "how long after a fraction vascular regrowth stays slowed",
       .source = "(est.)"},
  };
  for (auto& k : hook_util::region_keys("the whole domain")) keys.push_back(k);
  t.keys = keys;
  t.make = [](const HookSettings& s, const Timing& tm, const Params&) {
    return std::make_unique<RadiationHook>(
        tm, s.real("dose"), s.real("alpha_progenitor"), s.real("alpha_other"), s.real("alpha_beta"),
        s.real("repopulation_delay"), hook_util::region_of(s, EffectRegion{}),
        s.real("vessel_growth_factor"), s.real("vessel_effect_time"));
  };
  return t;
}

}  // namespace hosim
