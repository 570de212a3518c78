#pragma once
// One run into one output folder: what `hosim run` and `hosim resume` do,
// and what a sweep does for each point. Returns the exit code (0 finished,
// 99 stopped with a checkpoint) or throws hosim::Error.
#include <atomic>
#include <string>

#include "config/config.hpp"
#include "io/checkpoint.hpp"

namespace hosim {

struct JobOptions {
  bool quiet = false;
  bool profile = false;
  double stop_at_day = -1;  // testing: behave as if signalled at this day
  std::string command_line;
  const std::atomic<bool>* stop = nullptr;  // set by SIGTERM/SIGUSR1: checkpoint and stop
};

// Create OUTDIR and prove it is writable before anything is simulated, so a
// bad output path fails at once (exit 3) and never after hours of work.
void prepare_outdir(const std::string& outdir);

// A fresh run of a loaded config (an old run.h5 in OUTDIR is replaced).
int run_config(const LoadedConfig& cfg, const std::string& outdir, const JobOptions& opt);

// Continue the run whose checkpoint was read from OUTDIR/checkpoint.h5.
int resume_run(Checkpoint cp, const std::string& outdir, const JobOptions& opt);

}  // namespace hosim
