#pragma once
// Interventions as scheduled hooks (DESIGN.md §2, MODEL.md §4). Each type is
// one file that describes its keys (unit, range, meaning, source) and builds
// an Intervention from a checked entry; registry.cpp lists the types, one
// line each. The run loop only calls the Schedule.
//
// A hook acts each step before the cell rules: it multiplies the neutral
// TreatmentEffects the biology reads (ModelState::effects, recomputed from
// the clock every step, so a checkpoint needs none of it) and may act on the
// state at its dose times (kill cells, inject, excise). What it did goes to
// ModelState::intervention_log (checkpointed), from which its cumulative
// time-series columns and the /interventions table of run.h5 are made.
#include <array>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "config/params.hpp"
#include "model/state.hpp"

namespace hosim {

// One key an intervention type accepts.
struct HookKey {
  enum class Kind { Real, Integer, Choice, Vec3 };
  std::string key;
  Kind kind = Kind::Real;
  std::string unit = "1";  // canonical unit; a value with another dimension is an error
  // Default in the canonical unit; NaN = none (the key is optional and the
  // type decides, or `required`).
  double def = std::numeric_limits<double>::quiet_NaN();
  std::array<double, 3> def_vec{std::nan(""), std::nan(""), std::nan("")};
  double lo = 0, hi = 0;
  bool lo_open = false, hi_open = false;
  std::vector<std::string> choices{};  // Choice: allowed names, the first is the default
  bool required = false;
  std::string meaning;
  std::string source;
  [[nodiscard]] std::string range_text() const;
  [[nodiscard]] std::string default_text() const;
};

// When an intervention acts.
enum class TimingKind {
  Continuous,  // active from start to end (end optional: to the end of the run)
  Doses,       // `doses` events, `interval` apart, from start
};

struct Timing {
  double start_s = 0;  // absolute, after the injury (an `after` reference resolved)
  double end_s = std::numeric_limits<double>::infinity();  // Continuous
  int doses = 1;                                           // Doses
  double interval_s = 0;                                   // Doses
  [[nodiscard]] double dose_time(int k) const { return start_s + k * interval_s; }
};

// An entry's values, converted and range-checked, with defaults filled in.
class HookSettings {
 public:
  struct Value {
    double real = std::nan("");
    std::array<double, 3> vec{std::nan(""), std::nan(""), std::nan("")};
    std::string text;
    bool given = false;  // written in the config (not a default)
  };
  [[nodiscard]] double real(const std::string& key) const;
  [[nodiscard]] int integer(const std::string& key) const;
  [[nodiscard]] const std::string& choice(const std::string& key) const;
  [[nodiscard]] const std::array<double, 3>& vec(const std::string& key) const;
  [[nodiscard]] bool given(const std::string& key) const;
  [[nodiscard]] const Value& value(const std::string& key) const;
  void set(const std::string& key, Value v);
  // A preset's value for a key the entry did not give.
  void fill(const std::string& key, double v);
  [[nodiscard]] const std::vector<std::pair<std::string, Value>>& all() const { return values_; }

 private:
  std::vector<std::pair<std::string, Value>> values_;
};

// A column an intervention adds to /timeseries: "<name>_<suffix>".
struct HookColumn {
  std::string suffix;
  std::string unit;
  std::string meaning;
};

class Schedule;

// What a hook sees in a step.
struct HookContext {
  ModelState& state;
  const Params& params;
  double t0_s;  // time at the start of the step
  double dt_s;
  std::int32_t hook;  // its index in the schedule (keys its random streams and its log)
  void log(const std::string& action, double amount, const std::string& unit) const {
    state.intervention_log.push_back({state.step, t0_s, hook, action, amount, unit});
  }
  // An extensive amount (cells, volume, substance) counted on the grid, as
  // an amount of the whole domain when the grid is a mirror-reduced part of
  // it (grid.mirror), like the extensive readouts.
  [[nodiscard]] double whole_domain(double amount) const {
    return amount * mirror_copies(params.grid);
  }
  // True when dose time t falls in this step ([t0, t0 + dt)).
  [[nodiscard]] bool in_step(double t) const { return t >= t0_s - 1e-9 && t < t0_s + dt_s - 1e-9; }
};

class Intervention {
 public:
  virtual ~Intervention() = default;
  // Each step, before the cell rules.
  virtual void step(HookContext& ctx) = 0;
  // The columns it adds to /timeseries and their values at output.
  [[nodiscard]] virtual std::vector<HookColumn> columns() const = 0;
  [[nodiscard]] virtual double column_value(std::size_t column, const ModelState& s,
                                            std::int32_t hook) const = 0;
};

// A registered type.
struct InterventionType {
  std::string name;     // the `type:` of an entry
  std::string summary;  // what it models, one sentence
  std::string source;   // MODEL.md section and literature
  TimingKind timing = TimingKind::Continuous;
  std::vector<HookKey> keys;  // its own keys (the timing keys are common)
  // Optional: fill the keys a preset decides and the entry did not give.
  std::function<void(HookSettings&)> presets;
  std::function<std::unique_ptr<Intervention>(const HookSettings&, const Timing&, const Params&)>
      make;
};

// Every type, in documentation order (registry.cpp).
[[nodiscard]] const std::vector<InterventionType>& intervention_types();

// The types (one function per file).
InterventionType nsaid_type();
InterventionType etidronate_type();
InterventionType radiation_type();
InterventionType noggin_type();
InterventionType pemf_type();
InterventionType scavenger_type();
InterventionType palovarotene_type();
InterventionType excision_type();

}  // namespace hosim
