#pragma once
// The step: an ordered list of named operators, each timed. The order is
// written down once, in Simulation's constructor (simulation.cpp), and
// printed by `hosim run --profile`. An operator may run only every k-th
// step (the field step of multi-rate splitting, experiments/ODD.md): in the
// steps whose number is a multiple of k, at its place in the order.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace hosim {

struct Operator {
  std::string name;
  std::function<void()> run;
  double seconds = 0;
  std::int64_t calls = 0;
  std::int64_t every = 1;  // runs in steps whose number is a multiple of this
};

class Scheduler {
 public:
  // Throws std::invalid_argument when every < 1.
  void add(std::string name, std::function<void()> run, std::int64_t every = 1);
  // The operators due in step number `step` (the clock before the step).
  void run_step(std::int64_t step);
  [[nodiscard]] const std::vector<Operator>& operators() const { return ops_; }
  // Table: operator, calls, total s, ms per call, share of step time.
  [[nodiscard]] std::string profile_table() const;

 private:
  std::vector<Operator> ops_;
};

}  // namespace hosim
