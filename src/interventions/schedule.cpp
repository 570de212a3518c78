// Resolving the `interventions:` entries: each value converted into its
// key's canonical unit and range-checked, defaults filled, names made
// unique, `after` references resolved, timing checked.
#include "interventions/schedule.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>

#include "config/number_format.hpp"
#include "config/param_table.hpp"
#include "config/suggest.hpp"
#include "core/errors.hpp"
#include "core/units.hpp"
#include "model/scenario.hpp"

namespace hosim {

namespace {

constexpr double kDay = 86400;

// The keys every entry may have besides its type's own.
std::vector<HookKey> timing_keys(TimingKind kind) {
  std::vector<HookKey> k;
  k.push_back({.key = "start",
               .unit = "s",
               .lo = 0,
               .hi = 100 * 365 * kDay,
               .required = true,
               .meaning = "when it starts: time after the injury, or after the start of the entry "
                          "named by `after`",
               .source = "MODEL.md §4"});
  if (kind == TimingKind::Continuous) {
    k.push_back({.key = "end",
                 .unit = "s",
                 .lo = 0,
                 .hi = 100 * 365 * kDay,
                 .meaning = "when it stops (same reference as start); default: the end of the run",
                 .source = "MODEL.md §4"});
  } else {
    k.push_back({.key = "doses",
                 .kind = HookKey::Kind::Integer,
                 .def = 1,
                 .lo = 1,
                 .hi = 10000,
                 .meaning = "number of doses (fractions, injections, operations)",
                 .source = "MODEL.md §4"});
    k.push_back({.key = "interval",
                 .unit = "s",
                 .lo = 0,
                 .hi = 100 * 365 * kDay,
                 .lo_open = true,
                 .meaning = "time between doses; needed when doses > 1",
                 .source = "MODEL.md §4"});
  }
  return k;
}

const std::set<std::string> kNameKeys{"type", "name", "after"};

std::string comma_list(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

std::string days(double s) {
  return format_short(s / kDay) + " day";
}

// A value as written, converted into the key's unit and checked.
struct Reader {
  const std::string& label;  // "interventions[2] (radiation)"

  [[noreturn]] void fail(const InterventionSetting& s, const std::string& problem) const {
    std::string written;
    for (std::size_t k = 0; k < s.items.size(); ++k) written += (k ? ", " : "") + s.items[k];
    if (s.list) written = "[" + written + "]";
    throw ConfigError(s.where + ": " + label + "." + s.key + " = \"" + written + "\": " + problem);
  }

  double number(const InterventionSetting& s, const std::string& text, const HookKey& k) const {
    units::Quantity q;
    try {
      q = units::parse_quantity(text);
    } catch (const ConfigError& e) {
      fail(s, e.what());
    }
    double v = q.value;
    const bool dimensionless = units::parse_unit(k.unit).dim.dimensionless();
    if (q.unit.empty()) {
      if (!dimensionless)
        fail(s, "needs a unit (" + k.unit + " or another unit of the same dimension), e.g. \"" +
                    text + " " + k.unit + "\"");
    } else {
      try {
        v *= units::conversion_factor(q.unit, k.unit);
      } catch (const ConfigError& e) {
        fail(s, e.what());
      }
    }
    if (!std::isfinite(v)) fail(s, "must be a finite number");
    const bool below = k.lo_open ? v <= k.lo : v < k.lo;
    const bool above = k.hi_open ? v >= k.hi : v > k.hi;
    if (below || above) fail(s, "out of range; allowed " + k.range_text());
    return v;
  }

  HookSettings::Value read(const InterventionSetting& s, const HookKey& k) const {
    HookSettings::Value v;
    v.given = true;
    const bool want_list = k.kind == HookKey::Kind::Vec3;
    if (s.list != want_list)
      fail(s, want_list ? "must be a list of 3 values [x, y, z]" : "must be a single value");
    switch (k.kind) {
      case HookKey::Kind::Real:
        v.real = number(s, s.items.front(), k);
        break;
      case HookKey::Kind::Integer: {
        const double d = number(s, s.items.front(), k);
        if (d != std::floor(d)) fail(s, "must be a whole number");
        v.real = d;
        break;
      }
      case HookKey::Kind::Choice: {
        const std::string& t = s.items.front();
        if (std::find(k.choices.begin(), k.choices.end(), t) == k.choices.end()) {
          const auto g = closest_match(t, k.choices);
          fail(s, "not a known choice; allowed " + comma_list(k.choices) +
                      (g ? " (did you mean '" + *g + "'?)" : ""));
        }
        v.text = t;
        break;
      }
      case HookKey::Kind::Vec3:
        if (s.items.size() != 3) fail(s, "must be a list of 3 values [x, y, z]");
        for (int d = 0; d < 3; ++d) v.vec[d] = number(s, s.items[d], k);
        break;
    }
    return v;
  }
};

}  // namespace

// --- HookKey and HookSettings ------------------------------------------------

std::string HookKey::range_text() const {
  // The config's parameter spec already writes ranges; only the kind differs.
  ParamSpec spec;
  spec.unit = unit;
  spec.lo = lo;
  spec.hi = hi;
  spec.lo_open = lo_open;
  spec.hi_open = hi_open;
  spec.ilo = static_cast<std::int64_t>(lo);
  spec.ihi = static_cast<std::int64_t>(hi);
  spec.choices = choices;
  spec.kind = kind == Kind::Choice    ? ParamKind::Choice
              : kind == Kind::Integer ? ParamKind::Integer
              : kind == Kind::Vec3    ? ParamKind::Vec3
                                      : ParamKind::Real;
  return spec.range_text();
}

std::string HookKey::default_text() const {
  const std::string u = unit == "1" ? "" : " " + unit;
  switch (kind) {
    case Kind::Choice:
      return choices.empty() ? "-" : choices.front();
    case Kind::Vec3:
      if (std::isnan(def_vec[0])) return required ? "required" : "-";
      return "[" + format_short(def_vec[0]) + ", " + format_short(def_vec[1]) + ", " +
             format_short(def_vec[2]) + "]" + u;
    default:
      if (std::isnan(def)) return required ? "required" : "-";
      return format_short(def) + u;
  }
}

const HookSettings::Value& HookSettings::value(const std::string& key) const {
  for (const auto& [k, v] : values_)
    if (k == key) return v;
  throw std::logic_error("intervention setting '" + key + "' is not declared by its type");
}
double HookSettings::real(const std::string& key) const {
  return value(key).real;
}
int HookSettings::integer(const std::string& key) const {
  return static_cast<int>(value(key).real);
}
const std::string& HookSettings::choice(const std::string& key) const {
  return value(key).text;
}
const std::array<double, 3>& HookSettings::vec(const std::string& key) const {
  return value(key).vec;
}
bool HookSettings::given(const std::string& key) const {
  return value(key).given;
}
void HookSettings::fill(const std::string& key, double v) {
  if (given(key)) return;
  Value val;
  val.real = v;
  set(key, val);
}

void HookSettings::set(const std::string& key, Value v) {
  for (auto& [k, old] : values_)
    if (k == key) {
      old = std::move(v);
      return;
    }
  values_.emplace_back(key, std::move(v));
}

// --- the schedule --------------------------------------------------------------

Schedule::Schedule(const Params& p) {
  const auto& types = intervention_types();
  std::vector<std::string> type_names;
  for (const auto& t : types) type_names.push_back(t.name);

  struct Pending {
    std::string after;
    std::string after_where;
    const InterventionSetting* end = nullptr;
    const InterventionSetting* start = nullptr;
    std::string label;
  };
  std::vector<Pending> pending;
  std::map<std::string, std::size_t> by_name;
  std::map<std::string, int> type_count;

  for (std::size_t e = 0; e < p.interventions.size(); ++e) {
    const InterventionEntry& entry = p.interventions[e];
    std::string label = "interventions[" + std::to_string(e) + "]";
    const auto find = [&entry](const std::string& key) -> const InterventionSetting* {
      for (const auto& s : entry.settings)
        if (s.key == key) return &s;
      return nullptr;
    };
    const InterventionSetting* type_s = find("type");
    if (type_s == nullptr || type_s->list)
      throw ConfigError(entry.where + ": " + label + " has no 'type'; give one of " +
                        comma_list(type_names));
    const std::string& tname = type_s->items.front();
    const auto t = std::find_if(types.begin(), types.end(),
                                [&](const InterventionType& x) { return x.name == tname; });
    if (t == types.end()) {
      const auto g = closest_match(tname, type_names);
      throw ConfigError(
          type_s->where + ": " + label + ".type = \"" + tname + "\": unknown intervention type" +
          (g ? " (did you mean '" + *g + "'?)" : "") + "; known types: " + comma_list(type_names));
    }
    label += " (" + tname + ")";
    const Reader reader{label};

    std::vector<HookKey> keys = timing_keys(t->timing);
    keys.insert(keys.end(), t->keys.begin(), t->keys.end());
    std::vector<std::string> key_names{"type", "name", "after"};
    for (const auto& k : keys) key_names.push_back(k.key);

    ScheduledIntervention si;
    si.type = &*t;
    Pending pd;
    pd.label = label;
    for (const auto& s : entry.settings) {
      if (s.key == "type") continue;
      if (s.key == "name" || s.key == "after") {
        if (s.list) reader.fail(s, "must be a single name");
        const std::string& v = s.items.front();
        const bool ok = !v.empty() && v.size() <= 64 && std::all_of(v.begin(), v.end(), [](char c) {
          return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
        if (!ok) reader.fail(s, "a name is 1-64 characters of a-z, 0-9 and '_'");
        if (s.key == "name") {
          si.name = v;
        } else {
          pd.after = v;
          pd.after_where = s.where;
        }
        continue;
      }
      const auto k =
          std::find_if(keys.begin(), keys.end(), [&](const HookKey& x) { return x.key == s.key; });
      if (k == keys.end()) {
        // The other timing kind's keys get a message of their own.
        if (t->timing == TimingKind::Continuous && (s.key == "doses" || s.key == "interval"))
          reader.fail(s, tname + " is continuous: give start and end, not doses/interval");
        if (t->timing == TimingKind::Doses && s.key == "end")
          reader.fail(s, tname + " is given in doses: give start, doses and interval, not end");
        const auto g = closest_match(s.key, key_names);
        throw ConfigError(s.where + ": " + label + ": unknown key '" + s.key + "'" +
                          (g ? " (did you mean '" + *g + "'?)" : "") + "; keys of " + tname + ": " +
                          comma_list(key_names));
      }
      si.settings.set(s.key, reader.read(s, *k));
      if (s.key == "end") pd.end = &s;
      if (s.key == "start") pd.start = &s;
    }
    for (const auto& k : keys) {
      bool present = false;
      for (const auto& [name, v] : si.settings.all()) present = present || name == k.key;
      if (present) continue;
      if (k.required)
        throw ConfigError(entry.where + ": " + label + " needs '" + k.key + "' (" + k.meaning +
                          "; " + k.range_text() + ")");
      HookSettings::Value v;
      v.real = k.def;
      v.vec = k.def_vec;
      if (k.kind == HookKey::Kind::Choice) v.text = k.choices.front();
      si.settings.set(k.key, v);
    }
    if (t->presets) t->presets(si.settings);
    if (t->timing == TimingKind::Doses) {
      si.timing.doses = si.settings.integer("doses");
      if (si.timing.doses > 1 && !si.settings.given("interval"))
        throw ConfigError(entry.where + ": " + label +
                          " has doses = " + std::to_string(si.timing.doses) +
                          " but no 'interval' (the time between doses), e.g. interval: 1 day");
      si.timing.interval_s = si.settings.given("interval") ? si.settings.real("interval") : 0;
    }
    // Names: given, or the type (then type_2, type_3 ...).
    if (si.name.empty()) {
      const int n = ++type_count[tname];
      si.name = n == 1 ? tname : tname + "_" + std::to_string(n);
      while (by_name.count(si.name) > 0) si.name += "_";
    }
    if (by_name.count(si.name) > 0)
      throw ConfigError(entry.where + ": " + label + ": the name '" + si.name +
                        "' is already used by interventions[" +
                        std::to_string(by_name.at(si.name)) + "]; names must be unique");
    by_name[si.name] = entries_.size();
    entries_.push_back(std::move(si));
    pending.push_back(pd);
  }

  // Resolve `after` chains (start and end are relative to the referenced
  // entry's start), refusing unknown names and cycles.
  std::vector<int> state(entries_.size(), 0);  // 0 new, 1 resolving, 2 done
  std::function<void(std::size_t)> resolve = [&](std::size_t i) {
    if (state[i] == 2) return;
    const Pending& pd = pending[i];
    if (state[i] == 1)
      throw ConfigError(pd.after_where + ": " + pd.label + ".after = \"" + pd.after +
                        "\": the `after` references form a cycle");
    state[i] = 1;
    double base = 0;
    if (!pd.after.empty()) {
      const auto it = by_name.find(pd.after);
      if (it == by_name.end()) {
        std::vector<std::string> names;
        for (const auto& [n, k] : by_name) names.push_back(n);
        const auto g = closest_match(pd.after, names);
        throw ConfigError(pd.after_where + ": " + pd.label + ".after = \"" + pd.after +
                          "\": no intervention has that name" +
                          (g ? " (did you mean '" + *g + "'?)" : "") +
                          "; names: " + comma_list(names));
      }
      if (it->second == i)
        throw ConfigError(pd.after_where + ": " + pd.label + ".after names the entry itself");
      resolve(it->second);
      base = entries_[it->second].timing.start_s;
    }
    ScheduledIntervention& si = entries_[i];
    si.timing.start_s = base + si.settings.real("start");
    if (si.type->timing == TimingKind::Continuous && si.settings.given("end")) {
      si.timing.end_s = base + si.settings.real("end");
      if (si.timing.end_s <= si.timing.start_s)
        throw ConfigError(pd.end->where + ": " + pd.label + ": end (" + days(si.timing.end_s) +
                          ") must come after start (" + days(si.timing.start_s) + ")");
    }
    state[i] = 2;
  };
  for (std::size_t i = 0; i < entries_.size(); ++i) resolve(i);

  for (auto& si : entries_) {
    si.hook = si.type->make(si.settings, si.timing, p);
    const auto cols = si.hook->columns();
    column_count_.push_back(cols.size());
    for (const auto& c : cols) {
      column_names_.push_back(si.name + "_" + c.suffix);
      column_units_.push_back(c.unit);
    }
  }
}

void Schedule::step(ModelState& s, const Params& p, double dt_s) const {
  s.effects = TreatmentEffects{};
  for (std::size_t k = 0; k < entries_.size(); ++k) {
    HookContext ctx{s, p, s.time_s, dt_s, static_cast<std::int32_t>(k)};
    entries_[k].hook->step(ctx);
  }
}

std::vector<double> Schedule::column_values(const ModelState& s) const {
  std::vector<double> out;
  out.reserve(column_names_.size());
  for (std::size_t k = 0; k < entries_.size(); ++k)
    for (std::size_t c = 0; c < column_count_[k]; ++c)
      out.push_back(entries_[k].hook->column_value(c, s, static_cast<std::int32_t>(k)));
  return out;
}

std::string Schedule::describe() const {
  std::string out;
  for (std::size_t k = 0; k < entries_.size(); ++k) out += describe_entry(k);
  return out;
}

std::string Schedule::describe_entry(std::size_t k) const {
  std::string out;
  {
    const auto& e = entries_[k];
    out += fmt::format("# interventions[{}] {} ({}): ", k, e.name, e.type->name);
    if (e.type->timing == TimingKind::Continuous) {
      out += "from day " + format_short(e.timing.start_s / kDay) +
             (std::isinf(e.timing.end_s) ? " to the end of the run"
                                         : " to day " + format_short(e.timing.end_s / kDay));
    } else {
      out += std::to_string(e.timing.doses) + " dose(s) from day " +
             format_short(e.timing.start_s / kDay);
      if (e.timing.doses > 1) out += " every " + format_short(e.timing.interval_s / kDay) + " day";
    }
    out += "\n";
    for (const auto& key : e.type->keys) {
      const HookSettings::Value& v = e.settings.value(key.key);
      std::string text;
      const std::string u = key.unit == "1" ? "" : " " + key.unit;
      if (key.kind == HookKey::Kind::Choice) {
        text = v.text;
      } else if (key.kind == HookKey::Kind::Vec3) {
        text = std::isnan(v.vec[0]) ? "-"
                                    : "[" + format_short(v.vec[0]) + ", " + format_short(v.vec[1]) +
                                          ", " + format_short(v.vec[2]) + "]" + u;
      } else {
        if (std::isnan(v.real)) {
          text = "-";
        } else if (key.unit == "s") {
          text = v.real >= kDay ? format_short(v.real / kDay) + " day"
                                : format_short(v.real / 3600) + " h";
        } else {
          text = format_short(v.real) + u;
        }
      }
      out += "#   " + key.key + " = " + text + (v.given ? "" : " (default)") + "\n";
    }
  }
  return out;
}

// --- reference ---------------------------------------------------------------

std::string intervention_reference_text() {
  std::string out =
      "\nInterventions (MODEL.md §4): a config's `interventions:` is a list of entries,\n"
      "each with a type, a name (optional), `after` (optional: start and end are then\n"
      "relative to the start of the entry of that name) and the keys below.\n";
  for (const auto& t : intervention_types()) {
    out += "\n" + t.name + ": " + t.summary + "\n    source:  " + t.source + "\n";
    std::vector<HookKey> keys = timing_keys(t.timing);
    keys.insert(keys.end(), t.keys.begin(), t.keys.end());
    for (const auto& k : keys) {
      out += "  " + t.name + "." + k.key + " = " + k.default_text() + "\n";
      out += "      range:   " + k.range_text() + "\n";
      out += "      meaning: " + k.meaning + "\n";
      out += "      source:  " + k.source + "\n";
    }
  }
  return out;
}

std::string intervention_reference_markdown() {
  std::string out =
      "\n## Interventions (MODEL.md §4)\n\n"
      "A config's `interventions:` is a list of entries. Each has a `type` (below), an\n"
      "optional `name` (default: the type, then type_2 ...; it prefixes the entry's\n"
      "time-series columns) and an optional `after: <name>` (its start and end are then\n"
      "relative to the start of that entry), then the keys of its type.\n";

  for (const auto& t : intervention_types()) {
    out += "\n### `" + t.name + "`\n\n" + markdown_cell(t.summary) +
           ". Source: " + markdown_cell(t.source) + "\n\n";
    out += "| key | default | range | meaning | source |\n|---|---|---|---|---|\n";
    std::vector<HookKey> keys = timing_keys(t.timing);
    keys.insert(keys.end(), t.keys.begin(), t.keys.end());
    for (const auto& k : keys)
      out += "| `" + k.key + "` | " + markdown_cell(k.default_text()) + " | " +
             markdown_cell(k.range_text()) + " | " + markdown_cell(k.meaning) + " | " +
             markdown_cell(k.source) + " |\n";
  }
  return out;
}

// --- helpers -----------------------------------------------------------------

namespace hook_util {

double drug_level(const Timing& tm, double t, double tau_on, double tau_off) {
  if (t < tm.start_s) return 0;
  const auto rise = [&](double since) { return tau_on > 0 ? -std::expm1(-since / tau_on) : 1.0; };
  if (t < tm.end_s) return rise(t - tm.start_s);
  const double at_end = rise(tm.end_s - tm.start_s);
  return tau_off > 0 ? at_end * std::exp(-(t - tm.end_s) / tau_off) : 0.0;
}

std::size_t logged_count(const ModelState& s, std::int32_t hook, const std::string& action) {
  std::size_t n = 0;
  for (const auto& e : s.intervention_log) n += e.hook == hook && e.action == action;
  return n;
}

double logged_total(const ModelState& s, std::int32_t hook, const std::string& action) {
  double sum = 0;
  for (const auto& e : s.intervention_log)
    if (e.hook == hook && e.action == action) sum += e.amount;
  return sum;
}

HookKey onset_key(double default_s, const std::string& source, const std::string& note) {
  return {.key = "onset",
          .unit = "s",
          .def = default_s,
          .lo = 0,
          .hi = 30 * kDay,
          .meaning = "time constant of the rise of the effect after the start (0 = at once)" +
                     (note.empty() ? "" : "; " + note),
          .source = source};
}

HookKey washout_key(double default_s, const std::string& source, const std::string& note) {
  return {.key = "washout",
          .unit = "s",
          .def = default_s,
          .lo = 0,
          .hi = 365 * kDay,
          .meaning = "time constant of the decay of the effect after the end (0 = at once)" +
                     (note.empty() ? "" : "; " + note),
          .source = source};
}

std::vector<HookKey> region_keys(const std::string& whole_meaning) {
  return {{.key = "region.centre",
           .kind = HookKey::Kind::Vec3,
           .def_vec = {0.5, 0.5, 0.5},
           .lo = 0,
           .hi = 1,
           .meaning = "centre of the ellipsoidal region, as fractions of the domain (x, y, z)",
           .source = "numerical setting"},
          {.key = "region.radii",
           .kind = HookKey::Kind::Vec3,
           .unit = "um",
           .lo = 0,
           .hi = 1e6,
           .lo_open = true,
           .meaning = "semi-axes of the ellipsoidal region; not given: " + whole_meaning,
           .source = "numerical setting"}};
}

EffectRegion region_of(const HookSettings& s, const EffectRegion& fallback) {
  if (!s.given("region.radii")) return fallback;
  EffectRegion r;
  r.whole = false;
  r.centre_frac = s.vec("region.centre");
  r.radii_um = s.vec("region.radii");
  return r;
}

}  // namespace hook_util

}  // namespace hosim
