// Etidronate (MODEL.md §4): a bisphosphonate that blocks the conversion of
// amorphous calcium phosphate to hydroxyapatite and crystal growth. It
// slows mineralisation of osteoid (primary and secondary) and nothing else:
// osteoid still forms, and mineral already laid stays, so it works when
// given before mineral is visible and little after.
#include "interventions/drugs.hpp"

namespace hosim {

namespace {
constexpr double kDay = 86400;
}  // namespace

InterventionType etidronate_type() {
  InterventionType t;
  t.name = "etidronate";
  t.summary =
      "bisphosphonate: lowers the mineralisation rate of osteoid (amorphous calcium phosphate → "
      "hydroxyapatite, crystal growth) by an inhibition level set by the daily dose";
  t.source =
      "MODEL.md §4; 20 mg/kg/day for 3-6 months (Banovac 1997 J Spinal Cord Med 20:60; Garland "
      "1983 Clin Orthop 176:197: 10 mg/kg/day failed); mechanism Fleisch 1969";
  t.timing = TimingKind::Continuous;
  t.keys = {
      {.key = "dose",
       .unit = "mg/kg/day",
       .def = 20,
       .lo = 0,
       .hi = 100,
       .meaning = "daily oral dose",
       .source = "20 mg/kg/day, the clinical regimen (Banovac 1997; Garland 1983)"},
      {.key = "half_dose",
       .unit = "mg/kg/day",
       .def = 1,
       .lo = 0,
       .hi = 1000,
       .lo_open = true,
       .meaning = "dose giving half of max_inhibition: inhibition = max_inhibition · dose / "
                  "(dose + half_dose)",
       .source = "chronic doses above 5 mg/kg/day impair mineralisation of normal bone "
                 "(osteomalacia), so 20 mg/kg/day acts near saturation (est.)"},
      {.key = "max_inhibition",
       .def = 0.99,
       .lo = 0,
       .hi = 1,
       .meaning = "largest fraction of mineralisation blocked at high dose",
       .source = "high doses cause osteomalacia: mineralisation nearly stops (est.)"},
      hook_util::onset_key(1 * kDay, "oral absorption and binding to mineral surfaces (est.)"),
      hook_util::washout_key(
          14 * kDay,
          "mineralisation resumes within weeks to months after withdrawal ('rebound'; Garland "
          "1983) (est.)"),
  };
  t.make = [](const HookSettings& s, const Timing& tm, const Params&) {
    const double dose = s.real("dose");
    const double level = s.real("max_inhibition") * dose / (dose + s.real("half_dose"));
    return std::make_unique<DrugHook>(
        tm, level, s.real("onset"), s.real("washout"),
        HookColumn{"mineralisation_inhibition", "1", "fraction of mineralisation blocked"},
        [](TreatmentEffects& e, double l) { e.mineral_growth *= 1.0 - l; });
  };
  return t;
}

}  // namespace hosim
