// Free-radical scavengers (MODEL.md §4): allopurinol (xanthine oxidase
// inhibitor) and N-acetylcysteine lower the ROS made by neutrophils, M1
// macrophages and reperfused tissue; ROS raises osteochondral commitment
// (ros.commitment_gain), so less ROS means less HO.
#include "interventions/drugs.hpp"

namespace hosim {

namespace {
constexpr double kHour = 3600;
}

InterventionType scavenger_type() {
  InterventionType t;
  t.name = "scavenger";
  t.summary = "free-radical scavenger: lowers ROS production by the current reduction level";
  t.source =
      "MODEL.md §4; allopurinol with N-acetylcysteine prevented HO in the rabbit Michelsson model "
      "(PMID 19025757)";
  t.timing = TimingKind::Continuous;
  t.keys = {
      {.key = "preset",
       .kind = HookKey::Kind::Choice,
       .choices = {"allopurinol", "n_acetylcysteine", "combined"},
       .meaning = "drug: sets the default reduction (allopurinol 0.5, n_acetylcysteine 0.5, "
                  "combined 0.75)",
       .source = "allopurinol blocks the xanthine-oxidase source, N-acetylcysteine scavenges "
                 "broadly; the combination was given together in the rabbit study (est.)"},
      {.key = "reduction",
       .lo = 0,
       .hi = 1,
       .meaning = "fraction of ROS production removed at steady state (default from the preset)",
       .source = "(est.)"},
      hook_util::onset_key(2 * kHour, "oral absorption (est.)"),
      hook_util::washout_key(6 * kHour, "plasma half-lives of hours (est.)"),
  };
  t.presets = [](HookSettings& s) {
    s.fill("reduction", s.choice("preset") == "combined" ? 0.75 : 0.5);
  };
  t.make = [](const HookSettings& s, const Timing& tm, const Params&) {
    return std::make_unique<DrugHook>(
        tm, s.real("reduction"), s.real("onset"), s.real("washout"),
        HookColumn{"ros_reduction", "1", "fraction of ROS production removed"},
        [](TreatmentEffects& e, double l) { e.ros_production *= 1.0 - l; });
  };
  return t;
}

}  // namespace hosim
