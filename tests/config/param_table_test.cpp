// The parameter table is complete (every parameter has a unit, range, meaning
// and source, and a default inside its range) and the documents generated
// from it are current.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "config/config.hpp"
#include "config/number_format.hpp"
#include "config/param_table.hpp"
#include "config/validate.hpp"
#include "core/errors.hpp"
#include "core/units.hpp"

namespace hosim {
namespace {

TEST(ParamTable, EveryParameterIsDocumented) {
  const auto& specs = parameter_table().specs;
  ASSERT_FALSE(specs.empty());
  std::set<std::string> keys;
  for (const auto& s : specs) {
    SCOPED_TRACE(s.key);
    EXPECT_TRUE(keys.insert(s.key).second) << "duplicate key";
    EXPECT_FALSE(s.unit.empty());
    EXPECT_NO_THROW((void)units::parse_unit(s.unit));
    if (!s.display_unit.empty()) {
      EXPECT_NO_THROW((void)units::conversion_factor(s.unit, s.display_unit));
    }
    EXPECT_FALSE(s.range_text().empty());
    EXPECT_FALSE(s.meaning.empty());
    EXPECT_FALSE(s.source.empty());
    EXPECT_TRUE(s.get && s.set);
  }
}

TEST(ParamTable, DefaultsLieInTheirRanges) {
  for (const auto& s : parameter_table().specs) {
    SCOPED_TRACE(s.key);
    switch (s.kind) {
      case ParamKind::Real:
        EXPECT_LT(s.lo, s.hi);
        EXPECT_TRUE(s.in_range(std::get<double>(s.default_value)));
        break;
      case ParamKind::Vec3:
        for (double x : std::get<std::array<double, 3>>(s.default_value))
          EXPECT_TRUE(s.in_range(x));
        break;
      case ParamKind::Integer: {
        const auto v = std::get<std::int64_t>(s.default_value);
        EXPECT_LE(s.ilo, v);
        EXPECT_LE(v, s.ihi);
        break;
      }
      case ParamKind::Choice: {
        const auto& v = std::get<std::string>(s.default_value);
        EXPECT_NE(std::find(s.choices.begin(), s.choices.end(), v), s.choices.end());
        break;
      }
      case ParamKind::String:
        if (s.check_text) {
          EXPECT_EQ(s.check_text(std::get<std::string>(s.default_value)), "");
        }
        break;
      default:
        break;
    }
  }
}

TEST(ParamTable, DefaultsPassTheCrossParameterRules) {
  EXPECT_NO_THROW(validate_params(default_params()));
}

TEST(ParamTable, ValidateParamsChecksParamsBuiltInCode) {
  Params p = default_params();
  p.grid.nx = 2;
  try {
    validate_params(p);
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "(in Params): grid.nx = \"2\": must be in [3, 100000]");
  }
  p = default_params();
  p.run.cell_step_s = 1000;
  EXPECT_THROW(validate_params(p), ConfigError);
}

TEST(ParamTable, TheHoModelHasSevenFields) {
  const Params p = default_params();
  struct Expected {
    const char* name;
    const char* unit;
    double diffusion;
    double decay;
    double value;  // boundary_value and initial
  };
  const double ln2 = std::log(2.0);
  const std::vector<Expected> expected{
      {"o2", "mmHg", 2000, 0, 45},
      {"acid", "mM", 10, 0, 20},
      {"bmp", "nM", 10, ln2 / (12 * 3600), 0},
      {"noggin", "nM", 70, ln2 / (24 * 3600), 0},
      {"inflammation", "nM", 20, ln2 / 3600, 0},
      {"ros", "1", 100, ln2 / 1800, 0},
      {"phosphate", "mM", 500, 0, 1.2},
  };
  ASSERT_EQ(p.transport.fields.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const FieldParams& f = p.transport.fields[i];
    const Expected& e = expected[i];
    SCOPED_TRACE(e.name);
    EXPECT_EQ(f.name, e.name);
    EXPECT_EQ(f.unit, e.unit);
    EXPECT_EQ(f.diffusion_um2_s, e.diffusion);
    EXPECT_DOUBLE_EQ(f.decay_per_s, e.decay);
    EXPECT_EQ(f.substeps, 1);
    EXPECT_EQ(f.boundary, BoundaryKind::ZeroFlux);
    EXPECT_EQ(f.boundary_value, e.value);
    EXPECT_EQ(f.initial, e.value);
    EXPECT_EQ(parameter_table().find("fields." + f.name + ".initial")->unit, e.unit);
  }
  // The decays the brief quotes, to its digits.
  EXPECT_NEAR(p.field("bmp")->decay_per_s, 1.604e-5, 0.001e-5);
  EXPECT_NEAR(p.field("noggin")->decay_per_s, 8.02e-6, 0.01e-6);
  EXPECT_NEAR(p.field("inflammation")->decay_per_s, 1.925e-4, 0.001e-4);
  EXPECT_NEAR(p.field("ros")->decay_per_s, 3.85e-4, 0.01e-4);
  // The initial acid load is the reference load: normal tissue starts at pH 7.4.
  EXPECT_EQ(p.field("acid")->initial, p.acid.reference_mM);
  EXPECT_EQ(p.field("phosphate")->initial, p.phosphate.serum_mM);
  EXPECT_EQ(output_mesh_names(p),
            (std::vector<std::string>{
                "o2",          "acid",      "bmp",     "noggin",    "inflammation", "ros",
                "phosphate",   "cell_type", "anatomy", "injured",   "muscle",       "necrosis",
                "haemorrhage", "vessels",   "fibrous", "cartilage", "osteoid",      "mineral",
                "maturity",    "ph",        "alp",     "radiograph"}));
}

// The member initialisers of params.hpp and ho_params.hpp are a fallback the
// table overwrites; they must still carry the same values, so code or tests
// that build a Params{} directly see the documented model. Field blocks have
// no per-field initialisers (the table alone creates the fields) and are
// checked in TheHoModelHasSevenFields.
TEST(ParamTable, DefaultsEqualTheMemberInitialisers) {
  const Params fallback{};
  std::size_t compared = 0;
  for (const auto& s : parameter_table().specs) {
    if (s.key.rfind("fields.", 0) == 0) continue;
    SCOPED_TRACE(s.key);
    const ParamValue v = s.get(fallback);
    if (s.kind == ParamKind::Real) {
      // Exact: the same expression (e.g. 0.05 / 86400) gives the same bits.
      EXPECT_EQ(std::get<double>(v), std::get<double>(s.default_value));
    } else {
      EXPECT_TRUE(v == s.default_value);
    }
    ++compared;
  }
  EXPECT_GE(compared, 100u);
  // A few by name, so a failure above is easy to read.
  const Params d = default_params();
  EXPECT_EQ(d.oxygen.supply_rate_per_s, fallback.oxygen.supply_rate_per_s);
  EXPECT_EQ(d.acid.buffer_mM, 40.0);
  EXPECT_EQ(d.bmp.noggin_binding_per_nM_s, 1e-3);
  EXPECT_EQ(d.cells.mpc.anoxic_death_rate_per_s, 0.5 / 86400);
  EXPECT_EQ(d.cells.neutrophil.death_rate_per_s, 1.39 / 86400);
  EXPECT_EQ(d.tissue.mineral_lag_s, 14 * 86400.0);
  EXPECT_EQ(d.recruitment.macrophage_window_s, 4 * 86400.0);
  EXPECT_EQ(d.risk.bmp_expression, 1.0);
}

// Each section of the model has its keys (none forgotten in build_table()).
TEST(ParamTable, EverySectionOfParamsIsInTheTable) {
  std::vector<std::string> sections;
  for (const auto& s : parameter_table().specs) {
    const std::string top = s.key.substr(0, s.key.find('.'));
    if (sections.empty() || sections.back() != top) sections.push_back(top);
  }
  EXPECT_EQ(sections,
            (std::vector<std::string>{
                "run",   "grid",      "output",        "fields",  "injury", "host_bone",
                "cells", "oxygen",    "acid",          "bmp",     "noggin", "inflammation",
                "ros",   "phosphate", "precipitation", "vessels", "tissue", "recruitment",
                "risk",  "readouts",  "checks"}));
  for (const char* key :
       {"cells.mpc.anoxic_death_rate", "cells.neutrophil.speed", "cells.macrophage.switch_rate",
        "cells.fibroblast.death_rate", "cells.chondrocyte.replacement_rate",
        "cells.osteoblast.embedding_rate", "oxygen.hif_half", "acid.alkalinisation",
        "bmp.noggin_binding", "noggin.chondrocyte", "inflammation.cox2_activity", "ros.half_max",
        "phosphate.exchange", "vessels.invasion", "tissue.bone_block", "recruitment.mpc_resident",
        "risk.mobilisation"})
    EXPECT_NE(parameter_table().find(key), nullptr) << key;
  for (const char* gone :
       {"injury.factor_burst", "injury.factor_release", "injury.factor_release_tau",
        "injury.mpc_density_injury", "injury.mpc_density_muscle", "cells.mpc.half_max_factor",
        "cells.mpc.commit_threshold", "cells.mpc.factor_uptake", "cells.committed.death_rate",
        "cells.committed.factor_secretion", "fields.factor.diffusion"})
    EXPECT_EQ(parameter_table().find(gone), nullptr) << gone;
}

// A unit of the same dimension as each canonical unit but a different scale.
std::string other_unit(const std::string& canonical) {
  static const std::map<std::string, std::string> alt{
      {"s", "min"},     {"um", "mm"},          {"um/s", "um/h"},
      {"1/s", "1/min"}, {"um^2/s", "mm^2/s"},  {"nM", "pM"},
      {"mM", "uM"},     {"mmHg", "kPa"},       {"nM/s", "pM/min"},
      {"mM/s", "uM/h"}, {"mmHg/s", "kPa/min"}, {"1/(nM*s)", "1/(uM*min)"},
      {"1", "%"},       {"U/L", "U/mL"},       {"U/L/s", "U/mL/h"},
      {"1/um", "1/cm"}, {"mM^2", "uM^2"},      {"1/(um^3*s)", "1/(mm^3*day)"},
  };
  const auto it = alt.find(canonical);
  return it == alt.end() ? std::string() : it->second;
}

// Every numeric key loads from a config written in another unit of its
// dimension (e.g. cells.mpc.anoxic_death_rate in 1/min, oxygen.km in kPa).
TEST(ParamTable, EveryKeyLoadsWithAUnitConversion) {
  for (const auto& s : parameter_table().specs) {
    if (s.kind != ParamKind::Real && s.kind != ParamKind::Vec3) continue;
    SCOPED_TRACE(s.key);
    const std::string unit = other_unit(s.dimensionless() ? "1" : s.unit);
    ASSERT_FALSE(unit.empty()) << "add an alternative for unit '" << s.unit << "'";
    const double f = units::conversion_factor(s.dimensionless() ? "1" : s.unit, unit);
    // A non-zero value, so the conversion is visible: the default, or a small
    // part of the range.
    // (run.field_step must also be a multiple of the cell step: two of them.)
    const auto pick = [&s](double d) {
      if (d != 0) return d;
      return s.key == "run.field_step" ? 2 * 900.0 : s.hi * 1e-3;
    };
    const auto written = [&](double v) { return format_exact(v * f) + " " + unit; };
    std::string text;
    std::vector<double> want;
    if (s.kind == ParamKind::Real) {
      want = {pick(std::get<double>(s.default_value))};
      text = written(want[0]);
    } else {
      for (double d : std::get<std::array<double, 3>>(s.default_value)) want.push_back(pick(d));
      text = "[" + written(want[0]) + ", " + written(want[1]) + ", " + written(want[2]) + "]";
    }
    Params p;
    try {
      p = load_config_text("{}", "x.yaml", {s.key + "=" + text}).params;
    } catch (const Error& e) {
      ADD_FAILURE() << s.key << "=" << text << ": " << e.what();
      continue;
    }
    const ParamValue got = s.get(p);
    std::vector<double> have;
    if (s.kind == ParamKind::Real)
      have = {std::get<double>(got)};
    else
      for (double x : std::get<std::array<double, 3>>(got)) have.push_back(x);
    for (std::size_t i = 0; i < want.size(); ++i)
      EXPECT_NEAR(have[i], want[i], 1e-12 * std::abs(want[i])) << text;
  }
}

// The new keys in the units people write them in.
TEST(ParamTable, HoKeysInHumanUnits) {
  const Params p = load_config_text(R"(
cells:
  mpc: {anoxic_death_rate: 0.5 1/day, fibroblast_rate: 5 %/day, min_commit_age: 144 h}
  neutrophil: {death_rate: 0.0578 1/h, speed: 1 um/min}
  chondrocyte: {replacement_rate: 3.5 1/week}
oxygen: {km: 0.8 kPa, muscle_consumption: 84 mmHg/min, supply_rate: 5 1/min}
acid: {necrosis_release: 0.36 mM/h, buffer: 40 mmol/L}
bmp: {injury_burst: 2000 pM, noggin_binding: 1e6 1/(M*s), macrophage: 72 pM/h}
noggin: {chondrocyte: 18 pM/h}
inflammation: {half_max: 500 pM}
ros: {m1: 1.8 1/h}
phosphate: {serum: 1200 uM, exchange: 0.06 1/min}
vessels: {spread: 311 um^2/day, growth_rate: 14 1/week}
tissue: {osteoid_apposition: 7 um/week, mineral_lag: 2 week, clearance: 0.5 1/day}
recruitment: {neutrophil_rate: 2 1/h, macrophage_window: 96 h}
fields:
  o2: {diffusion: 2e-9 m^2/s, initial: 6 kPa}
  ros: {initial: 50 %}
  phosphate: {boundary: dirichlet, boundary_value: 2 mmol/L}
)")
                       .params;
  EXPECT_DOUBLE_EQ(p.cells.mpc.anoxic_death_rate_per_s, 0.5 / 86400);
  EXPECT_DOUBLE_EQ(p.cells.mpc.fibroblast_rate_per_s, 0.05 / 86400);
  EXPECT_DOUBLE_EQ(p.cells.mpc.min_commit_age_s, 6 * 86400.0);
  EXPECT_DOUBLE_EQ(p.cells.neutrophil.death_rate_per_s, 0.0578 / 3600);
  EXPECT_DOUBLE_EQ(p.cells.neutrophil.speed_um_s, 1.0 / 60);
  EXPECT_DOUBLE_EQ(p.cells.chondrocyte.replacement_rate_per_s, 0.5 / 86400);
  EXPECT_NEAR(p.oxygen.km_mmHg, 6.0, 1e-3);  // 1 kPa = 7.50062 mmHg
  EXPECT_DOUBLE_EQ(p.oxygen.muscle_consumption_mmHg_s, 1.4);
  EXPECT_DOUBLE_EQ(p.oxygen.supply_rate_per_s, 5.0 / 60);
  EXPECT_DOUBLE_EQ(p.acid.necrosis_release_mM_s, 1e-4);
  EXPECT_DOUBLE_EQ(p.acid.buffer_mM, 40.0);
  EXPECT_DOUBLE_EQ(p.bmp.injury_burst_nM, 2.0);
  EXPECT_DOUBLE_EQ(p.bmp.noggin_binding_per_nM_s, 1e-3);
  EXPECT_DOUBLE_EQ(p.bmp.macrophage_nM_s, 2e-5);
  EXPECT_DOUBLE_EQ(p.noggin.chondrocyte_nM_s, 5e-6);
  EXPECT_DOUBLE_EQ(p.inflammation.half_max_nM, 0.5);
  EXPECT_DOUBLE_EQ(p.ros.m1_per_s, 5e-4);
  EXPECT_DOUBLE_EQ(p.phosphate.serum_mM, 1.2);
  EXPECT_DOUBLE_EQ(p.phosphate.exchange_per_s, 1e-3);
  EXPECT_DOUBLE_EQ(p.vessels.spread_um2_s, 311.0 / 86400);
  EXPECT_DOUBLE_EQ(p.vessels.growth_rate_per_s, 2.0 / 86400);
  EXPECT_DOUBLE_EQ(p.tissue.osteoid_apposition_um_s, 1.0 / 86400);
  EXPECT_DOUBLE_EQ(p.tissue.mineral_lag_s, 14 * 86400.0);
  EXPECT_DOUBLE_EQ(p.tissue.clearance_per_s, 0.5 / 86400);
  EXPECT_DOUBLE_EQ(p.recruitment.neutrophil_rate_per_s, 2.0 / 3600);
  EXPECT_DOUBLE_EQ(p.recruitment.macrophage_window_s, 4 * 86400.0);
  EXPECT_DOUBLE_EQ(p.field("o2")->diffusion_um2_s, 2000.0);
  EXPECT_NEAR(p.field("o2")->initial, 45.0, 1e-2);
  EXPECT_DOUBLE_EQ(p.field("ros")->initial, 0.5);
  EXPECT_EQ(p.field("phosphate")->boundary, BoundaryKind::Dirichlet);
  EXPECT_DOUBLE_EQ(p.field("phosphate")->boundary_value, 2.0);
}

TEST(ParamTable, FieldBlockAddsTheSameKeysForAnyField) {
  ParamTable t;
  add_field_block(t, {.name = "o2",
                      .unit = "mmHg",
                      .description = "oxygen",
                      .diffusion_um2_s = 2000,
                      .diffusion_source = "s",
                      .decay_per_s = 0,
                      .decay_source = "s",
                      .substeps = 4,
                      .solver = FieldSolver::QuasiSteady,
                      .steady_tolerance = 0.5,
                      .boundary = BoundaryKind::Dirichlet,
                      .boundary_value = 40,
                      .initial = 40,
                      .value_source = "s",
                      .value_lo = 0,
                      .value_hi = 200});
  std::vector<std::string> keys;
  for (const auto& s : t.specs) keys.push_back(s.key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{
                "fields.o2.diffusion", "fields.o2.decay", "fields.o2.substeps", "fields.o2.solver",
                "fields.o2.steady_tolerance", "fields.o2.steady_max_iterations",
                "fields.o2.boundary", "fields.o2.boundary_value", "fields.o2.initial"}));
  ASSERT_EQ(t.fields.size(), 1u);
  Params p;
  p.transport.fields = t.fields;
  for (const auto& s : t.specs) s.set(p, s.default_value);
  const FieldParams* o2 = p.field("o2");
  ASSERT_NE(o2, nullptr);
  EXPECT_EQ(o2->unit, "mmHg");
  EXPECT_EQ(o2->diffusion_um2_s, 2000.0);
  EXPECT_EQ(o2->substeps, 4);
  EXPECT_EQ(o2->solver, FieldSolver::QuasiSteady);
  EXPECT_EQ(o2->steady_tolerance, 0.5);
  EXPECT_EQ(t.find("fields.o2.steady_tolerance")->unit, "mmHg/s");
  EXPECT_EQ(o2->boundary, BoundaryKind::Dirichlet);
  EXPECT_EQ(o2->initial, 40.0);
  EXPECT_EQ(t.find("fields.o2.initial")->unit, "mmHg");
}

TEST(ParameterReference, TextAndMarkdownListEveryParameter) {
  const std::string text = parameter_reference_text();
  const std::string md = parameter_reference_markdown();
  for (const auto& s : parameter_table().specs) {
    EXPECT_NE(text.find("\n" + s.key + " = "), std::string::npos) << s.key;
    EXPECT_NE(md.find("| `" + s.key + "` |"), std::string::npos) << s.key;
  }
  EXPECT_NE(md.find("| key | default | unit | range | meaning | source |"), std::string::npos);
  EXPECT_NE(md.find("zero_flux \\| dirichlet"), std::string::npos);  // '|' escaped in cells
}

TEST(ParameterReference, CommittedMarkdownIsCurrent) {
  const std::filesystem::path path =
      std::filesystem::path(HOSIM_SOURCE_DIR) / "configs" / "PARAMETERS.md";
  std::ifstream in(path);
  ASSERT_TRUE(in.good()) << path << " is missing; create it with "
                         << "`hosim params --markdown > configs/PARAMETERS.md`";
  std::stringstream committed;
  committed << in.rdbuf();
  // The file is this table followed by the interventions' (src/interventions,
  // checked whole by the app test params_and_check).
  EXPECT_TRUE(committed.str().rfind(parameter_reference_markdown(), 0) == 0)
      << "configs/PARAMETERS.md is stale: regenerate it with "
         "`hosim params --markdown > configs/PARAMETERS.md`";
}

}  // namespace
}  // namespace hosim
