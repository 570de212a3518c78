// Free-radical scavengers (MODEL.md §4). Allopurinol inhibits xanthine
// oxidase, so it lowers the ROS of reperfused tissue (ros.reperfusion) and
// not the NADPH-oxidase burst of neutrophils and M1 macrophages;
// N-acetylcysteine scavenges ROS from every source; the combination does
// both. ROS raises osteochondral commitment (ros.commitment_gain), so less
// ROS means less HO.
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
       .meaning = "drug and target: allopurinol lowers the reperfusion (xanthine-oxidase) ROS, "
                  "n_acetylcysteine the ROS of every source, combined does both; the default "
                  "reduction is 0.5 for each",
       .source = "allopurinol is a xanthine-oxidase inhibitor, N-acetylcysteine a broad "
                 "scavenger; the two were given together in the rabbit study (est.)"},
      {.key = "reduction",
       .lo = 0,
       .hi = 1,
       .meaning = "fraction of the targeted ROS production removed at steady state (for "
                  "combined: removed by each drug, so reperfusion ROS falls by 1-(1-r)^2)",
       .source = "(est.)"},
      hook_util::onset_key(2 * kHour, "oral absorption (est.)"),
      hook_util::washout_key(6 * kHour, "plasma half-lives of hours (est.)"),
  };
  t.presets = [](HookSettings& s) { s.fill("reduction", 0.5); };
  t.make = [](const HookSettings& s, const Timing& tm, const Params&) {
    const std::string drug = s.choice("preset");
    const bool xo = drug != "n_acetylcysteine", broad = drug != "allopurinol";
    return std::make_unique<DrugHook>(
        tm, s.real("reduction"), s.real("onset"), s.real("washout"),
        HookColumn{"ros_reduction", "1", "fraction of the targeted ROS production removed"},
        [xo, broad](TreatmentEffects& e, double l) {
          if (xo) e.xanthine_oxidase *= 1.0 - l;
          if (broad) e.ros_production *= 1.0 - l;
        });
  };
  return t;
}

}  // namespace hosim
