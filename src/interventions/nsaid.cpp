// NSAID (MODEL.md §4): cuts COX-2 production of the inflammatory signal
// (PGE2): by neutrophils and M1 macrophages, and the COX-2 share of the
// signal released at necrotic tissue (inflammation.necrosis_cox2_share);
// and in each progenitor the COX-2 that BMP induces, which carries part of
// its commitment (inflammation.progenitor_cox2_share, biology/mpc_rule.cpp).
// Started late, it finds the necrosis cleared, the inflammatory phase over
// and most progenitors committed, and does less.
#include <cmath>

#include "interventions/drugs.hpp"

namespace hosim {

namespace {

constexpr double kHour = 3600;

struct Preset {
  double inhibition, onset_s, washout_s;
};

Preset preset(const std::string& name) {
  // Indomethacin (non-selective): ~90 % of PGE2 synthesis at 75 mg/day (est.),
  // t½ ≈ 4.5 h; celecoxib (COX-2 selective): > 60 % of local PGE2 (MODEL.md
  // §4), t½ ≈ 11 h. Onset and washout ≈ t½/ln 2 (est.).
  if (name == "celecoxib") return {0.7, 16 * kHour, 16 * kHour};
  return {0.9, 6.5 * kHour, 6.5 * kHour};
}

}  // namespace

InterventionType nsaid_type() {
  InterventionType t;
  t.name = "nsaid";
  t.summary =
      "non-steroidal anti-inflammatory drug: lowers COX-2 production of the inflammatory signal "
      "(by neutrophils, M1 macrophages and the COX-2 share of the necrosis signal) and the "
      "progenitors' own COX-2 share of commitment, by the current inhibition level";
  t.source =
      "MODEL.md §4; indomethacin 75 mg/day for 6 weeks or 7-14 days after hip arthroplasty "
      "(J Arthroplasty 1988;3:229; Schmalzried 1997 J Arthroplasty 12:126); celecoxib 200 mg "
      "twice daily (J Arthroplasty 2014;29:390)";
  t.timing = TimingKind::Continuous;
  t.keys = {
      {.key = "preset",
       .kind = HookKey::Kind::Choice,
       .choices = {"indomethacin", "celecoxib"},
       .meaning = "drug: sets the defaults of inhibition, onset and washout",
       .source = "indomethacin t½ ≈ 4.5 h (Helleberg 1981 Clin Pharmacokinet 6:245); celecoxib "
                 "t½ ≈ 11 h (Celebrex label)"},
      {.key = "inhibition",
       .lo = 0,
       .hi = 1,
       .meaning = "fraction of COX-2 production blocked at steady state (default: indomethacin "
                  "0.9, celecoxib 0.7)",
       .source = "MODEL.md §4: celecoxib cuts local PGE2 by more than 60 %; indomethacin ~90 % "
                 "(est.)"},
      hook_util::onset_key(std::nan(""), "plasma t½/ln 2 (est.)",
                           "default from the preset: indomethacin 6.5 h, celecoxib 16 h"),
      hook_util::washout_key(std::nan(""), "plasma t½/ln 2 (est.)",
                             "default from the preset: indomethacin 6.5 h, celecoxib 16 h"),
  };
  t.presets = [](HookSettings& s) {
    const Preset d = preset(s.choice("preset"));
    s.fill("inhibition", d.inhibition);
    s.fill("onset", d.onset_s);
    s.fill("washout", d.washout_s);
  };
  t.make = [](const HookSettings& s, const Timing& tm, const Params&) {
    return std::make_unique<DrugHook>(
        tm, s.real("inhibition"), s.real("onset"), s.real("washout"),
        HookColumn{"cox2_inhibition", "1", "fraction of COX-2 production blocked"},
        [](TreatmentEffects& e, double level) { e.cox2 *= 1.0 - level; });
  };
  return t;
}

}  // namespace hosim
