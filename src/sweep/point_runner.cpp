#include "sweep/point_runner.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <filesystem>

#include "core/errors.hpp"
#include "io/run_output.hpp"

namespace fs = std::filesystem;

namespace hosim {

namespace {

// What an earlier attempt may have left; point.json and log.txt stay.
void clear_outputs(const std::string& dir) {
  for (const char* name : {"run.h5", "run.xmf", "summary.json", "checkpoint.h5", "failure.json",
                           "run.h5.tmp", "checkpoint.h5.tmp"}) {
    std::error_code ec;
    fs::remove(fs::path(dir) / name, ec);
    if (ec) throw IoError("cannot remove '" + dir + "/" + name + "': " + ec.message());
  }
}

int attempt(const Sweep& sweep, const SweepPoint& p, const LoadedConfig& cfg,
            const std::string& hash, const std::string& dir, const JobOptions& opt) {
  const PointState state = point_state(dir, hash);
  if (state == PointState::Finished) {
    if (!opt.quiet) spdlog::info("point {} is already finished: {}", p.index, dir);
    return 0;
  }
  if (state == PointState::Resumable) {
    try {
      Checkpoint cp = read_checkpoint(dir + "/checkpoint.h5");
      if (text_hash(cp.meta.config_resolved_yaml) == hash) {
        std::error_code ec;
        fs::remove(dir + "/failure.json", ec);
        return resume_run(std::move(cp), dir, opt);
      }
      spdlog::warn("point {}: the checkpoint is of another config; running it afresh", p.index);
    } catch (const IoError& e) {
      spdlog::warn("point {}: unusable checkpoint ({}); running it afresh", p.index, e.what());
    }
  }
  clear_outputs(dir);
  write_point_record(dir, sweep, p, hash);
  return run_config(cfg, dir, opt);
}

}  // namespace

void check_point_index(const Sweep& sweep, std::int64_t index) {
  const auto n = static_cast<std::int64_t>(sweep.points.size());
  if (index < 0 || index >= n)
    throw ConfigError(fmt::format("{}: there is no point {}; the sweep has {} points (0..{})",
                                  sweep.spec.source_name, index, n, n - 1));
}

int run_point(const Sweep& sweep, std::int64_t index, const std::string& sweepdir,
              const JobOptions& opt) {
  check_point_index(sweep, index);
  const SweepPoint& p = sweep.points[static_cast<std::size_t>(index)];
  const std::string dir = point_dir(sweepdir, index);
  prepare_outdir(dir);
  try {
    const LoadedConfig cfg = point_config(sweep, p);
    return attempt(sweep, p, cfg, text_hash(cfg.resolved_yaml), dir, opt);
  } catch (const Error& e) {
    write_failure_record(dir, index, static_cast<int>(e.code()), e.what());
    throw;
  } catch (const std::exception& e) {
    write_failure_record(dir, index, 1, std::string("internal error: ") + e.what());
    throw;
  }
}

}  // namespace hosim
