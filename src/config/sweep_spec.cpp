// Reading SWEEP.yaml. The layout (documented in experiments/sweeps/README.md):
//
//   sweep: {name, base, set: {key: value}, design, replicates, seed, seeds,
//           samples, levels}
//   axes:  [{key, values: [...]} | {key, from, to, unit, n, scale, integer}]
#include "config/sweep_spec.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <map>
#include <set>
#include <sstream>
#include <tuple>

#include "config/config.hpp"
#include "config/suggest.hpp"
#include "config/yaml_value.hpp"
#include "core/errors.hpp"

namespace fs = std::filesystem;

namespace hosim {

namespace {

using yaml_detail::written_text;

class SpecReader {
 public:
  explicit SpecReader(std::string source) : source_(std::move(source)) {}

  [[nodiscard]] std::string at(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    return m.is_null() ? source_ : source_ + ":" + std::to_string(m.line + 1);
  }
  [[noreturn]] void fail(const YAML::Node& n, const std::string& what) const {
    throw ConfigError(at(n) + ": " + what);
  }

  // Keys of `map` must come from `allowed`; a typo gets a suggestion.
  void check_keys(const YAML::Node& map, const std::string& where_name,
                  const std::vector<std::string>& allowed) const {
    std::set<std::string> seen;
    for (const auto& kv : map) {
      if (!kv.first.IsScalar()) fail(kv.first, where_name + ": a key must be a plain name");
      const std::string k = kv.first.Scalar();
      if (!seen.insert(k).second) fail(kv.first, where_name + ": duplicate key '" + k + "'");
      if (std::find(allowed.begin(), allowed.end(), k) != allowed.end()) continue;
      std::string list;
      for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
      const auto guess = closest_match(k, allowed);
      fail(kv.first, "unknown key '" + where_name + "." + k + "'" +
                         (guess ? " (did you mean '" + *guess + "'?)" : " (valid: " + list + ")"));
    }
  }

  [[nodiscard]] std::string scalar(const YAML::Node& n, const std::string& key) const {
    if (!n.IsScalar())
      fail(n, key + " = \"" + written_text(n) + "\": must be a single value, not a list or map");
    return n.Scalar();
  }

  [[nodiscard]] long long integer(const YAML::Node& n, const std::string& key, long long lo,
                                  long long hi) const {
    const std::string s = scalar(n, key);
    errno = 0;
    char* end = nullptr;
    const long long v = std::strtoll(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || errno == ERANGE || v < lo || v > hi)
      fail(n, key + " = \"" + s + "\": must be an integer in [" + std::to_string(lo) + ", " +
                  std::to_string(hi) + "]");
    return v;
  }

  [[nodiscard]] bool boolean(const YAML::Node& n, const std::string& key) const {
    const std::string s = scalar(n, key);
    if (s == "true") return true;
    if (s == "false") return false;
    fail(n, key + " = \"" + s + "\": must be true or false");
  }

  // "5e-4 mM/s", "0.3" or {value: 5e-4, unit: mM/s} -> (number, unit).
  [[nodiscard]] std::pair<double, std::string> quantity(const YAML::Node& n,
                                                        const std::string& key) const {
    std::string text;
    if (n.IsMap() && n.size() == 2 && n["value"] && n["unit"])
      text = scalar(n["value"], key + ".value") + " " + scalar(n["unit"], key + ".unit");
    else
      text = scalar(n, key);
    const char* s = text.c_str();
    char* end = nullptr;
    errno = 0;
    const double v = std::strtod(s, &end);
    if (end == s || errno == ERANGE || !std::isfinite(v))
      fail(n, key + " = \"" + text + "\": must be a number with an optional unit, e.g. 0.3 nM");
    std::string unit(end);
    const auto b = unit.find_first_not_of(" \t");
    unit = b == std::string::npos ? "" : unit.substr(b);
    return {v, unit};
  }

  // A value as --set takes it: the scalar, {value, unit} as "value unit", or
  // a list/map in flow style.
  [[nodiscard]] static std::string set_text(const YAML::Node& n) {
    if (n.IsMap() && n.size() == 2 && n["value"] && n["unit"] && n["value"].IsScalar() &&
        n["unit"].IsScalar())
      return n["value"].Scalar() + " " + n["unit"].Scalar();
    return written_text(n);
  }

  void read_sweep(const YAML::Node& m, SweepSpec& spec, const std::string& base_dir) const {
    if (!m.IsMap()) fail(m, "sweep = \"" + written_text(m) + "\": must be a map of keys");
    check_keys(m, "sweep",
               {"name", "base", "set", "design", "replicates", "seed", "seeds", "samples", "levels",
                "outcome"});
    if (m["name"]) {
      spec.name = scalar(m["name"], "sweep.name");
      const bool ok = !spec.name.empty() && spec.name.size() <= 100 &&
                      spec.name.find_first_not_of(
                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU"
                          "VWXYZ0123456789_-.") == std::string::npos;
      if (!ok)
        fail(m["name"], "sweep.name = \"" + spec.name +
                            "\": use letters, digits, '_', '-', '.' (1-100 characters)");
    }
    if (!m["base"])
      fail(m,
           "sweep.base is missing: give the base config the points start from, e.g. "
           "base: ../../configs/teaching_2d.yaml");
    const std::string base = scalar(m["base"], "sweep.base");
    spec.base = fs::path(base).is_absolute() || base_dir.empty()
                    ? base
                    : (fs::path(base_dir) / base).lexically_normal().string();
    if (const YAML::Node s = m["set"]; s && !s.IsNull()) {
      if (!s.IsMap())
        fail(s, "sweep.set = \"" + written_text(s) +
                    "\": must be a map of key paths to values, e.g. set: {run.duration: 20 day}");
      for (const auto& kv : s)
        spec.set.push_back(scalar(kv.first, "sweep.set key") + "=" + set_text(kv.second));
    }
    if (m["design"]) {
      const std::string d = scalar(m["design"], "sweep.design");
      if (d == "grid")
        spec.design = SweepDesign::Grid;
      else if (d == "latin_hypercube")
        spec.design = SweepDesign::LatinHypercube;
      else if (d == "morris")
        spec.design = SweepDesign::Morris;
      else if (d == "cohort")
        spec.design = SweepDesign::Cohort;
      else
        fail(m["design"],
             "sweep.design = \"" + d + "\": must be one of grid, latin_hypercube, morris, cohort");
    }
    if (m["replicates"])
      spec.replicates = static_cast<int>(integer(m["replicates"], "sweep.replicates", 1, 10000));
    if (m["seed"])
      spec.seed = static_cast<std::uint64_t>(
          integer(m["seed"], "sweep.seed", 0, std::numeric_limits<std::int64_t>::max()));
    if (m["seeds"]) {
      const std::string s = scalar(m["seeds"], "sweep.seeds");
      if (s == "per_point")
        spec.seeds = SeedMode::PerPoint;
      else if (s == "common")
        spec.seeds = SeedMode::Common;
      else
        fail(m["seeds"], "sweep.seeds = \"" + s + "\": must be per_point or common");
    }
    const bool sampled = spec.design != SweepDesign::Grid;
    if (m["samples"]) {
      if (!sampled)
        fail(m["samples"],
             "sweep.samples applies to the latin_hypercube, morris and cohort designs; a "
             "grid takes n on each range axis");
      spec.samples = static_cast<int>(integer(m["samples"], "sweep.samples", 1, 100000));
    } else if (sampled) {
      fail(m, std::string("sweep.samples is missing: the ") + design_name(spec.design) +
                  " design needs a sample count (" +
                  (spec.design == SweepDesign::Morris   ? "trajectories"
                   : spec.design == SweepDesign::Cohort ? "patients"
                                                        : "points") +
                  ")");
    }
    if (const YAML::Node o = m["outcome"]) {
      if (spec.design != SweepDesign::Cohort)
        fail(o, "sweep.outcome applies to the cohort design only");
      if (!o.IsMap())
        fail(o, "sweep.outcome must be a map, e.g. {readout: ho_volume_mm3, above: 0.001 mm^3}");
      check_keys(o, "sweep.outcome", {"readout", "above", "expected"});
      if (o["expected"])
        spec.outcome.expected = expected_rate(o["expected"], "sweep.outcome.expected");
      if (o["readout"]) spec.outcome.readout = scalar(o["readout"], "sweep.outcome.readout");
      if (!o["above"])
        fail(o, "sweep.outcome.above is missing: the readout value above which a patient has HO");
      std::tie(spec.outcome.above, spec.outcome.unit) = quantity(o["above"], "sweep.outcome.above");
      spec.has_outcome = true;
    }
    if (m["levels"]) {
      if (spec.design != SweepDesign::Morris)
        fail(m["levels"], "sweep.levels applies to the morris design only");
      spec.levels = static_cast<int>(integer(m["levels"], "sweep.levels", 2, 1000));
      if (spec.levels % 2 != 0)
        fail(m["levels"], "sweep.levels = \"" + m["levels"].Scalar() +
                              "\": must be even (Morris 1991: the step is levels / (2 (levels "
                              "- 1)), which keeps every level equally likely)");
    }
  }

  SweepAxis read_axis(const YAML::Node& a, std::size_t k, const SweepSpec& spec) const {
    const std::string label = "axes[" + std::to_string(k) + "]";
    if (!a.IsMap()) fail(a, label + " = \"" + written_text(a) + "\": must be a map with a key");
    const bool cohort = spec.design == SweepDesign::Cohort;
    if (cohort)
      check_keys(a, label,
                 {"key", "distribution", "mean", "sd", "median", "gsd", "from", "to", "unit", "min",
                  "max", "integer"});
    else
      check_keys(a, label, {"key", "values", "from", "to", "unit", "n", "scale", "integer"});
    SweepAxis ax;
    ax.where = at(a);
    if (!a["key"]) fail(a, label + ".key is missing: name the parameter, e.g. key: bmp.half_max");
    ax.key = scalar(a["key"], label + ".key");
    if (cohort) return read_cohort_axis(a, label, std::move(ax));
    const bool has_values = static_cast<bool>(a["values"]);
    const bool has_range = a["from"] || a["to"];
    if (has_values == has_range)
      fail(a, label + " (" + ax.key +
                  "): give either values: [...] or a range from: ... to: ... (not both)");
    if (has_values) {
      for (const char* k2 : {"unit", "n", "scale", "integer"})
        if (a[k2]) fail(a[k2], label + "." + k2 + " applies to a range (from, to), not a list");
      const YAML::Node v = a["values"];
      if (!v.IsSequence() || v.size() == 0)
        fail(v, label + ".values = \"" + written_text(v) + "\": must be a non-empty list");
      if (spec.design != SweepDesign::Grid)
        fail(v, label + " (" + ax.key + "): the " + design_name(spec.design) +
                    " design samples ranges; give from: and to: instead of a list");
      for (const auto& x : v) ax.values.push_back(set_text(x));
      return ax;
    }
    if (!a["from"] || !a["to"])
      fail(a, label + " (" + ax.key + "): a range needs both from and to");
    auto [from, ufrom] = quantity(a["from"], label + ".from");
    auto [to, uto] = quantity(a["to"], label + ".to");
    std::string unit = a["unit"] ? scalar(a["unit"], label + ".unit") : "";
    for (const auto& [u, name] : {std::pair{ufrom, "from"}, std::pair{uto, "to"}}) {
      if (u.empty()) continue;
      if (!unit.empty() && u != unit)
        fail(a, label + " (" + ax.key + "): " + name + " is in '" + u + "' but the axis in '" +
                    unit + "'; write both ends in one unit");
      unit = u;
    }
    ax.range = true;
    ax.from = from;
    ax.to = to;
    ax.unit = unit;
    if (a["scale"]) {
      const std::string s = scalar(a["scale"], label + ".scale");
      if (s == "linear")
        ax.scale = AxisScale::Linear;
      else if (s == "log")
        ax.scale = AxisScale::Log;
      else
        fail(a["scale"], label + ".scale = \"" + s + "\": must be linear or log");
    }
    if (ax.scale == AxisScale::Log && (from <= 0 || to <= 0))
      fail(a, label + " (" + ax.key + "): a log scale needs from and to above 0");
    if (a["integer"]) ax.integer = boolean(a["integer"], label + ".integer");
    if (spec.design == SweepDesign::Grid) {
      if (!a["n"]) fail(a, label + " (" + ax.key + "): a grid range needs n, the number of values");
      ax.n = static_cast<int>(integer(a["n"], label + ".n", 1, 100000));
    } else if (a["n"]) {
      fail(a["n"], label + ".n applies to the grid design; the " +
                       std::string(design_name(spec.design)) + " design takes sweep.samples");
    }
    return ax;
  }

  // A stated incidence: one fraction, or a range [lo, hi], written as
  // fractions (0.23) or percentages ("23 %").
  [[nodiscard]] ExpectedRate expected_rate(const YAML::Node& n, const std::string& key) const {
    const auto fraction = [&](const YAML::Node& x) {
      auto [v, u] = quantity(x, key);
      if (u == "%")
        v /= 100;
      else if (!u.empty())
        fail(x, key + ": a rate is a fraction (0.23) or a percentage (23 %)");
      if (v < 0 || v > 1) fail(x, key + ": a rate must lie in [0, 1] (0-100 %)");
      return v;
    };
    ExpectedRate r;
    r.given = true;
    if (n.IsSequence()) {
      if (n.size() != 2) fail(n, key + " must be one rate or a range [lo, hi]");
      r.lo = fraction(n[0]);
      r.hi = fraction(n[1]);
      if (r.lo > r.hi) fail(n, key + ": the range [lo, hi] must have lo ≤ hi");
    } else {
      r.lo = r.hi = fraction(n);
    }
    return r;
  }

  // A patient-level variation: a distribution with parameters in one unit.
  SweepAxis read_cohort_axis(const YAML::Node& a, const std::string& label, SweepAxis ax) const {
    if (!a["distribution"])
      fail(a, label + " (" + ax.key +
                  "): a cohort axis needs a distribution (normal, lognormal or uniform)");
    const std::string d = scalar(a["distribution"], label + ".distribution");
    std::string unit = a["unit"] ? scalar(a["unit"], label + ".unit") : "";
    // A parameter of the distribution, its unit checked against the axis unit.
    const auto param = [&](const char* name) {
      if (!a[name]) fail(a, label + " (" + ax.key + "): the " + d + " distribution needs " + name);
      auto [v, u] = quantity(a[name], label + "." + name);
      if (!u.empty()) {
        if (!unit.empty() && u != unit)
          fail(a[name], label + " (" + ax.key + "): " + name + " is in '" + u +
                            "' but the axis in '" + unit + "'; write the axis in one unit");
        unit = u;
      }
      return v;
    };
    const auto forbid = [&](std::initializer_list<const char*> names) {
      for (const char* n : names)
        if (a[n]) fail(a[n], label + "." + n + " does not apply to a " + d + " distribution");
    };
    if (d == "normal") {
      ax.distribution = Distribution::Normal;
      forbid({"median", "gsd", "from", "to"});
      ax.mean = param("mean");
      ax.sd = param("sd");
      if (ax.sd < 0) fail(a["sd"], label + ".sd must be ≥ 0");
    } else if (d == "lognormal") {
      ax.distribution = Distribution::LogNormal;
      forbid({"mean", "sd", "from", "to"});
      ax.median = param("median");
      if (!a["gsd"]) fail(a, label + " (" + ax.key + "): the lognormal distribution needs gsd");
      const auto [g, gu] = quantity(a["gsd"], label + ".gsd");
      if (!gu.empty()) fail(a["gsd"], label + ".gsd is a dimensionless factor (≥ 1), not in " + gu);
      ax.gsd = g;
      if (ax.median <= 0 || ax.gsd < 1)
        fail(a, label + " (" + ax.key + "): a lognormal needs median > 0 and gsd ≥ 1");
    } else if (d == "uniform") {
      ax.distribution = Distribution::Uniform;
      forbid({"mean", "sd", "median", "gsd"});
      ax.from = param("from");
      ax.to = param("to");
    } else {
      fail(a["distribution"],
           label + ".distribution = \"" + d + "\": must be normal, lognormal or uniform");
    }
    if (a["min"]) ax.min = param("min");
    if (a["max"]) ax.max = param("max");
    if (ax.min >= ax.max) fail(a, label + " (" + ax.key + "): min must be below max");
    if (a["integer"]) ax.integer = boolean(a["integer"], label + ".integer");
    ax.unit = unit;
    return ax;
  }

  std::vector<SweepGroup> read_groups(const YAML::Node& list) const {
    if (!list.IsSequence() || list.size() == 0)
      fail(list,
           "groups: must be a non-empty list, e.g. groups: [{name: sex, levels: [{label: male, "
           "p: 0.8}, {label: female, p: 0.2}]}]");
    std::vector<SweepGroup> out;
    for (std::size_t k = 0; k < list.size(); ++k) {
      const YAML::Node g = list[k];
      const std::string label = "groups[" + std::to_string(k) + "]";
      if (!g.IsMap()) fail(g, label + " must be a map with name and levels");
      check_keys(g, label, {"name", "levels"});
      SweepGroup grp;
      grp.where = at(g);
      if (!g["name"]) fail(g, label + ".name is missing");
      grp.name = scalar(g["name"], label + ".name");
      for (const auto& other : out)
        if (other.name == grp.name) fail(g, label + ": a second group named '" + grp.name + "'");
      const YAML::Node levels = g["levels"];
      if (!levels || !levels.IsSequence() || levels.size() == 0)
        fail(g, label + " (" + grp.name + "): levels must be a non-empty list of {label, p, set}");
      double total = 0;
      for (std::size_t j = 0; j < levels.size(); ++j) {
        const YAML::Node l = levels[j];
        const std::string ll = label + ".levels[" + std::to_string(j) + "]";
        if (!l.IsMap()) fail(l, ll + " must be a map {label, p, set}");
        check_keys(l, ll, {"label", "p", "set", "shift", "expected"});
        GroupLevel lv;
        if (!l["label"] || !l["p"]) fail(l, ll + " needs a label and a probability p");
        lv.label = scalar(l["label"], ll + ".label");
        for (const auto& other : grp.levels)
          if (other.label == lv.label) fail(l, ll + ": a second level labelled '" + lv.label + "'");
        const auto [p, pu] = quantity(l["p"], ll + ".p");
        if (!pu.empty() || p < 0 || p > 1)
          fail(l["p"],
               ll + ".p = \"" + scalar(l["p"], ll + ".p") + "\": must be a probability in [0, 1]");
        lv.p = p;
        total += p;
        if (l["expected"]) lv.expected = expected_rate(l["expected"], ll + ".expected");
        if (const YAML::Node st = l["set"]; st && !st.IsNull()) {
          if (!st.IsMap()) fail(st, ll + ".set must be a map of key paths to values");
          for (const auto& kv : st)
            lv.set.push_back(scalar(kv.first, ll + ".set key") + "=" + set_text(kv.second));
        }
        if (const YAML::Node sh = l["shift"]; sh && !sh.IsNull()) {
          if (!sh.IsMap())
            fail(sh, ll + ".shift must be a map of cohort axis keys to amounts, e.g. shift: "
                          "{injury.vessel_damage: 0.05}");
          for (const auto& kv : sh) {
            AxisShift s;
            s.key = scalar(kv.first, ll + ".shift key");
            s.where = at(kv.second);
            // The unit is checked against the axis once the axes are read.
            std::tie(s.by, s.unit) = quantity(kv.second, ll + ".shift." + s.key);
            lv.shift.push_back(std::move(s));
          }
        }
        grp.levels.push_back(std::move(lv));
      }
      if (std::abs(total - 1.0) > 1e-9)
        fail(g, label + " (" + grp.name + "): the level probabilities add up to " +
                    (std::ostringstream() << total).str() + ", not 1");
      out.push_back(std::move(grp));
    }
    return out;
  }

  // A level's shift must name a cohort axis and be written in its unit (or
  // bare for a dimensionless axis).
  static void check_shifts(const SweepSpec& spec) {
    for (const auto& g : spec.groups)
      for (const auto& l : g.levels)
        for (const auto& s : l.shift) {
          const std::string who =
              s.where + ": group '" + g.name + "', level '" + l.label + "' shifts " + s.key;
          const auto ax = std::find_if(spec.axes.begin(), spec.axes.end(),
                                       [&](const SweepAxis& a) { return a.key == s.key; });
          if (ax == spec.axes.end())
            throw ConfigError(who +
                              ", which is not an axis of this cohort; a shift moves an axis's "
                              "draw, so add the axis under axes:");
          if (s.unit != ax->unit)
            throw ConfigError(who + " by an amount in '" + s.unit + "' but the axis is in '" +
                              ax->unit + "'; write it in the axis unit");
          if (ax->distribution == Distribution::LogNormal)
            throw ConfigError(who +
                              ", a lognormal axis; shift a normal or uniform axis (a "
                              "lognormal factor would change its median, not add to it)");
        }
  }

  SweepSpec read(const std::string& text, const std::string& base_dir) const {
    YAML::Node root;
    try {
      root = YAML::Load(text);
    } catch (const YAML::Exception& e) {
      throw ConfigError(source_ + ":" + std::to_string(e.mark.line + 1) +
                        ": YAML syntax error: " + e.msg);
    }
    if (!root.IsMap()) throw ConfigError(source_ + ": a sweep file is a map with sweep: and axes:");
    check_keys(root, "(top level)", {"sweep", "axes", "groups"});
    SweepSpec spec;
    spec.source_name = source_;
    spec.text = text;
    spec.name = fs::path(source_).stem().string();
    if (!root["sweep"]) throw ConfigError(source_ + ": the sweep: section is missing");
    read_sweep(root["sweep"], spec, base_dir);
    const bool cohort = spec.design == SweepDesign::Cohort;
    if (root["groups"]) {
      if (!cohort) fail(root["groups"], "groups: apply to the cohort design only");
      spec.groups = read_groups(root["groups"]);
    }
    const YAML::Node axes = root["axes"];
    const bool axes_optional = cohort && !spec.groups.empty();
    if ((!axes && !axes_optional) || (axes && (!axes.IsSequence() || axes.size() == 0)))
      throw ConfigError(at(axes ? axes : root) +
                        ": axes: must be a non-empty list, e.g. axes: [{key: bmp.half_max, "
                        "values: [0.2 nM, 0.3 nM]}]");
    std::map<std::string, std::string> keys;
    for (const auto& s : spec.set) keys.emplace(s.substr(0, s.find('=')), "sweep.set");
    // A key set by a group may be set by each of its levels, but by nothing else.
    for (const auto& g : spec.groups) {
      std::map<std::string, std::string> mine;
      for (const auto& l : g.levels)
        for (const auto& st : l.set) mine.emplace(st.substr(0, st.find('=')), g.where);
      for (const auto& [k, where] : mine)
        if (const auto [it, fresh] = keys.emplace(k, where); !fresh)
          throw ConfigError(where + ": group '" + g.name + "' sets " + k +
                            ", which is already set at " + it->second + "; a key takes one place");
    }
    for (std::size_t k = 0; axes && k < axes.size(); ++k) {
      SweepAxis ax = read_axis(axes[k], k, spec);
      if (const auto [it, fresh] = keys.emplace(ax.key, ax.where); !fresh)
        throw ConfigError(ax.where + ": axes[" + std::to_string(k) + "]: " + ax.key +
                          " is already set at " + it->second + "; a key takes one place");
      spec.axes.push_back(std::move(ax));
    }
    check_shifts(spec);
    return spec;
  }

 private:
  std::string source_;
};

}  // namespace

const char* design_name(SweepDesign d) {
  switch (d) {
    case SweepDesign::Grid:
      return "grid";
    case SweepDesign::LatinHypercube:
      return "latin_hypercube";
    case SweepDesign::Morris:
      return "morris";
    case SweepDesign::Cohort:
      return "cohort";
  }
  return "?";
}

SweepSpec load_sweep_text(const std::string& yaml_text, const std::string& source_name,
                          const std::string& base_dir) {
  return SpecReader(source_name).read(yaml_text, base_dir);
}

SweepSpec load_sweep_file(const std::string& path) {
  return load_sweep_text(read_yaml_file(path, "sweep file"), path,
                         fs::path(path).parent_path().string());
}

}  // namespace hosim
