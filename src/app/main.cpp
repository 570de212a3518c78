// hosim: the command line (DESIGN.md §3). The only place that turns errors
// into exit codes.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <new>

#include "app/commands.hpp"
#include "core/errors.hpp"
#include "core/simd_cap.hpp"
#include "io/provenance.hpp"

int main(int argc, char** argv) {
  using namespace hosim;
  auto logger = spdlog::stderr_color_mt("hosim");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("[%H:%M:%S] %v");

  CommonOptions opt;
  for (int i = 0; i < argc; ++i) opt.command_line += (i ? " " : "") + std::string(argv[i]);

  CLI::App app{"hosim: agent-based lattice simulator of heterotopic ossification"};
  app.set_version_flag("--version", software_version() + " (" + git_commit() + ")");
  app.require_subcommand(1);

  std::string config, outdir;
  std::vector<std::string> sets;
  bool markdown = false;
  auto add_common = [&](CLI::App* sub) {
    sub->add_option("--threads", opt.threads, "OpenMP threads (default: all cores)");
    sub->add_flag("--quiet", opt.quiet, "no progress log");
    sub->add_flag("--profile", opt.profile, "print the operator timing table and memory use");
    sub->add_option("--stop-at-day", opt.stop_at_day,
                    "act as if SIGTERM arrived at this simulated day (checkpoint, exit 99)");
  };

  auto* run = app.add_subcommand("run", "run a scenario");
  run->add_option("config", config, "scenario YAML")->required();
  run->add_option("-o,--output", outdir, "output folder (default results/<config name>)");
  run->add_option("--set", sets, "override: key.path=value (repeatable)");
  add_common(run);

  auto* resume = app.add_subcommand("resume", "continue a run from OUTDIR/checkpoint.h5");
  resume->add_option("outdir", outdir, "the run's output folder")->required();
  add_common(resume);

  auto* check = app.add_subcommand("check", "validate a config and print it resolved, with units");
  check->add_option("config", config, "scenario YAML")->required();
  check->add_option("--set", sets, "override: key.path=value (repeatable)");

  auto* sweep = app.add_subcommand(
      "sweep", "run or list the points of a parameter sweep (experiments/sweeps/README.md)");
  std::string sweep_file, point;
  bool list = false, all = false, mpi = false;
  int jobs = 0;
  sweep->add_option("sweep", sweep_file, "sweep specification YAML")->required();
  sweep->add_option("-o,--output", outdir, "sweep folder (default results/<sweep name>)");
  auto* list_flag = sweep->add_flag("--list", list, "print the points and check every config");
  auto* point_opt = sweep->add_option(
      "--point", point,
      "run point I in this process; 'env' reads SLURM_ARRAY_TASK_ID (+ HOSIM_POINT_OFFSET)");
  auto* all_flag = sweep->add_flag("--all", all, "run every unfinished point on this machine");
  auto* mpi_flag = sweep->add_flag("--mpi", mpi, "spread the points over MPI ranks (mpirun)");
  sweep->add_option("--jobs", jobs,
                    "--all: points at once (default: --threads, one thread per point)");
  list_flag->excludes(point_opt)->excludes(all_flag)->excludes(mpi_flag);
  point_opt->excludes(all_flag)->excludes(mpi_flag);
  all_flag->excludes(mpi_flag);
  add_common(sweep);

  auto* collect = app.add_subcommand(
      "collect", "table of a sweep's points, readouts and failures (collected.csv, .h5)");
  std::vector<std::string> responses;
  collect->add_option("sweepdir", outdir, "the sweep folder")->required();
  collect->add_option("--response", responses,
                      "Morris: readout for the elementary effects (default ho_volume_mm3)");

  auto* params = app.add_subcommand("params", "print every parameter with unit, range and source");
  params->add_flag("--markdown", markdown, "as the Markdown table of configs/PARAMETERS.md");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(ExitCode::BadInput);
  }

  try {
    // A bad HOSIM_SIMD stops the program here, not inside a kernel.
    (void)simd_cap();
    if (*run) return cmd_run(config, outdir, sets, opt);
    if (*resume) return cmd_resume(outdir, opt);
    if (*check) return cmd_check(config, sets);
    if (*params) return cmd_params(markdown);
    if (*sweep) {
      SweepMode mode = list             ? SweepMode::List
                       : all            ? SweepMode::All
                       : mpi            ? SweepMode::Mpi
                       : !point.empty() ? SweepMode::Point
                                        : SweepMode::None;
      return cmd_sweep(sweep_file, outdir, mode, point, jobs, opt);
    }
    if (*collect) return cmd_collect(outdir, responses);
  } catch (const Error& e) {
    std::cerr << "hosim: error: " << e.what() << "\n";
    return static_cast<int>(e.code());
  } catch (const std::bad_alloc&) {
    std::cerr << "hosim: error: out of memory\n";
    return static_cast<int>(ExitCode::BadInput);
  } catch (const std::exception& e) {
    std::cerr << "hosim: internal error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
