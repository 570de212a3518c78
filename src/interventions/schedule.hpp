#pragma once
// The schedule: the `interventions:` entries of a config, checked against
// their types and resolved (names, `after` references, timing), and the
// operator that runs their hooks each step.
#include <memory>
#include <string>
#include <vector>

#include "interventions/intervention.hpp"

namespace hosim {

struct ScheduledIntervention {
  std::string name;  // unique; the prefix of its time-series columns
  const InterventionType* type = nullptr;
  Timing timing;
  HookSettings settings;
  std::unique_ptr<Intervention> hook;
};

class Schedule {
 public:
  // Check and resolve p.interventions; throws ConfigError (exit 2) naming the
  // entry, the key, where it was written, the value and what is allowed.
  explicit Schedule(const Params& p);

  // Reset the effects to neutral and run every hook for the step that starts now.
  void step(ModelState& s, const Params& p, double dt_s) const;

  // Time-series columns: names, units and values at this state.
  [[nodiscard]] const std::vector<std::string>& column_names() const { return column_names_; }
  [[nodiscard]] const std::vector<std::string>& column_units() const { return column_units_; }
  [[nodiscard]] std::vector<double> column_values(const ModelState& s) const;

  [[nodiscard]] const std::vector<ScheduledIntervention>& entries() const { return entries_; }
  [[nodiscard]] bool empty() const { return entries_.empty(); }

  // The resolved schedule as text with units (`hosim check`): the entries'
  // describe_entry() in order.
  [[nodiscard]] std::string describe() const;
  [[nodiscard]] std::string describe_entry(std::size_t k) const;

 private:
  std::vector<ScheduledIntervention> entries_;
  // The time-series columns, fixed at construction.
  std::vector<std::string> column_names_, column_units_;
  std::vector<std::size_t> column_count_;  // per entry
};

// Every intervention key of every type (`hosim params`, PARAMETERS.md).
[[nodiscard]] std::string intervention_reference_text();
[[nodiscard]] std::string intervention_reference_markdown();

// Helpers shared by the types.
namespace hook_util {
// Level 0–1 of a continuous treatment at time t: a first-order onset from
// `start` (time constant tau_on; 0 = at once) and washout after `end`
// (tau_off), the pharmacodynamic shape every continuous drug uses here.
[[nodiscard]] double drug_level(const Timing& tm, double t_s, double tau_on_s, double tau_off_s);
// Number of logged events of one action of one hook.
[[nodiscard]] std::size_t logged_count(const ModelState& s, std::int32_t hook,
                                       const std::string& action);
// Sum of the logged amounts of one action of one hook.
[[nodiscard]] double logged_total(const ModelState& s, std::int32_t hook,
                                  const std::string& action);
// Keys most continuous drugs share (`note` is added to the meaning; a NaN
// default leaves the value to the type's presets).
[[nodiscard]] HookKey onset_key(double default_s, const std::string& source,
                                const std::string& note = "");
[[nodiscard]] HookKey washout_key(double default_s, const std::string& source,
                                  const std::string& note = "");
// region.centre / region.radii: an ellipsoid (a 2D slice cuts it through its centre).
[[nodiscard]] std::vector<HookKey> region_keys(const std::string& whole_meaning);
// The region of an entry; `fallback` is used when region.radii is not given.
// Voxels in it: in_region (model/scenario.hpp).
[[nodiscard]] EffectRegion region_of(const HookSettings& s, const EffectRegion& fallback);
}  // namespace hook_util

}  // namespace hosim
