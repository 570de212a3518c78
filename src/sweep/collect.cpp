#include "sweep/collect.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "core/errors.hpp"
#include "io/atomic_file.hpp"
#include "io/run_output.hpp"
#include "io/table_file.hpp"
#include "sweep/sweep.hpp"

using json = nlohmann::json;

namespace hosim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::optional<json> read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  try {
    return json::parse(in);
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

// RFC 4180 quoting where needed.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string csv_number(double v) {
  return std::isfinite(v) ? fmt::format("{}", v) : std::string();
}

std::string to_csv(const std::vector<TableColumn>& cols) {
  std::string out;
  for (std::size_t c = 0; c < cols.size(); ++c) out += (c ? "," : "") + csv_field(cols[c].name);
  out += "\n";
  const std::size_t rows =
      cols.empty() ? 0 : (cols[0].text ? cols[0].strings.size() : cols[0].numbers.size());
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (c) out += ",";
      out += cols[c].text ? csv_field(cols[c].strings[r]) : csv_number(cols[c].numbers[r]);
    }
    out += "\n";
  }
  return out;
}

TableColumn numbers(std::string name, std::string unit) {
  TableColumn c;
  c.name = std::move(name);
  c.unit = std::move(unit);
  return c;
}
TableColumn texts(std::string name) {
  TableColumn c;
  c.name = std::move(name);
  c.text = true;
  return c;
}

struct PointResult {
  PointState state = PointState::Missing;
  std::map<std::string, double> readouts;
  int exit_code = 0;
  std::string message;
};

// Incidence of the outcome per group level (and over all patients) among the
// finished patients; writes incidence.csv and returns the /incidence table.
Table cohort_incidence(const Sweep& sweep, const std::vector<PointResult>& results,
                       const std::map<std::string, std::string>& units, const std::string& sweepdir,
                       CollectReport& rep) {
  const Outcome& o = sweep.spec.outcome;
  const auto unit = units.find(o.readout);
  if (unit == units.end() && rep.finished > 0)
    throw ConfigError(sweep.spec.source_name + ": sweep.outcome.readout " + o.readout +
                      " is not a readout of summary.json");
  if (unit != units.end() && !o.unit.empty() && o.unit != unit->second)
    throw ConfigError(sweep.spec.source_name + ": sweep.outcome.above is in '" + o.unit + "' but " +
                      o.readout + " is in '" + unit->second + "'");
  rep.outcome = fmt::format("{} > {}{}", o.readout, o.above, o.unit.empty() ? "" : " " + o.unit);
  const auto tally = [&](const std::string& group, const std::string& level,
                         const ExpectedRate& expected, auto&& member) {
    IncidenceRow r;
    r.group = group;
    r.level = level;
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (results[i].state != PointState::Finished || !member(sweep.points[i])) continue;
      const auto it = results[i].readouts.find(o.readout);
      if (it == results[i].readouts.end()) continue;
      ++r.patients;
      if (it->second > o.above) ++r.with_outcome;
    }
    r.incidence = r.patients > 0 ? static_cast<double>(r.with_outcome) / r.patients : kNaN;
    std::tie(r.ci_lo, r.ci_hi) = wilson_interval(r.with_outcome, r.patients);
    r.expected = expected.given;
    r.expected_lo = expected.lo;
    r.expected_hi = expected.hi;
    if (expected.given && r.patients > 0)
      r.verdict = r.ci_hi >= expected.lo && r.ci_lo <= expected.hi ? "consistent" : "inconsistent";
    rep.incidence.push_back(r);
  };
  tally("all", "all", o.expected, [](const SweepPoint&) { return true; });
  for (std::size_t g = 0; g < sweep.spec.groups.size(); ++g)
    for (std::size_t l = 0; l < sweep.spec.groups[g].levels.size(); ++l)
      tally(sweep.spec.groups[g].name, sweep.spec.groups[g].levels[l].label,
            sweep.spec.groups[g].levels[l].expected,
            [g, l](const SweepPoint& p) { return p.levels[g] == static_cast<int>(l); });
  std::vector<TableColumn> t{texts("group"),
                             texts("level"),
                             numbers("patients", "1"),
                             numbers("with_outcome", "1"),
                             numbers("incidence", "1"),
                             numbers("ci95_lo", "1"),
                             numbers("ci95_hi", "1"),
                             numbers("expected_lo", "1"),
                             numbers("expected_hi", "1"),
                             texts("verdict")};
  for (const auto& r : rep.incidence) {
    t[0].strings.push_back(r.group);
    t[1].strings.push_back(r.level);
    t[2].numbers.push_back(static_cast<double>(r.patients));
    t[3].numbers.push_back(static_cast<double>(r.with_outcome));
    t[4].numbers.push_back(r.incidence);
    t[5].numbers.push_back(r.ci_lo);
    t[6].numbers.push_back(r.ci_hi);
    t[7].numbers.push_back(r.expected ? r.expected_lo : kNaN);
    t[8].numbers.push_back(r.expected ? r.expected_hi : kNaN);
    t[9].strings.push_back(r.verdict);
  }
  write_file_atomically(sweepdir + "/incidence.csv", to_csv(t));
  return {"/incidence",
          "cohort incidence: finished patients, those with " + rep.outcome +
              ", the fraction with its Wilson 95 % interval, the stated rate range and whether "
              "the interval overlaps it; per level of each group and over all ('all')",
          t};
}

}  // namespace

std::pair<double, double> wilson_interval(std::int64_t k, std::int64_t n, double z) {
  if (n <= 0) return {kNaN, kNaN};
  const double nn = static_cast<double>(n), p = static_cast<double>(k) / nn, z2 = z * z;
  const double centre = (p + z2 / (2 * nn)) / (1 + z2 / nn);
  const double half = z / (1 + z2 / nn) * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  // At k = 0 (k = n) the bound is 0 (1) exactly; the formula leaves a
  // rounding residue such as 3e-17 there.
  return {k == 0 ? 0.0 : std::max(0.0, centre - half), k == n ? 1.0 : std::min(1.0, centre + half)};
}

std::vector<MorrisRow> morris_effects(const std::vector<double>& y, const std::vector<int>& step,
                                      const std::vector<int>& changed,
                                      const std::vector<int>& direction,
                                      const std::vector<std::string>& keys, double delta) {
  std::vector<std::vector<double>> ee(keys.size());
  for (std::size_t i = 1; i < y.size(); ++i) {
    if (step[i] <= 0 || changed[i] < 0) continue;
    const double d = y[i] - y[i - 1];
    if (!std::isfinite(d)) continue;
    ee[static_cast<std::size_t>(changed[i])].push_back(d / (direction[i] * delta));
  }
  std::vector<MorrisRow> rows;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    MorrisRow r;
    r.key = keys[k];
    r.effects = static_cast<int>(ee[k].size());
    const double n = static_cast<double>(ee[k].size());
    if (ee[k].empty()) {
      r.mu = r.mu_star = r.sigma = kNaN;
    } else {
      double sum = 0, abs_sum = 0;
      for (double e : ee[k]) {
        sum += e;
        abs_sum += std::abs(e);
      }
      r.mu = sum / n;
      r.mu_star = abs_sum / n;
      double ss = 0;
      for (double e : ee[k]) ss += (e - r.mu) * (e - r.mu);
      r.sigma = ee[k].size() > 1 ? std::sqrt(ss / (n - 1)) : kNaN;
    }
    rows.push_back(r);
  }
  return rows;
}

CollectReport collect_sweep(const std::string& sweepdir, std::vector<std::string> responses) {
  const Sweep sweep = open_sweep_record(sweepdir);
  const SweepSpec& spec = sweep.spec;
  CollectReport rep;
  rep.points = static_cast<std::int64_t>(sweep.points.size());

  std::vector<PointResult> results(sweep.points.size());
  std::vector<std::string> readout_names;
  std::map<std::string, std::string> readout_units;
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    const SweepPoint& p = sweep.points[i];
    const std::string dir = point_dir(sweepdir, p.index);
    const LoadedConfig cfg = point_config(sweep, p);
    PointResult& res = results[i];
    std::vector<SummaryEntry> final_readouts;
    res.state = point_state(dir, text_hash(cfg.resolved_yaml), &final_readouts);
    for (const SummaryEntry& e : final_readouts) {
      if (readout_units.emplace(e.name, e.unit).second) readout_names.push_back(e.name);
      res.readouts[e.name] = e.value;
    }
    if (res.state == PointState::Failed) {
      if (const auto j = read_json(dir + "/failure.json")) {
        res.exit_code = j->value("exit_code", 1);
        res.message = j->value("message", "");
      }
    }
    switch (res.state) {
      case PointState::Finished:
        ++rep.finished;
        break;
      case PointState::Failed:
        ++rep.failed;
        break;
      case PointState::Resumable:
        ++rep.checkpointed;
        break;
      case PointState::Stale:
        ++rep.stale;
        break;
      case PointState::Missing:
        ++rep.missing;
        break;
    }
  }

  // Readout columns in name order.
  std::sort(readout_names.begin(), readout_names.end());

  // --- /points ---
  std::vector<TableColumn> cols;
  cols.push_back(numbers("index", "1"));
  cols.push_back(numbers("parameter", "1"));
  cols.push_back(numbers("replicate", "1"));
  cols.push_back(texts("seed"));  // up to 2^63: text keeps every digit
  cols.push_back(texts("status"));
  for (const SweepGroup& g : spec.groups) cols.push_back(texts(g.name));
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    const SweepAxis& ax = spec.axes[a];
    const bool numeric =
        std::all_of(sweep.points.begin(), sweep.points.end(),
                    [&](const SweepPoint& p) { return std::isfinite(p.numbers[a]); });
    // A list axis keeps its values as written (units may differ per value).
    if (ax.range && numeric) {
      cols.push_back(numbers(ax.key, ax.unit.empty() ? "1" : ax.unit));
    } else {
      cols.push_back(texts(ax.key));
    }
  }
  for (const auto& name : readout_names) cols.push_back(numbers(name, readout_units[name]));
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    const SweepPoint& p = sweep.points[i];
    std::size_t c = 0;
    cols[c++].numbers.push_back(static_cast<double>(p.index));
    cols[c++].numbers.push_back(static_cast<double>(p.parameter));
    cols[c++].numbers.push_back(p.replicate);
    cols[c++].strings.push_back(std::to_string(p.seed));
    cols[c++].strings.push_back(state_name(results[i].state));
    for (std::size_t g = 0; g < spec.groups.size(); ++g)
      cols[c++].strings.push_back(
          spec.groups[g].levels[static_cast<std::size_t>(p.levels[g])].label);
    for (std::size_t a = 0; a < spec.axes.size(); ++a, ++c) {
      if (cols[c].text)
        cols[c].strings.push_back(p.values[a]);
      else
        cols[c].numbers.push_back(p.numbers[a]);
    }
    for (const auto& name : readout_names) {
      const auto it = results[i].readouts.find(name);
      cols[c++].numbers.push_back(it == results[i].readouts.end() ? kNaN : it->second);
    }
  }

  // --- /failures ---
  std::vector<TableColumn> fails{numbers("index", "1"), numbers("exit_code", "1"),
                                 texts("message")};
  for (std::size_t i = 0; i < sweep.points.size(); ++i) {
    if (results[i].state != PointState::Failed) continue;
    fails[0].numbers.push_back(static_cast<double>(sweep.points[i].index));
    fails[1].numbers.push_back(results[i].exit_code);
    fails[2].strings.push_back(results[i].message);
  }

  write_file_atomically(sweepdir + "/collected.csv", to_csv(cols));
  write_file_atomically(sweepdir + "/failures.csv", to_csv(fails));
  rep.files = {sweepdir + "/collected.csv", sweepdir + "/failures.csv"};
  std::vector<Table> tables{
      {"/points",
       "one row per sweep point: index, parameter combination, replicate, run seed, status "
       "(finished, failed, checkpointed, stale, missing), the axis values and the final "
       "readouts of summary.json (NaN unless finished)",
       cols},
      {"/failures", "the points whose last attempt failed: exit code and message", fails}};

  // --- Morris elementary effects ---
  if (spec.design == SweepDesign::Morris) {
    if (responses.empty()) responses.push_back("ho_volume_mm3");
    const std::size_t nparam = sweep.points.size() / static_cast<std::size_t>(spec.replicates);
    std::vector<int> step(nparam), changed(nparam), direction(nparam);
    std::vector<std::string> keys;
    for (const auto& ax : spec.axes) keys.push_back(ax.key);
    for (const SweepPoint& p : sweep.points) {
      const auto k = static_cast<std::size_t>(p.parameter);
      step[k] = p.step;
      changed[k] = p.changed_axis;
      direction[k] = p.direction;
    }
    for (const auto& response : responses) {
      if (!readout_units.count(response) && rep.finished > 0) {
        std::string list;
        for (const auto& n : readout_names) list += (list.empty() ? "" : ", ") + n;
        throw ConfigError("--response " + response + ": not a readout of summary.json (" + list +
                          ")");
      }
      // The response of a parameter point: the mean over its replicates,
      // unknown unless every replicate finished.
      std::vector<double> y(nparam, 0.0);
      for (std::size_t i = 0; i < sweep.points.size(); ++i) {
        const auto k = static_cast<std::size_t>(sweep.points[i].parameter);
        const auto it = results[i].readouts.find(response);
        y[k] += (it == results[i].readouts.end() ? kNaN : it->second) / spec.replicates;
      }
      for (MorrisRow r :
           morris_effects(y, step, changed, direction, keys, morris_delta(spec.levels))) {
        r.response = response;
        r.response_unit = readout_units[response];
        rep.morris.push_back(r);
      }
    }
    std::vector<TableColumn> m{texts("response"), texts("key"),           numbers("effects", "1"),
                               numbers("mu", ""), numbers("mu_star", ""), numbers("sigma", "")};
    for (const auto& r : rep.morris) {
      m[0].strings.push_back(r.response);
      m[1].strings.push_back(r.key);
      m[2].numbers.push_back(r.effects);
      m[3].numbers.push_back(r.mu);
      m[4].numbers.push_back(r.mu_star);
      m[5].numbers.push_back(r.sigma);
    }
    for (std::size_t c = 3; c < 6; ++c)
      m[c].unit = "response unit per axis range (axes scaled to [0, 1])";
    write_file_atomically(sweepdir + "/morris.csv", to_csv(m));
    rep.files.push_back(sweepdir + "/morris.csv");
    tables.push_back({"/morris",
                      "elementary effects (Morris 1991) of each axis on each response: mu, "
                      "mu_star = mean |effect| (Campolongo et al. 2007), sigma; effects in "
                      "response units per whole axis range",
                      m});
  }
  if (spec.design == SweepDesign::Cohort) {
    tables.push_back(cohort_incidence(sweep, results, readout_units, sweepdir, rep));
    rep.files.push_back(sweepdir + "/incidence.csv");
  }
  write_tables_h5(sweepdir + "/collected.h5", tables);
  rep.files.push_back(sweepdir + "/collected.h5");
  return rep;
}

}  // namespace hosim
