#include "app/commands.hpp"

#include <omp.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include "app/signals.hpp"
#include "config/config.hpp"
#include "core/errors.hpp"
#include "interventions/schedule.hpp"
#include "io/checkpoint.hpp"
#include "model/scenario.hpp"
#include "sweep/run_job.hpp"

namespace fs = std::filesystem;

namespace hosim {

void set_threads(int threads) {
  if (threads < 0) throw ConfigError("--threads must be ≥ 1 (got " + std::to_string(threads) + ")");
  if (threads > 0) omp_set_num_threads(threads);
}

JobOptions job_options(const CommonOptions& opt) {
  install_stop_handlers();
  return JobOptions{opt.quiet, opt.profile, opt.stop_at_day, opt.command_line, &stop_requested()};
}

int cmd_run(const std::string& config, std::string outdir, const std::vector<std::string>& sets,
            const CommonOptions& opt) {
  LoadedConfig cfg = load_config_file(config, sets);
  set_threads(opt.threads);
  if (outdir.empty()) outdir = "results/" + fs::path(config).stem().string();
  return run_config(cfg, outdir, job_options(opt));
}

int cmd_resume(const std::string& outdir, const CommonOptions& opt) {
  set_threads(opt.threads);
  const std::string ckpt = outdir + "/checkpoint.h5";
  if (!fs::exists(ckpt))
    throw IoError("no checkpoint to resume from: '" + ckpt + "' does not exist");
  return resume_run(read_checkpoint(ckpt), outdir, job_options(opt));
}

int cmd_check(const std::string& config, const std::vector<std::string>& sets) {
  LoadedConfig cfg = load_config_file(config, sets);
  check_memory(cfg.params);
  const Schedule schedule(cfg.params);
  std::cout << "# " << config << ": valid\n" << describe_resolved(cfg.params);
  if (!schedule.empty()) std::cout << "# the interventions as resolved:\n" << schedule.describe();
  return 0;
}

int cmd_params(bool markdown) {
  std::cout << (markdown ? parameter_reference_markdown() + intervention_reference_markdown()
                         : parameter_reference_text() + intervention_reference_text());
  return 0;
}

}  // namespace hosim
