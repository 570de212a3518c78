#include "app/signals.hpp"

#include <csignal>

namespace hosim {

namespace {
std::atomic<bool> g_stop{false};
static_assert(std::atomic<bool>::is_always_lock_free, "flag must be async-signal-safe");

extern "C" void on_stop_signal(int /*sig*/) {
  g_stop.store(true);
}
}  // namespace

void install_stop_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGUSR1, &sa, nullptr);
}

const std::atomic<bool>& stop_requested() {
  return g_stop;
}

}  // namespace hosim
