#include "sweep/sweep.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/errors.hpp"
#include "io/atomic_file.hpp"
#include "io/run_output.hpp"

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace hosim {

namespace {

std::string read_text(const std::string& path, const std::string& what) {
  std::ifstream in(path);
  if (!in) throw IoError("cannot read " + what + " '" + path + "': " + std::strerror(errno));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_json(const std::string& path, const json& j) {
  write_file_atomically(path, j.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

// A number for JSON: NaN (a list value without a number) becomes null.
json number_or_null(double v) {
  return std::isfinite(v) ? json(v) : json(nullptr);
}

}  // namespace

Sweep open_sweep_file(const std::string& path) {
  Sweep s;
  s.spec = load_sweep_file(path);
  s.base_text = read_yaml_file(s.spec.base, "the sweep's base config");
  s.points = expand_sweep(s.spec);
  return s;
}

Sweep open_sweep_record(const std::string& sweepdir) {
  const std::string path = sweepdir + "/sweep.json";
  if (!fs::exists(path))
    throw IoError("'" + sweepdir + "' is not a sweep folder: " + path +
                  " is missing (it is written by hosim sweep --all, --point or --mpi)");
  json j;
  try {
    j = json::parse(read_text(path, "the sweep record"));
    Sweep s;
    s.spec = load_sweep_text(j.at("spec_text").get<std::string>(),
                             j.at("spec_file").get<std::string>(), "");
    s.spec.base = j.at("base_file").get<std::string>();
    s.base_text = j.at("base_text").get<std::string>();
    s.points = expand_sweep(s.spec);
    return s;
  } catch (const json::exception& e) {
    throw IoError("cannot read the sweep record '" + path + "': " + e.what());
  }
}

void write_sweep_record(const std::string& sweepdir, const Sweep& sweep) {
  std::error_code ec;
  fs::create_directories(sweepdir + "/points", ec);
  if (ec) throw IoError("cannot create the sweep folder '" + sweepdir + "': " + ec.message());
  json j;
  j["name"] = sweep.spec.name;
  j["design"] = design_name(sweep.spec.design);
  j["points"] = sweep.points.size();
  j["spec_file"] = sweep.spec.source_name;
  j["base_file"] = fs::absolute(sweep.spec.base).lexically_normal().string();
  j["spec_text"] = sweep.spec.text;
  j["base_text"] = sweep.base_text;
  const std::string path = sweepdir + "/sweep.json";
  const std::string text = j.dump(2, ' ', false, json::error_handler_t::replace) + "\n";
  // Unchanged content is left alone: array tasks would otherwise rewrite it
  // thousands of times.
  if (fs::exists(path) && read_text(path, "the sweep record") == text) return;
  write_file_atomically(path, text, Writers::Many);
}

LoadedConfig point_config(const Sweep& sweep, const SweepPoint& point) {
  try {
    return load_config_text(sweep.base_text, sweep.spec.base, point_overrides(sweep.spec, point));
  } catch (const ConfigError& e) {
    throw ConfigError(
        fmt::format("{}: point {}: {}", sweep.spec.source_name, point.index, e.what()));
  }
}

std::string point_dir(const std::string& sweepdir, std::int64_t index) {
  return fmt::format("{}/points/p{:06d}", sweepdir, index);
}

const char* state_name(PointState s) {
  switch (s) {
    case PointState::Missing:
      return "missing";
    case PointState::Finished:
      return "finished";
    case PointState::Resumable:
      return "checkpointed";
    case PointState::Failed:
      return "failed";
    case PointState::Stale:
      return "stale";
  }
  return "?";
}

PointState point_state(const std::string& dir, const std::string& config_hash,
                       std::vector<SummaryEntry>* readouts) {
  const std::string summary = dir + "/summary.json";
  if (fs::exists(summary)) {
    try {
      const json j = json::parse(read_text(summary, "summary"));
      if (j.value("status", "") == "completed" && j.value("config_hash", "") == config_hash) {
        if (readouts != nullptr && j.contains("readouts"))
          for (const auto& [name, v] : j["readouts"].items()) {
            const auto& value = v["value"];
            readouts->push_back({name, v.value("unit", ""),
                                 value.is_number() ? value.get<double>()
                                                   : std::numeric_limits<double>::quiet_NaN()});
          }
        return PointState::Finished;
      }
    } catch (const std::exception&) {
      // An unreadable summary is no evidence of a finished run.
    }
    return PointState::Stale;
  }
  if (fs::exists(dir + "/checkpoint.h5")) return PointState::Resumable;
  if (fs::exists(dir + "/failure.json")) return PointState::Failed;
  return PointState::Missing;
}

std::vector<std::int64_t> unfinished_points(const Sweep& sweep, const std::string& sweepdir,
                                            std::int64_t& finished) {
  std::vector<std::int64_t> pending;
  finished = 0;
  for (const SweepPoint& p : sweep.points) {
    const LoadedConfig cfg = point_config(sweep, p);
    if (point_state(point_dir(sweepdir, p.index), text_hash(cfg.resolved_yaml)) ==
        PointState::Finished)
      ++finished;
    else
      pending.push_back(p.index);
  }
  return pending;
}

void write_point_record(const std::string& dir, const Sweep& sweep, const SweepPoint& p,
                        const std::string& config_hash) {
  json j;
  j["index"] = p.index;
  j["parameter"] = p.parameter;
  j["replicate"] = p.replicate;
  j["seed"] = p.seed;
  json values = json::object();
  for (std::size_t a = 0; a < sweep.spec.axes.size(); ++a) {
    json v;
    v["text"] = p.values[a];
    v["number"] = number_or_null(p.numbers[a]);
    v["unit_position"] = number_or_null(p.unit[a]);
    values[sweep.spec.axes[a].key] = v;
  }
  j["values"] = values;
  if (!p.levels.empty()) {
    json groups = json::object();
    for (std::size_t g = 0; g < p.levels.size(); ++g)
      groups[sweep.spec.groups[g].name] =
          sweep.spec.groups[g].levels[static_cast<std::size_t>(p.levels[g])].label;
    j["groups"] = groups;
  }
  if (p.trajectory >= 0) {
    j["trajectory"] = p.trajectory;
    j["step"] = p.step;
    j["changed_axis"] = p.changed_axis;
  }
  j["config_hash"] = config_hash;
  write_json(dir + "/point.json", j);
}

void write_failure_record(const std::string& dir, std::int64_t index, int exit_code,
                          const std::string& message) {
  json j;
  j["index"] = index;
  j["exit_code"] = exit_code;
  j["message"] = message;
  write_json(dir + "/failure.json", j);
}

}  // namespace hosim
