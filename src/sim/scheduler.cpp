#include "sim/scheduler.hpp"

#include <algorithm>
#include <stdexcept>
#include <string_view>

#include <fmt/format.h>

#include "core/timer.hpp"

namespace hosim {

void Scheduler::add(std::string name, std::function<void()> run, std::int64_t every) {
  if (every < 1)
    throw std::invalid_argument("Scheduler: operator '" + name + "' every " +
                                std::to_string(every) + " steps; it must be >= 1");
  ops_.push_back(Operator{std::move(name), std::move(run), 0.0, 0, every});
}

void Scheduler::run_step(std::int64_t step) {
  for (auto& op : ops_) {
    if (step % op.every != 0) continue;
    Stopwatch sw;
    op.run();
    op.seconds += sw.seconds();
    ++op.calls;
  }
}

std::string Scheduler::profile_table() const {
  double total = 0;
  // The name column as wide as the longest name, so the columns line up.
  std::size_t w = std::string_view("operator").size();
  for (const auto& op : ops_) {
    total += op.seconds;
    w = std::max(w, op.name.size());
  }
  std::string out = fmt::format("{:<{}} {:>10} {:>12} {:>13} {:>7}\n", "operator", w, "calls",
                                "total [s]", "per call [ms]", "share");
  for (const auto& op : ops_) {
    out += fmt::format("{:<{}} {:>10} {:>12.3f} {:>13.4f} {:>6.1f}%\n", op.name, w, op.calls,
                       op.seconds, op.calls > 0 ? 1e3 * op.seconds / op.calls : 0.0,
                       total > 0 ? 100.0 * op.seconds / total : 0.0);
  }
  out += fmt::format("{:<{}} {:>10} {:>12.3f}\n", "all", w, "", total);
  return out;
}

}  // namespace hosim
