#pragma once
#include <atomic>

namespace hosim {

// SIGTERM and SIGUSR1 (what Slurm sends before a time limit) set this flag;
// the run loop checkpoints at the end of the current step and exits 99.
void install_stop_handlers();
[[nodiscard]] const std::atomic<bool>& stop_requested();

}  // namespace hosim
