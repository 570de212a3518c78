// The resolved YAML holds every parameter in its canonical unit at full
// precision and loads back to bit-identical Params.
#include <gtest/gtest.h>

#include <cstring>

#include "config/config.hpp"
#include "config/param_table.hpp"
#include "test_util.hpp"

namespace hosim {
namespace {

// Bitwise equality of every parameter, so -0.0 vs 0.0 or one ulp would fail.
void expect_identical(const Params& a, const Params& b) {
  for (const auto& s : parameter_table().specs) {
    const ParamValue va = s.get(a);
    const ParamValue vb = s.get(b);
    ASSERT_EQ(va.index(), vb.index()) << s.key;
    if (const double* x = std::get_if<double>(&va)) {
      const double y = std::get<double>(vb);
      EXPECT_EQ(std::memcmp(x, &y, sizeof y), 0) << s.key << ": " << *x << " vs " << y;
    } else if (const auto* v = std::get_if<std::array<double, 3>>(&va)) {
      const auto w = std::get<std::array<double, 3>>(vb);
      EXPECT_EQ(std::memcmp(v->data(), w.data(), sizeof w), 0) << s.key;
    } else {
      EXPECT_TRUE(va == vb) << s.key;
    }
  }
}

TEST(ResolvedYaml, DefaultsRoundTrip) {
  const Params d = default_params();
  const LoadedConfig c = load_config_text(describe_resolved(d), "resolved");
  expect_identical(d, c.params);
  EXPECT_EQ(c.resolved_yaml, describe_resolved(d));
}

TEST(ResolvedYaml, AwkwardValuesRoundTripBitForBit) {
  // Values whose canonical form has no short decimal: conversions by 1/3600,
  // 1/86400, 1e-11 -> um^2/s, percentages, negative origins.
  const LoadedConfig first =
      load_config_text(test::kExampleYaml, "example.yaml",
                       {"cells.mpc.speed=0.7 um/min", "cells.mpc.death_rate=0.0731 1/week",
                        "fields.bmp.diffusion=3.3e-11 m^2/s", "fields.bmp.decay=0.1 1/h",
                        "recruitment.mpc_resident=0.3 %", "grid.origin=[-0.1 mm, 1e-3 cm, 0.3 um]",
                        "oxygen.capillary_po2=7.7 kPa", "bmp.noggin_binding=1.1e6 1/(M*s)",
                        "tissue.osteoid_apposition=0.7 um/day", "fields.o2.initial=6.1 kPa",
                        "recruitment.macrophage_rate=0.3 1/h", "vessels.spread=300 um^2/day",
                        "injury.centre=[0.1, 0.2, 0.30000000000000004]",
                        "run.seed=9223372036854775807", "run.name=a.b-c_d"});
  const LoadedConfig second = load_config_text(first.resolved_yaml, "resolved");
  expect_identical(first.params, second.params);
  EXPECT_EQ(first.resolved_yaml, second.resolved_yaml);
  EXPECT_EQ(second.params.run.seed, 9223372036854775807u);
}

TEST(ResolvedYaml, HoldsEveryKeyWithItsCanonicalUnitAndMeaning) {
  const std::string y = describe_resolved(default_params());
  for (const auto& s : parameter_table().specs) {
    const std::string leaf = s.key.substr(s.key.rfind('.') + 1);
    const std::string line = leaf + ": " + s.format_value(s.default_value, ParamSpec::Style::Yaml);
    EXPECT_NE(y.find(line), std::string::npos) << s.key << " missing as '" << line << "'";
    EXPECT_NE(y.find("# " + s.meaning), std::string::npos) << s.key;
  }
  EXPECT_NE(y.find("  diffusion: 10 um^2/s"), std::string::npos);
  EXPECT_NE(y.find("  duration: 5184000 s"), std::string::npos);
  EXPECT_NE(y.find("(= 60 day)"), std::string::npos);
}

}  // namespace
}  // namespace hosim
