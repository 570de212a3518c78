#pragma once
// The subcommands of DESIGN.md §3. Each returns the process exit code or
// throws hosim::Error (mapped to its exit code in main.cpp).
#include <string>
#include <vector>

#include "sweep/run_job.hpp"

namespace hosim {

struct CommonOptions {
  int threads = 0;  // 0 = OpenMP default
  bool quiet = false;
  bool profile = false;
  double stop_at_day = -1;  // testing: behave as if signalled at this day
  std::string command_line;
};

// --threads N (N ≥ 1; 0 leaves OpenMP's default). ConfigError otherwise.
void set_threads(int threads);
// What one run needs from the command line; installs the SIGTERM/SIGUSR1
// handlers whose flag it carries.
[[nodiscard]] JobOptions job_options(const CommonOptions& opt);

int cmd_run(const std::string& config, std::string outdir, const std::vector<std::string>& sets,
            const CommonOptions& opt);
int cmd_resume(const std::string& outdir, const CommonOptions& opt);
int cmd_check(const std::string& config, const std::vector<std::string>& sets);
int cmd_params(bool markdown);

enum class SweepMode { None, List, Point, All, Mpi };
int cmd_sweep(const std::string& sweep_file, std::string outdir, SweepMode mode,
              const std::string& point, int jobs, const CommonOptions& opt);
int cmd_collect(const std::string& sweepdir, const std::vector<std::string>& responses);

}  // namespace hosim
