// The parameter table is complete (every parameter has a unit, range, meaning
// and source, and a default inside its range) and the documents generated
// from it are current.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "config/config.hpp"
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

TEST(ParamTable, TheMinimalModelHasOneFieldCalledFactor) {
  const Params p = default_params();
  ASSERT_EQ(p.transport.fields.size(), 1u);
  const FieldParams& f = p.transport.fields[0];
  EXPECT_EQ(f.name, "factor");
  EXPECT_EQ(f.unit, "nM");
  EXPECT_EQ(f.diffusion_um2_s, 10.0);
  EXPECT_NEAR(f.decay_per_s, 1.6e-5, 0.01e-5);
  EXPECT_EQ(f.substeps, 1);
  EXPECT_EQ(f.boundary, BoundaryKind::ZeroFlux);
  EXPECT_EQ(output_mesh_names(p),
            (std::vector<std::string>{"factor", "cell_type", "anatomy", "injured"}));
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
                      .boundary = BoundaryKind::Dirichlet,
                      .boundary_value = 40,
                      .initial = 40,
                      .value_source = "s",
                      .value_lo = 0,
                      .value_hi = 200});
  std::vector<std::string> keys;
  for (const auto& s : t.specs) keys.push_back(s.key);
  EXPECT_EQ(keys, (std::vector<std::string>{"fields.o2.diffusion", "fields.o2.decay",
                                            "fields.o2.substeps", "fields.o2.boundary",
                                            "fields.o2.boundary_value", "fields.o2.initial"}));
  ASSERT_EQ(t.fields.size(), 1u);
  Params p;
  p.transport.fields = t.fields;
  for (const auto& s : t.specs) s.set(p, s.default_value);
  const FieldParams* o2 = p.field("o2");
  ASSERT_NE(o2, nullptr);
  EXPECT_EQ(o2->unit, "mmHg");
  EXPECT_EQ(o2->diffusion_um2_s, 2000.0);
  EXPECT_EQ(o2->substeps, 4);
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
  EXPECT_TRUE(committed.str() == parameter_reference_markdown())
      << "configs/PARAMETERS.md is stale: regenerate it with "
         "`hosim params --markdown > configs/PARAMETERS.md`";
}

}  // namespace
}  // namespace hosim
