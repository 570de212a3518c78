// `hosim sweep` and `hosim collect` (issue 7; experiments/sweeps/README.md).
#include <fmt/format.h>
#include <omp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "app/commands.hpp"
#include "app/signals.hpp"
#include "core/errors.hpp"
#include "io/run_output.hpp"
#include "sweep/collect.hpp"
#include "sweep/local_pool.hpp"
#include "sweep/mpi_runner.hpp"
#include "sweep/point_runner.hpp"
#include "sweep/sweep.hpp"

namespace hosim {

namespace {

std::int64_t parse_index(const std::string& text, const std::string& what) {
  errno = 0;
  char* end = nullptr;
  const long long v = std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno == ERANGE || v < 0)
    throw ConfigError(what + " = \"" + text + "\": must be a point index (an integer ≥ 0)");
  return v;
}

// --point I, or --point env under a Slurm job array: SLURM_ARRAY_TASK_ID plus
// HOSIM_POINT_OFFSET (for sweeps larger than the cluster's MaxArraySize).
std::int64_t point_index(const std::string& point) {
  if (point != "env") return parse_index(point, "--point");
  const char* task = std::getenv("SLURM_ARRAY_TASK_ID");
  if (task == nullptr)
    throw ConfigError(
        "--point env: SLURM_ARRAY_TASK_ID is not set (run it from a Slurm job "
        "array, sbatch --array=0-N, or give --point I)");
  std::int64_t i = parse_index(task, "SLURM_ARRAY_TASK_ID");
  if (const char* off = std::getenv("HOSIM_POINT_OFFSET"))
    i += parse_index(off, "HOSIM_POINT_OFFSET");
  return i;
}

void list_points(const Sweep& sw) {
  std::string header = "index\tparameter\treplicate\tseed";
  for (const auto& g : sw.spec.groups) header += "\t" + g.name;
  for (const auto& ax : sw.spec.axes) header += "\t" + ax.key;
  std::cout << header << "\n";
  for (const SweepPoint& p : sw.points) {
    (void)point_config(sw, p);  // every point's config must load
    std::string row = fmt::format("{}\t{}\t{}\t{}", p.index, p.parameter, p.replicate, p.seed);
    for (std::size_t g = 0; g < p.levels.size(); ++g)
      row += "\t" + sw.spec.groups[g].levels[static_cast<std::size_t>(p.levels[g])].label;
    for (const auto& v : p.values) row += "\t" + v;
    std::cout << row << "\n";
  }
  std::cout << fmt::format("# {}: {} points ({} design, {} replicate{}), every config valid\n",
                           sw.spec.name, sw.points.size(), design_name(sw.spec.design),
                           sw.spec.replicates, sw.spec.replicates == 1 ? "" : "s");
}

}  // namespace

int cmd_sweep(const std::string& sweep_file, std::string outdir, SweepMode mode,
              const std::string& point, int jobs, const CommonOptions& opt) {
  if (mode == SweepMode::None)
    throw ConfigError("hosim sweep: say what to do: --list, --point I, --all or --mpi");
  if (jobs < 0) throw ConfigError("--jobs must be ≥ 1 (got " + std::to_string(jobs) + ")");
  const Sweep sw = open_sweep_file(sweep_file);
  if (outdir.empty()) outdir = "results/" + sw.spec.name;
  set_threads(opt.threads);
  if (mode == SweepMode::List) {
    list_points(sw);
    return 0;
  }
  install_stop_handlers();
  if (mode == SweepMode::Mpi) {
    MpiOptions mpi;
    mpi.sweepdir = outdir;
    mpi.threads = opt.threads > 0 ? opt.threads : 1;
    mpi.quiet = opt.quiet;
    mpi.command_line = opt.command_line;
    mpi.stop = &stop_requested();
    return run_sweep_mpi(sw, mpi);
  }
  if (mode == SweepMode::Point) {
    const std::int64_t index = point_index(point);
    check_point_index(sw, index);
    write_sweep_record(outdir, sw);
    return run_point(sw, index, outdir, job_options(opt));
  }
  write_sweep_record(outdir, sw);
  PoolOptions pool;
  pool.spec_path = sweep_file;
  pool.sweepdir = outdir;
  pool.threads = opt.threads > 0 ? opt.threads : omp_get_max_threads();
  pool.jobs = jobs > 0 ? jobs : pool.threads;
  pool.quiet = opt.quiet;
  pool.stop = &stop_requested();
  // The children run this very binary, named by its real path (so that ps
  // and the point logs show what ran).
  std::error_code ec;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) pool.exe = self.string();
  return run_all_local(sw, pool);
}

int cmd_collect(const std::string& sweepdir, const std::vector<std::string>& responses) {
  const CollectReport rep = collect_sweep(sweepdir, responses);
  std::cout << fmt::format(
      "{} points: {} finished, {} failed, {} checkpointed, {} stale, {} missing\n", rep.points,
      rep.finished, rep.failed, rep.checkpointed, rep.stale, rep.missing);
  for (const auto& f : rep.files) std::cout << "wrote " << f << "\n";
  if (!rep.morris.empty()) {
    std::cout << fmt::format(
        "\nMorris elementary effects (per whole axis range):\n{:<20} {:<40} "
        "{:>7} {:>12} {:>12} {:>12}\n",
        "response", "axis", "effects", "mu", "mu*", "sigma");
    for (const auto& r : rep.morris)
      std::cout << fmt::format("{:<20} {:<40} {:>7} {:>12.4g} {:>12.4g} {:>12.4g}\n", r.response,
                               r.key, r.effects, r.mu, r.mu_star, r.sigma);
  }
  if (!rep.incidence.empty()) {
    std::cout << fmt::format(
        "\nIncidence of {} among finished patients:\n{:<12} {:<12} {:>8} {:>8} {:>9} {:>15} "
        "{:>13}  {}\n",
        rep.outcome, "group", "level", "patients", "positive", "incidence", "95 % interval",
        "stated", "verdict");
    for (const auto& r : rep.incidence) {
      const std::string stated =
          r.expected ? fmt::format("{:.0f}-{:.0f} %", 100 * r.expected_lo, 100 * r.expected_hi)
                     : std::string("-");
      std::cout << fmt::format(
          "{:<12} {:<12} {:>8} {:>8} {:>8.1f}% {:>6.1f}-{:>5.1f} % {:>13}  {}\n", r.group, r.level,
          r.patients, r.with_outcome, 100 * r.incidence, 100 * r.ci_lo, 100 * r.ci_hi, stated,
          r.verdict);
    }
  }
  // Incomplete sweeps are reported, not an error: collecting midway is useful.
  return 0;
}

}  // namespace hosim
