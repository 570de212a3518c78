#include "sweep/run_job.hpp"

#include <omp.h>
#include <spdlog/spdlog.h>

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "core/errors.hpp"
#include "interventions/schedule.hpp"
#include "io/provenance.hpp"
#include "io/run_output.hpp"
#include "model/scenario.hpp"
#include "sim/progress_log.hpp"
#include "sim/simulation.hpp"

namespace fs = std::filesystem;

namespace hosim {

namespace {

// The resolved schedule as rows of the /interventions table.
std::vector<InterventionTable::Entry> schedule_rows(const Schedule& schedule) {
  std::vector<InterventionTable::Entry> rows;
  for (const auto& e : schedule.entries()) {
    InterventionTable::Entry r;
    r.name = e.name;
    r.type = e.type->name;
    r.start_days = e.timing.start_s / 86400.0;
    const bool dosed = e.type->timing == TimingKind::Doses;
    r.end_days =
        dosed ? e.timing.dose_time(e.timing.doses - 1) / 86400.0 : e.timing.end_s / 86400.0;
    r.doses = dosed ? e.timing.doses : 0;
    r.interval_days = dosed ? e.timing.interval_s / 86400.0 : 0.0;
    r.settings = schedule.describe_entry(rows.size());
    rows.push_back(r);
  }
  return rows;
}

std::int64_t stop_step(const Params& p, double stop_at_day) {
  if (stop_at_day < 0) return -1;
  return static_cast<std::int64_t>(std::llround(stop_at_day * 86400.0 / p.run.cell_step_s));
}

int execute(Simulation& sim, RunOutput& out, const std::string& outdir, const JobOptions& opt) {
  static const std::atomic<bool> never{false};
  ProgressLog progress;
  std::vector<Observer*> observers{&out};
  if (!opt.quiet) observers.push_back(&progress);
  RunControl control{opt.stop != nullptr ? opt.stop : &never,
                     stop_step(sim.params(), opt.stop_at_day)};
  const RunStatus status = sim.run(observers, control);
  if (opt.profile) {
    std::cout << sim.profile_table();
    std::cout << fmt::format("state memory: {:.1f} bytes per voxel ({} voxels)\n",
                             sim.bytes_per_voxel(), sim.state().grid.size());
    for (const auto& part : sim.memory_parts())
      std::cout << fmt::format("  {:>6.1f}  {}\n", part.bytes_per_voxel, part.what);
  }
  if (status == RunStatus::Stopped) {
    spdlog::warn(
        "stopped at day {:.3f} (step {}); checkpoint written; continue with: hosim resume {}",
        sim.state().time_s / 86400.0, sim.state().step, outdir);
    return static_cast<int>(ExitCode::Stopped);
  }
  if (!opt.quiet) spdlog::info("finished: {}/run.h5, run.xmf, summary.json", outdir);
  return 0;
}

}  // namespace

void prepare_outdir(const std::string& outdir) {
  std::error_code ec;
  fs::create_directories(outdir, ec);
  if (ec) throw IoError("cannot create output directory '" + outdir + "': " + ec.message());
  if (!fs::is_directory(outdir))
    throw IoError("output path '" + outdir + "' exists and is not a directory");
  const std::string probe = outdir + "/.hosim_write_test";
  std::FILE* f = std::fopen(probe.c_str(), "w");
  if (f == nullptr)
    throw IoError("output directory '" + outdir + "' is not writable: " + std::strerror(errno));
  std::fclose(f);
  std::remove(probe.c_str());
}

int run_config(const LoadedConfig& cfg, const std::string& outdir, const JobOptions& opt) {
  check_memory(cfg.params);    // before touching the output folder
  (void)Schedule(cfg.params);  // a bad intervention entry fails here too (exit 2)
  prepare_outdir(outdir);
  ModelState state = build_state(cfg.params);

  Provenance prov;
  prov.software_version = software_version();
  prov.git_commit = git_commit();
  prov.seed = cfg.params.run.seed;
  prov.threads = omp_get_max_threads();
  prov.config_input_yaml = cfg.input_yaml;
  prov.config_resolved_yaml = cfg.resolved_yaml;
  prov.command_line = opt.command_line;
  prov.build_info = build_info();

  Simulation sim(cfg.params, std::move(state));
  RunOutput out(outdir, cfg.params, prov);
  out.set_interventions(schedule_rows(sim.schedule()));
  if (!opt.quiet)
    spdlog::info("{}: {}×{}×{} voxels of {} µm, {} steps of {} s, {} threads → {}",
                 cfg.params.run.name, cfg.params.grid.nx, cfg.params.grid.ny, cfg.params.grid.nz,
                 cfg.params.grid.voxel_um, sim.total_steps(), cfg.params.run.cell_step_s,
                 omp_get_max_threads(), outdir);
  return execute(sim, out, outdir, opt);
}

int resume_run(Checkpoint cp, const std::string& outdir, const JobOptions& opt) {
  const std::string ckpt = outdir + "/checkpoint.h5";
  LoadedConfig cfg =
      load_config_text(cp.meta.config_resolved_yaml, ckpt + ":/config_resolved_yaml");
  prepare_outdir(outdir);
  Simulation sim(cfg.params, std::move(cp.state));
  if (sim.state().step >= sim.total_steps()) {
    if (!opt.quiet)
      spdlog::info("{} is already complete (day {:.2f})", outdir, sim.state().time_s / 86400.0);
    return 0;
  }
  RunOutput out(outdir, cfg.params, cp.meta);
  out.set_interventions(schedule_rows(sim.schedule()));
  if (!opt.quiet)
    spdlog::info("resuming {} at day {:.3f} (step {} of {})", outdir, sim.state().time_s / 86400.0,
                 sim.state().step, sim.total_steps());
  return execute(sim, out, outdir, opt);
}

}  // namespace hosim
