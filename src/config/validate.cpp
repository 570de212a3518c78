#include "config/validate.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "config/number_format.hpp"
#include "config/param_table.hpp"
#include "config/suggest.hpp"
#include "core/errors.hpp"
#include "core/units.hpp"

namespace hosim {

namespace {

class Validator {
 public:
  Validator(const Params& p, const OriginLookup& origin) : p_(p), origin_(origin) {}

  void run() {
    check_ranges();
    check_multiple("run.duration", p_.run.duration_s, false);
    check_multiple("output.snapshot_interval", p_.output.snapshot_interval_s, false);
    check_multiple("output.timeseries_interval", p_.output.timeseries_interval_s, false);
    check_multiple("output.checkpoint_interval", p_.output.checkpoint_interval_s, true);
    check_multiple("output.progress_interval", p_.output.progress_interval_s, false);
    check_multiple("run.field_step", p_.run.field_step_s, true, "every cell step");
    check_hop();
    check_vessel_scheme();
    check_rates();
    check_output_fields();
    check_mirror();
    check_host_bone();
    check_precipitation();
  }

 private:
  const Params& p_;
  const OriginLookup& origin_;

  [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
    const ValueOrigin o = origin_(key);
    throw ConfigError(o.where + ": " + key + " = \"" + o.written + "\": " + problem);
  }

  // A canonical value of `key` as "<v> <unit>", followed by the same value in
  // the unit the user wrote (or the documented display unit) when that differs.
  [[nodiscard]] std::string show(const std::string& key, double canonical) const {
    const ParamSpec* s = parameter_table().find(key);
    std::string out = format_short(canonical) + (s->dimensionless() ? "" : " " + s->unit);
    const ValueOrigin o = origin_(key);
    const std::string alt = !o.unit.empty() ? o.unit : s->display_unit;
    if (!alt.empty() && alt != s->unit) {
      try {
        out += " (" + format_short(canonical * units::conversion_factor(s->unit, alt)) + " " + alt +
               ")";
      } catch (const ConfigError&) {
        // A unit that does not convert cannot have been accepted; show canonical only.
      }
    }
    return out;
  }

  // "run.cell_step = 900 s (15 min), set at x.yaml:3" — the other party of a rule.
  [[nodiscard]] std::string other(const std::string& key, double canonical) const {
    const ValueOrigin o = origin_(key);
    return key + " = " + show(key, canonical) + (o.user_set ? " (" + o.where + ")" : "");
  }

  // Pick the key to blame for a rule broken by several: the first the user set.
  [[nodiscard]] std::string blame(std::initializer_list<const char*> keys) const {
    for (const char* k : keys)
      if (origin_(k).user_set) return k;
    return *keys.begin();
  }

  // The loader checks each value as it reads it; this catches Params edited in code.
  void check_ranges() const {
    for (const auto& s : parameter_table().specs) {
      const ParamValue v = s.get(p_);
      const std::string must = "must be in " + s.range_text();
      switch (s.kind) {
        case ParamKind::Real: {
          const double x = std::get<double>(v);
          if (!std::isfinite(x)) fail(s.key, "must be a finite number");
          if (!s.in_range(x)) fail(s.key, must);
          break;
        }
        case ParamKind::Vec3:
          for (double x : std::get<std::array<double, 3>>(v))
            if (!std::isfinite(x) || !s.in_range(x)) fail(s.key, "each element " + must);
          break;
        case ParamKind::Integer: {
          const std::int64_t i = std::get<std::int64_t>(v);
          if (i < s.ilo || i > s.ihi) fail(s.key, must);
          break;
        }
        case ParamKind::String:
          if (s.check_text) {
            const std::string problem = s.check_text(std::get<std::string>(v));
            if (!problem.empty()) fail(s.key, problem);
          }
          break;
        default:
          break;
      }
    }
  }

  // The step of the operators that run at the field step (recruitment,
  // transport, tissue kinetics), and the key that sets it.
  [[nodiscard]] double field_step() const {
    return p_.run.cell_step_s * static_cast<double>(p_.run.cell_steps_per_field_step());
  }
  [[nodiscard]] const char* field_step_key() const {
    return p_.run.field_step_s > 0 ? "run.field_step" : "run.cell_step";
  }

  void check_multiple(const std::string& key, double value, bool zero_allowed,
                      const char* zero_means = "off") const {
    const double step = p_.run.cell_step_s;
    if (zero_allowed && value == 0) return;
    const double ratio = value / step;
    const double n = std::round(ratio);
    if (n >= 1 && std::abs(value - n * step) <= 1e-9 * value) return;
    const double nearest = std::max(1.0, n) * step;
    fail(key, (zero_allowed ? "must be 0 (" + std::string(zero_means) + ") or " : "must be ") +
                  "a positive integer multiple of " + other("run.cell_step", step) +
                  "; the nearest valid value is " + show(key, nearest));
  }

  // A cell moves at most one voxel per cell step, with probability
  // speed * cell_step / voxel. The fastest offending cell type is named, so
  // the largest valid cell step given fixes every type at once.
  void check_hop() const {
    const double step = p_.run.cell_step_s;
    const double voxel = p_.grid.voxel_um;
    const char* worst = nullptr;
    double worst_speed = 0;
    for (const char* key :
         {"cells.mpc.speed", "cells.neutrophil.speed", "cells.macrophage.speed"}) {
      const double speed = std::get<double>(parameter_table().find(key)->get(p_));
      if (speed * step / voxel > 1 && speed > worst_speed) {
        worst = key;
        worst_speed = speed;
      }
    }
    if (worst == nullptr) return;
    const std::string key(worst);
    const double speed = worst_speed;
    fail(blame({"run.cell_step", worst, "grid.voxel"}),
         "migration hop probability " + key + " * run.cell_step / grid.voxel = " +
             format_short(speed * step / voxel) + " exceeds 1 (" + other(key, speed) + ", " +
             other("run.cell_step", step) + ", " + other("grid.voxel", voxel) +
             "); the largest valid run.cell_step is " + show("run.cell_step", voxel / speed) +
             ", or lower " + key + " to at most " + show(key, voxel / step));
  }

  // Vessel regrowth is an explicit Fisher-KPP update (tissue_kinetics.cpp),
  // made once per field step: stable while spread * step / voxel^2 <=
  // 1/(2 * dimensions), and its logistic growth needs growth_rate * step <= 1.
  void check_vessel_scheme() const {
    const double step = field_step();
    const std::string sk = field_step_key();
    const double voxel = p_.grid.voxel_um;
    const double spread = p_.vessels.spread_um2_s;
    const int dims = p_.grid.nz > 1 ? 3 : 2;
    const double limit = 1.0 / (2.0 * dims);
    const double r = spread * step / (voxel * voxel);
    if (r > limit)
      fail(blame({"vessels.spread", sk.c_str(), "grid.voxel"}),
           "the explicit vessel-regrowth scheme is unstable: vessels.spread * " + sk +
               " / grid.voxel^2 = " + format_short(r) + " exceeds 1/" + std::to_string(2 * dims) +
               "; the largest valid " + sk + " is " + show(sk, limit * voxel * voxel / spread) +
               ", or lower vessels.spread to at most " +
               show("vessels.spread", limit * voxel * voxel / step));
    check_rate("vessels.growth_rate", p_.vessels.growth_rate_per_s, "vessels.growth_rate", step,
               field_step_key());
  }

  // Every rate a cell rule (per cell step), recruitment or tissue kinetics
  // (per field step) turns into a per-step probability, plus the division
  // rates ln2 / doubling time.
  void check_rates() const {
    const auto& mpc = p_.cells.mpc;
    check_rate("cells.mpc.doubling_time", std::log(2.0) / mpc.doubling_time_s,
               "division rate ln2 / cells.mpc.doubling_time");
    check_rate("cells.mpc.quiescent_doubling_time", std::log(2.0) / mpc.quiescent_doubling_time_s,
               "division rate ln2 / cells.mpc.quiescent_doubling_time");
    for (const auto& s : parameter_table().specs) {
      if (s.kind != ParamKind::Real || s.unit != "1/s") continue;
      const bool cell = s.key.rfind("cells.", 0) == 0;
      if (!cell && s.key.rfind("recruitment.", 0) != 0 && s.key.rfind("tissue.", 0) != 0) continue;
      if (cell)
        check_rate(s.key, std::get<double>(s.get(p_)), s.key);
      else
        check_rate(s.key, std::get<double>(s.get(p_)), s.key, field_step(), field_step_key());
    }
  }

  // Rules turn a rate r into a per-step probability about r * step, which
  // must stay <= 1 (DESIGN.md §4, stability); `step_key` sets the step.
  void check_rate(const std::string& key, double rate, const std::string& what) const {
    check_rate(key, rate, what, p_.run.cell_step_s, "run.cell_step");
  }
  void check_rate(const std::string& key, double rate, const std::string& what, double step,
                  const std::string& step_key) const {
    const double prob = rate * step;
    if (prob <= 1) return;
    fail(blame({key.c_str(), step_key.c_str()}),
         "per-step probability " + what + " * " + step_key + " = " + format_short(prob) +
             " exceeds 1 (" + other(step_key, step) + "); the largest valid " + step_key + " is " +
             show(step_key, 1 / rate));
  }

  void check_output_fields() const {
    const std::vector<std::string> names = output_mesh_names(p_);
    std::string valid = "all";
    for (const auto& n : names) valid += ", " + n;
    std::set<std::string> seen;
    for (const auto& f : p_.output.fields) {
      if (!seen.insert(f).second) fail("output.fields", "'" + f + "' is listed twice");
      if (f == "all" || std::find(names.begin(), names.end(), f) != names.end()) continue;
      std::vector<std::string> candidates = names;
      candidates.emplace_back("all");
      const auto guess = closest_match(f, candidates);
      fail("output.fields", "unknown mesh '" + f + "'" +
                                (guess ? " (did you mean '" + *guess + "'?)" : std::string()) +
                                "; valid names: " + valid);
    }
  }

  // Precipitation is diffusion-limited: its phosphate sink is stiff (rate
  // precipitation.growth against exchange and diffusion), which only the
  // quasi-steady solver resolves together with the diffusion that feeds it
  // (a transient step applies the sink before diffusion and starves the
  // deposit). So where the calcium × phosphate product can pass the
  // threshold, the phosphate field must be quasi-steady.
  void check_precipitation() const {
    const FieldParams* f = p_.field("phosphate");
    if (f == nullptr || f->solver == FieldSolver::QuasiSteady || !precipitation_possible(p_))
      return;
    const auto& pp = p_.precipitation;
    fail(blame({"fields.phosphate.solver", "phosphate.serum", "precipitation.product_threshold"}),
         "phosphate up to " + format_short(highest_phosphate_mM(p_)) +
             " mM with precipitation.calcium " + format_short(pp.calcium_mM) +
             " mM gives a calcium x phosphate product above "
             "precipitation.product_threshold (" +
             format_short(pp.product_threshold_mM2) +
             " mM^2), so calcium phosphate precipitates; its diffusion-limited phosphate sink "
             "needs fields.phosphate.solver: quasi_steady (the transient solver is only valid "
             "below the threshold, i.e. phosphate <= " +
             format_short(precipitation_phosphate_mM(pp)) + " mM)");
  }

  // A mirror plane is a zero-flux face; the solvers hold one condition on
  // both faces of an axis, so a Dirichlet field cannot be combined with one.
  void check_mirror() const {
    std::set<std::string> seen;
    for (const auto& a : p_.grid.mirror) {
      if (a != "x" && a != "y" && a != "z")
        fail("grid.mirror", "unknown axis '" + a + "'; valid axes: x, y, z");
      if (!seen.insert(a).second) fail("grid.mirror", "axis '" + a + "' is listed twice");
      if (a == "z" && p_.grid.nz == 1)
        fail("grid.mirror", "a 2D slice (grid.nz = 1) has no z mirror plane; use x and/or y");
    }
    if (p_.grid.mirror.empty()) return;
    for (const auto& f : p_.transport.fields)
      if (f.boundary != BoundaryKind::ZeroFlux)
        fail(blame({("fields." + f.name + ".boundary").c_str(), "grid.mirror"}),
             "grid.mirror needs boundary zero_flux on every field (a mirror plane is a "
             "zero-flux face, and a field has one boundary condition on all its faces), but "
             "fields." +
                 f.name +
                 ".boundary is dirichlet; use zero_flux, or grid.mirror: [] for a "
                 "whole domain");
  }

  // The Brooker grade measures the gap between the two host bones on the
  // whole domain; on a mirror-reduced grid the mirrored copy of a bone would
  // be a third mass, and the pelvis and femur are not symmetric anyway.
  void check_host_bone() const {
    if (!p_.host_bone.any() || p_.grid.mirror.empty()) return;
    const char* key =
        p_.host_bone.pelvis.present() ? "host_bone.pelvis.radii" : "host_bone.femur.radii";
    fail(blame({key, "grid.mirror"}),
         "host bone (host_bone.*) needs the whole domain, but grid.mirror makes the grid a "
         "mirror-reduced part of it; use grid.mirror: [] with host bone");
  }
};

}  // namespace

void validate_params(const Params& p, const OriginLookup& origin) {
  Validator(p, origin).run();
}

void validate_params(const Params& p) {
  const OriginLookup origin = [&p](const std::string& key) {
    const ParamSpec* s = parameter_table().find(key);
    return ValueOrigin{"(in Params)", s->format_value(s->get(p), ParamSpec::Style::Short), "",
                       false};
  };
  validate_params(p, origin);
}

}  // namespace hosim
