// Palovarotene (MODEL.md §4): a retinoic-acid receptor-γ agonist that
// blocks chondrogenic differentiation. A progenitor that would have become a
// chondrocyte stays a progenitor (it may commit later, to bone where the
// milieu is normoxic and alkaline), so HO is reduced but not abolished.
#include "interventions/drugs.hpp"

namespace hosim {

namespace {
constexpr double kHour = 3600;
}

InterventionType palovarotene_type() {
  InterventionType t;
  t.name = "palovarotene";
  t.summary =
      "RAR-γ agonist: blocks commitment of progenitors to cartilage by the current inhibition "
      "level";
  t.source =
      "MODEL.md §4; Shimono 2011 Nat Med 17:454 (RAR-γ agonists inhibit injury-induced HO in "
      "mice); Chakkalakal 2016 J Bone Miner Res 31:1666";
  t.timing = TimingKind::Continuous;
  t.keys = {
      {.key = "inhibition",
       .def = 0.7,
       .lo = 0,
       .hi = 1,
       .meaning = "fraction of chondrogenic commitment blocked at steady state",
       .source = "'potent inhibition' of chondrogenesis and HO in mice, reduced but not "
                 "abolished (Shimono 2011; MODEL.md §4) (est.)"},
      hook_util::onset_key(12 * kHour, "oral dosing, retinoid signalling (est.)"),
      hook_util::washout_key(24 * kHour, "(est.)"),
  };
  t.make = [](const HookSettings& s, const Timing& tm, const Params&) {
    return std::make_unique<DrugHook>(
        tm, s.real("inhibition"), s.real("onset"), s.real("washout"),
        HookColumn{"chondrogenesis_inhibition", "1", "fraction of chondrogenic commitment blocked"},
        [](TreatmentEffects& e, double l) { e.chondrogenic_commitment *= 1.0 - l; });
  };
  return t;
}

}  // namespace hosim
