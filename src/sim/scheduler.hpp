#pragma once
// The step: an ordered list of named operators, each timed. The order is
// written down once, in Simulation's constructor (simulation.cpp), and
// printed by `hosim run --profile`.
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
};

class Scheduler {
 public:
  void add(std::string name, std::function<void()> run);
  void run_step();
  [[nodiscard]] const std::vector<Operator>& operators() const { return ops_; }
  // Table: operator, calls, total s, ms per call, share of step time.
  [[nodiscard]] std::string profile_table() const;

 private:
  std::vector<Operator> ops_;
};

}  // namespace hosim
