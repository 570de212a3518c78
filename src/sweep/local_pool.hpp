#pragma once
// `hosim sweep --all`: the points of a sweep on this machine, `jobs` at a
// time, each a child process (`hosim sweep SPEC --point I`) with its share of
// the threads, so a crashing point takes down only itself. SIGTERM/SIGUSR1
// are passed on to the running points (each checkpoints and exits 99) and no
// new point starts.
#include <atomic>
#include <string>

#include "sweep/sweep.hpp"

namespace hosim {

struct PoolOptions {
  std::string spec_path;  // SWEEP.yaml, as the children are given it
  std::string sweepdir;
  int threads = 1;  // in all
  int jobs = 1;     // points at once
  bool quiet = false;
  const std::atomic<bool>* stop = nullptr;
  std::string exe = "/proc/self/exe";  // the hosim binary the children run
};

// 0 when every point finished; 99 when stopped by a signal (the rest can be
// resumed by running the sweep again); otherwise the exit code of the first
// failed point, after every other point has run.
int run_all_local(const Sweep& sweep, const PoolOptions& opt);

}  // namespace hosim
