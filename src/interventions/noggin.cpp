// Noggin (MODEL.md §4): binds BMP (bmp.noggin_binding). Local: each dose
// raises the Noggin field by `dose` in the region (an injection). Systemic:
// each dose adds `dose` to the plasma level, which decays with the plasma
// half-life and enters the tissue through perfused vessels.
#include <cmath>

#include "interventions/schedule.hpp"
#include "model/scenario.hpp"

namespace hosim {

namespace {

constexpr double kDay = 86400;

class NogginHook : public Intervention {
 public:
  NogginHook(Timing tm, bool systemic, double dose, double half_life, double exchange,
             EffectRegion region)
      : tm_(tm),
        systemic_(systemic),
        dose_(dose),
        half_life_(half_life),
        exchange_(exchange),
        region_(region) {}

  [[nodiscard]] double plasma(double t) const {
    double c = 0;
    for (int k = 0; k < tm_.doses; ++k) {
      const double since = t - tm_.dose_time(k);
      if (since >= -1e-9) c += dose_ * std::exp2(-std::max(since, 0.0) / half_life_);
    }
    return c;
  }

  void step(HookContext& ctx) override {
    ModelState& s = ctx.state;
    if (systemic_) {
      const double c = plasma(ctx.t0_s);
      if (c > 0) {
        s.effects.noggin_plasma_nM += c;
        s.effects.noggin_exchange_per_s = std::max(s.effects.noggin_exchange_per_s, exchange_);
      }
    }
    for (int k = 0; k < tm_.doses; ++k) {
      if (!ctx.in_step(tm_.dose_time(k))) continue;
      if (!systemic_) {
        const int f = s.field_index("noggin");
        std::size_t count = 0;
        if (f >= 0) {
          real* v = s.fields[f].values.data();
          for (std::size_t i = 0; i < s.grid.size(); ++i)
            if (in_region(s.grid, region_, i)) {
              v[i] += dose_;
              ++count;
            }
        }
        // Amount injected: nM × volume (µm³ → L is 1e-15) in pmol.
        const double litres = static_cast<double>(count) * std::pow(s.grid.dx_um, 3) * 1e-15;
        ctx.log("injected", ctx.whole_domain(dose_ * litres * 1e3), "pmol");
      }
      ctx.log("dose", dose_, "nM");
    }
  }
  [[nodiscard]] std::vector<HookColumn> columns() const override {
    return {{"plasma", "nM", "systemic Noggin in plasma (0 for local injections)"},
            {"doses_given", "1", "doses given so far"}};
  }
  [[nodiscard]] double column_value(std::size_t c, const ModelState& s,
                                    std::int32_t hook) const override {
    if (c == 0) return systemic_ ? plasma(s.time_s) : 0.0;
    return static_cast<double>(hook_util::logged_count(s, hook, "dose"));
  }

 private:
  Timing tm_;
  bool systemic_;
  double dose_, half_life_, exchange_;
  EffectRegion region_;
};

}  // namespace

InterventionType noggin_type() {
  InterventionType t;
  t.name = "noggin";
  t.summary =
      "BMP antagonist: local injection into a region, or systemic doses that circulate with a "
      "plasma half-life and enter the tissue through perfused vessels; binds free BMP";
  t.source =
      "MODEL.md §4; local Noggin blocked BMP4-induced HO, an engineered mutein (hNOGΔB2) "
      "circulated for over 2 weeks (Glaser 2003 J Bone Joint Surg Am 85:2332)";
  t.timing = TimingKind::Doses;
  std::vector<HookKey> keys = {
      {.key = "mode",
       .kind = HookKey::Kind::Choice,
       .choices = {"local", "systemic"},
       .meaning = "local: each dose raises the Noggin field in the region; systemic: each dose "
                  "raises the plasma level",
       .source = "MODEL.md §4"},
      {.key = "dose",
       .unit = "nM",
       .def = 10,
       .lo = 0,
       .hi = 1e5,
       .meaning = "rise of the local Noggin concentration (local) or of the plasma level "
                  "(systemic) per dose",
       .source = "tens of nM exceed the lesion's free BMP (~1 nM) many times over (est.)"},
      {.key = "half_life",
       .unit = "s",
       .def = 5 * kDay,
       .lo = 0,
       .hi = 365 * kDay,
       .lo_open = true,
       .meaning = "plasma half-life (systemic)",
       .source = "the mutein circulates for over 2 weeks (Glaser 2003) (est.)"},
      {.key = "exchange",
       .unit = "1/s",
       .def = 1e-4,
       .lo = 0,
       .hi = 1,
       .meaning = "plasma-tissue exchange rate at full vascular density (systemic)",
       .source = "a ~25 kDa protein crosses capillaries far slower than phosphate "
                 "(phosphate.exchange 1e-3 1/s) (est.)"},
  };
  for (auto& k : hook_util::region_keys("the initial injury (local); unused (systemic)"))
    keys.push_back(k);
  t.keys = keys;
  t.make = [](const HookSettings& s, const Timing& tm, const Params& p) {
    EffectRegion lesion;
    lesion.whole = false;
    lesion.centre_frac = p.injury.centre_frac;
    lesion.radii_um = p.injury.radii_um;
    return std::make_unique<NogginHook>(tm, s.choice("mode") == "systemic", s.real("dose"),
                                        s.real("half_life"), s.real("exchange"),
                                        hook_util::region_of(s, lesion));
  };
  return t;
}

}  // namespace hosim
