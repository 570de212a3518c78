#pragma once
// A continuous drug whose effect is one level 0–1 (inhibition or reduction)
// with onset and washout: NSAID, etidronate, scavenger and palovarotene
// differ only in the level at steady state and in which effect it lowers.
#include <functional>
#include <string>
#include <vector>

#include "interventions/schedule.hpp"

namespace hosim {

class DrugHook : public Intervention {
 public:
  // `apply` lowers the effect it targets by the current level.
  // `column_scale` multiplies the level for the logged column and the start
  // entry (a drug with several effects runs at level 1 = full exposure and
  // reports the effect its column names).
  DrugHook(Timing tm, double steady_level, double tau_on_s, double tau_off_s, HookColumn column,
           std::function<void(TreatmentEffects&, double level)> apply, double column_scale = 1)
      : tm_(tm),
        level_(steady_level),
        tau_on_(tau_on_s),
        tau_off_(tau_off_s),
        column_(std::move(column)),
        apply_(std::move(apply)),
        column_scale_(column_scale) {}

  [[nodiscard]] double level(double t) const {
    return level_ * hook_util::drug_level(tm_, t, tau_on_, tau_off_);
  }
  void step(HookContext& ctx) override {
    const double l = level(ctx.t0_s);
    if (l > 0) apply_(ctx.state.effects, l);
    // The log records when dosing starts and stops (the level is a column).
    if (ctx.in_step(tm_.start_s)) ctx.log("start", level_ * column_scale_, "1");
    if (ctx.in_step(tm_.end_s)) ctx.log("end", l * column_scale_, "1");
  }
  [[nodiscard]] std::vector<HookColumn> columns() const override { return {column_}; }
  [[nodiscard]] double column_value(std::size_t /*column*/, const ModelState& s,
                                    std::int32_t /*hook*/) const override {
    return level(s.time_s) * column_scale_;
  }

 private:
  Timing tm_;
  double level_, tau_on_, tau_off_;
  HookColumn column_;
  std::function<void(TreatmentEffects&, double)> apply_;
  double column_scale_;
};

}  // namespace hosim
