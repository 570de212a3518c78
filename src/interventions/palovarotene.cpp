// Palovarotene (MODEL.md §4): a retinoic-acid receptor-γ agonist that
// blocks chondrogenic differentiation. A progenitor that would have become a
// chondrocyte stays a progenitor (it may commit later, to bone where the
// milieu is normoxic and alkaline), so HO is reduced but not abolished. It
// also slows the progenitors' expansion (experiments/ODD.md §7.14).
#include "interventions/drugs.hpp"

namespace hosim {

namespace {
constexpr double kHour = 3600;
}

InterventionType palovarotene_type() {
  InterventionType t;
  t.name = "palovarotene";
  t.summary =
      "RAR-γ agonist: blocks commitment of progenitors to cartilage and slows their division, "
      "each by its fraction times the current exposure";
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
      {.key = "proliferation",
       .def = 0.5,
       .lo = 0,
       .hi = 1,
       .meaning = "fraction of progenitor division blocked at steady state",
       .source = "palovarotene inhibits connective-tissue progenitor proliferation after "
                 "combat-related trauma in rats (Wheatley 2018 J Orthop Res 36:1135) and "
                 "reduces the expansion of fibro/adipogenic progenitors in mice "
                 "(Lees-Shepard 2018 eLife 7:e40814); the fraction is an estimate (est.)"},
      hook_util::onset_key(12 * kHour, "oral dosing, retinoid signalling (est.)"),
      hook_util::washout_key(24 * kHour, "(est.)"),
  };
  t.make = [](const HookSettings& s, const Timing& tm, const Params&) {
    // The level is the exposure (1 at steady state); both effects scale with
    // it, and the column reports the chondrogenic one as before.
    const double chondro = s.real("inhibition");
    const double division = s.real("proliferation");
    return std::make_unique<DrugHook>(
        tm, 1.0, s.real("onset"), s.real("washout"),
        HookColumn{"chondrogenesis_inhibition", "1", "fraction of chondrogenic commitment blocked"},
        [chondro, division](TreatmentEffects& e, double x) {
          e.chondrogenic_commitment *= 1.0 - chondro * x;
          e.progenitor_division *= 1.0 - division * x;
        },
        chondro);
  };
  return t;
}

}  // namespace hosim
