// --set key.path=value overrides: applied in order after the file and before
// validation; values are YAML; errors say "(from --set ...)".
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "core/errors.hpp"
#include "test_util.hpp"

namespace hosim {
namespace {

using test::kExampleYaml;
using test::load_error;

TEST(Overrides, ScalarsUnitsAndLists) {
  const LoadedConfig c = load_config_text(
      kExampleYaml, "example.yaml",
      {"grid.nx=50", "fields.bmp.diffusion=20 um^2/s", "output.fields=[bmp,cell_type]",
       "run.name=other", "fields.bmp.boundary=dirichlet", "output.float64=true",
       "oxygen.capillary_po2=8 kPa", "cells.neutrophil.death_rate=2 1/day"});
  EXPECT_EQ(c.params.grid.nx, 50);
  EXPECT_EQ(c.params.field("bmp")->diffusion_um2_s, 20.0);
  EXPECT_EQ(c.params.output.fields, (std::vector<std::string>{"bmp", "cell_type"}));
  EXPECT_EQ(c.params.run.name, "other");
  EXPECT_EQ(c.params.field("bmp")->boundary, BoundaryKind::Dirichlet);
  EXPECT_TRUE(c.params.output.float64);
  EXPECT_NEAR(c.params.oxygen.capillary_po2_mmHg, 60.005, 1e-3);
  EXPECT_DOUBLE_EQ(c.params.cells.neutrophil.death_rate_per_s, 2.0 / 86400);
  EXPECT_EQ(c.overrides.size(), 8u);
  EXPECT_EQ(c.overrides[0], "grid.nx=50");
}

TEST(Overrides, AppliedInOrderLastWins) {
  const Params p =
      load_config_text("grid: {nx: 10}", "x.yaml", {"grid.nx=20", "grid.nx=30"}).params;
  EXPECT_EQ(p.grid.nx, 30);
}

TEST(Overrides, QuantityMapAndSectionMap) {
  const Params p = load_config_text("{}", "x.yaml",
                                    {"grid.voxel={value: 40, unit: um}", "grid={nx: 7, ny: 9}",
                                     "cells.mpc={speed: 20 um/h}", "acid={buffer: 30 mM}"})
                       .params;
  EXPECT_EQ(p.grid.voxel_um, 40.0);
  EXPECT_EQ(p.grid.nx, 7);
  EXPECT_EQ(p.grid.ny, 9);
  EXPECT_DOUBLE_EQ(p.cells.mpc.speed_um_s, 20.0 / 3600);
  EXPECT_EQ(p.acid.buffer_mM, 30.0);
  EXPECT_EQ(p.acid.reference_mM, default_params().acid.reference_mM);
}

TEST(Overrides, ReplaceAnInvalidFileValueBeforeValidation) {
  // Validation runs after the overrides, so a --set can repair a
  // combination the file alone would reject.
  const Params p =
      load_config_text("run: {cell_step: 7 min}", "x.yaml", {"run.cell_step=15 min"}).params;
  EXPECT_EQ(p.run.cell_step_s, 900.0);
}

TEST(Overrides, Messages) {
  EXPECT_EQ(load_error("{}", {"fields.bmp.diffusion=-5 um^2/s"}),
            "x.yaml (from --set fields.bmp.diffusion=-5 um^2/s): fields.bmp.diffusion = "
            "\"-5 um^2/s\": must be in [0, 1e+06] um^2/s");
  EXPECT_EQ(load_error("{}", {"grid.vxel=20 um"}),
            "x.yaml (from --set grid.vxel=20 um): unknown key 'grid.vxel' (did you mean "
            "'grid.voxel'?)");
  EXPECT_EQ(load_error("{}", {"gird.voxel=20 um"}),
            "x.yaml (from --set gird.voxel=20 um): unknown key 'gird.voxel' (did you mean "
            "'grid.voxel'?)");
  EXPECT_EQ(load_error("{}", {"grid.nx"}),
            "x.yaml (from --set grid.nx): expected key.path=value, e.g. grid.nx=50");
  EXPECT_EQ(load_error("{}", {"=5"}),
            "x.yaml (from --set =5): expected key.path=value, e.g. grid.nx=50");
  EXPECT_EQ(load_error("{}", {"grid.nx=[1"}),
            "x.yaml (from --set grid.nx=[1): grid.nx = \"[1\": YAML syntax error: end of sequence "
            "flow not found");
  EXPECT_EQ(load_error("{}", {"grid=5"}),
            "x.yaml (from --set grid=5): grid = \"5\": must be a map of keys (nx, ny, nz, voxel, "
            "origin, mirror), e.g. grid={nx: ...}");
  EXPECT_EQ(load_error("{}", {"grid={nx: 2}"}),
            "x.yaml (from --set grid={nx: 2}): grid.nx = \"2\": must be in [3, 100000]");
  EXPECT_EQ(load_error("{}", {"output.snapshot_interval=25 min"}),
            "x.yaml (from --set output.snapshot_interval=25 min): output.snapshot_interval = "
            "\"25 min\": must be a positive integer multiple of run.cell_step = 900 s (15 min); "
            "the nearest valid value is 1800 s (30 min)");
}

// A sweep axis over a treatment's timing sets one setting of one entry.
TEST(Overrides, InterventionSetting) {
  const char* yaml =
      "interventions:\n"
      "  - {type: nsaid, start: 0 day, end: 14 day}\n"
      "  - {type: radiation, start: 3 day, dose: 7 Gy}\n";
  const Params p = load_config_text(yaml, "x.yaml",
                                    {"interventions[0].start=7 day", "interventions[1].dose=8 Gy",
                                     "interventions[1].fractions=[1, 2]",
                                     "interventions[0].region.radii={value: 2, unit: mm}"})
                       .params;
  ASSERT_EQ(p.interventions.size(), 2u);
  const auto& a = p.interventions[0].settings;
  ASSERT_EQ(a.size(), 4u);
  EXPECT_EQ(a[1].key, "start");
  EXPECT_EQ(a[1].items, (std::vector<std::string>{"7 day"}));
  EXPECT_EQ(a[1].where, "x.yaml (from --set interventions[0].start=7 day)");
  EXPECT_EQ(a[3].key, "region.radii");
  EXPECT_EQ(a[3].items, (std::vector<std::string>{"2 mm"}));
  const auto& b = p.interventions[1].settings;
  ASSERT_EQ(b.size(), 4u);
  EXPECT_EQ(b[2].items, (std::vector<std::string>{"8 Gy"}));
  EXPECT_TRUE(b[3].list);
  EXPECT_EQ(b[3].items, (std::vector<std::string>{"1", "2"}));
  // A replaced entry list is what later indices refer to.
  const Params q = load_config_text(yaml, "x.yaml",
                                    {"interventions=[{type: pemf, start: 1 day}]",
                                     "interventions[0].start=2 day"})
                       .params;
  ASSERT_EQ(q.interventions.size(), 1u);
  EXPECT_EQ(q.interventions[0].settings[1].items.front(), "2 day");
}

TEST(Overrides, InterventionSettingMessages) {
  const std::string yaml = "interventions: [{type: nsaid, start: 0 day}]";
  EXPECT_EQ(load_error(yaml, {"interventions[1].start=7 day"}),
            "x.yaml (from --set interventions[1].start=7 day): interventions[1].start: there is "
            "no intervention entry 1 (the config has 1 entry, numbered from 0)");
  EXPECT_EQ(load_error(yaml, {"interventions[x].start=7 day"}),
            "x.yaml (from --set interventions[x].start=7 day): 'interventions[x].start' is not a "
            "setting of an intervention entry; write interventions[N].key=value, e.g. "
            "interventions[0].start=7 day");
  EXPECT_EQ(load_error(yaml, {"interventions[0]=7"}),
            "x.yaml (from --set interventions[0]=7): 'interventions[0]' is not a setting of an "
            "intervention entry; write interventions[N].key=value, e.g. "
            "interventions[0].start=7 day");
  EXPECT_EQ(load_error(yaml, {"interventions[0].start={a: 1}"}),
            "x.yaml (from --set interventions[0].start={a: 1}): interventions[0].start = \"{a: "
            "1}\": give a plain value (e.g. 7 day) or a list of them");
}

}  // namespace
}  // namespace hosim
