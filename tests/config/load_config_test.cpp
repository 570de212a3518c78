// Loading configs: values and units, defaults, files, and the exact text of
// the error messages users see.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "config/config.hpp"
#include "config/number_format.hpp"
#include "config/param_table.hpp"
#include "core/errors.hpp"
#include "test_util.hpp"

namespace hosim {
namespace {

using test::kExampleYaml;
using test::load_error;

const std::string kValidMeshes =
    "all, o2, acid, bmp, noggin, inflammation, ros, phosphate, cell_type, anatomy, injured, "
    "muscle, necrosis, haemorrhage, vessels, fibrous, cartilage, osteoid, mineral, maturity, ph, "
    "alp, radiograph";

TEST(LoadConfig, ExampleConvertsToCanonicalUnits) {
  const LoadedConfig c = load_config_text(kExampleYaml, "example.yaml");
  const Params& p = c.params;
  EXPECT_EQ(p.run.name, "ho_2d");
  EXPECT_EQ(p.run.seed, 1u);
  EXPECT_EQ(p.run.duration_s, 60 * 86400.0);
  EXPECT_EQ(p.run.cell_step_s, 900.0);
  EXPECT_EQ(p.grid.nx, 100);
  EXPECT_EQ(p.grid.ny, 100);
  EXPECT_EQ(p.grid.nz, 1);
  EXPECT_EQ(p.grid.voxel_um, 20.0);
  EXPECT_EQ(p.output.snapshot_interval_s, 86400.0);
  EXPECT_EQ(p.output.timeseries_interval_s, 21600.0);
  EXPECT_EQ(p.output.checkpoint_interval_s, 864000.0);
  EXPECT_EQ(p.output.fields, std::vector<std::string>{"all"});
  // Every field of the model exists, whether or not the config names it.
  ASSERT_EQ(p.transport.fields.size(), 7u);
  const FieldParams* f = p.field("bmp");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->unit, "nM");
  EXPECT_EQ(f->diffusion_um2_s, 10.0);
  EXPECT_EQ(f->decay_per_s, 1.6e-5);
  EXPECT_EQ(f->boundary, BoundaryKind::ZeroFlux);
  const FieldParams* o2 = p.field("o2");
  ASSERT_NE(o2, nullptr);
  EXPECT_EQ(o2->unit, "mmHg");
  EXPECT_EQ(o2->diffusion_um2_s, 2000.0);
  EXPECT_EQ(o2->boundary, BoundaryKind::Dirichlet);
  EXPECT_EQ(o2->initial, 45.0);
  EXPECT_EQ(p.injury.radii_um, (std::array<double, 3>{300, 300, 300}));
  EXPECT_EQ(p.cells.mpc.doubling_time_s, 14.5 * 3600);
  EXPECT_DOUBLE_EQ(p.cells.mpc.speed_um_s, 30.0 / 3600);
  EXPECT_DOUBLE_EQ(p.cells.mpc.death_rate_per_s, 0.05 / 86400);
  EXPECT_DOUBLE_EQ(p.cells.mpc.anoxic_death_rate_per_s, 0.5 / 86400);
  EXPECT_DOUBLE_EQ(p.cells.mpc.commit_rate_per_s, 0.3 / 86400);
  EXPECT_DOUBLE_EQ(p.cells.neutrophil.speed_um_s, 60.0 / 3600);
  EXPECT_DOUBLE_EQ(p.cells.osteoblast.death_rate_per_s, 0.16 / 86400);
  EXPECT_EQ(p.oxygen.hif_half_mmHg, 13.0);
  EXPECT_EQ(p.acid.injury_load_mM, 24.0);
  EXPECT_EQ(p.bmp.noggin_binding_per_nM_s, 1e-3);
  EXPECT_DOUBLE_EQ(p.vessels.growth_rate_per_s, 2.0 / 86400);
  EXPECT_DOUBLE_EQ(p.tissue.osteoid_apposition_um_s, 1.0 / 86400);
  EXPECT_EQ(p.tissue.mineral_lag_s, 14 * 86400.0);
  EXPECT_DOUBLE_EQ(p.recruitment.neutrophil_rate_per_s, 2.0 / 3600);
  EXPECT_EQ(p.recruitment.neutrophil_window_s, 0.5 * 86400);
  EXPECT_EQ(p.checks.negative_tolerance, 1e-9);
  EXPECT_EQ(c.source_name, "example.yaml");
  EXPECT_EQ(c.input_yaml, kExampleYaml);
  EXPECT_TRUE(c.overrides.empty());
}

TEST(LoadConfig, EmptyMapGivesDefaults) {
  const Params p = load_config_text("{}").params;
  const Params d = default_params();
  EXPECT_EQ(describe_resolved(p), describe_resolved(d));
  EXPECT_EQ(d.run.duration_s, 60 * 86400.0);
  EXPECT_EQ(d.run.cell_step_s, 900.0);
  EXPECT_EQ(d.grid.voxel_um, 20.0);
  ASSERT_NE(d.field("bmp"), nullptr);
  EXPECT_EQ(d.field("bmp")->diffusion_um2_s, 10.0);
  EXPECT_EQ(d.field("bmp")->decay_per_s, std::log(2.0) / (12 * 3600));
}

TEST(LoadConfig, OmittedKeysKeepDefaults) {
  const Params p = load_config_text("grid: {nx: 10}\nchecks:\n").params;
  EXPECT_EQ(p.grid.nx, 10);
  EXPECT_EQ(p.grid.ny, default_params().grid.ny);
  EXPECT_EQ(p.checks.negative_tolerance, default_params().checks.negative_tolerance);
}

TEST(LoadConfig, AnyUnitOfTheRightDimension) {
  const Params p = load_config_text(R"(
run: {duration: 2 week, cell_step: 0.25 h}
grid: {voxel: 0.05 mm, origin: [1 mm, 0 um, -20 um]}
fields:
  bmp: {diffusion: 1e-11 m^2/s, decay: 0.1 1/h, initial: 2 pM}
  o2: {initial: 5 kPa}
recruitment: {mpc_haemorrhage: 5 %}
bmp: {injury_burst: {value: 0.002, unit: uM}, noggin_binding: 1e6 1/(M*s)}
cells: {mpc: {speed: 0.5 um/min, anoxic_death_rate: 0.5 1/day}}
tissue: {osteoid_apposition: 7 um/week}
)")
                       .params;
  EXPECT_EQ(p.run.duration_s, 14 * 86400.0);
  EXPECT_EQ(p.run.cell_step_s, 900.0);
  EXPECT_EQ(p.grid.voxel_um, 50.0);
  EXPECT_EQ(p.grid.origin_um, (std::array<double, 3>{1000, 0, -20}));
  EXPECT_DOUBLE_EQ(p.field("bmp")->diffusion_um2_s, 10.0);
  EXPECT_DOUBLE_EQ(p.field("bmp")->decay_per_s, 0.1 / 3600);
  EXPECT_DOUBLE_EQ(p.field("bmp")->initial, 2e-3);
  EXPECT_NEAR(p.field("o2")->initial, 37.503, 1e-3);  // 1 kPa = 7.50062 mmHg
  EXPECT_DOUBLE_EQ(p.recruitment.mpc_haemorrhage, 0.05);
  EXPECT_DOUBLE_EQ(p.bmp.injury_burst_nM, 2.0);
  EXPECT_DOUBLE_EQ(p.bmp.noggin_binding_per_nM_s, 1e-3);
  EXPECT_DOUBLE_EQ(p.cells.mpc.speed_um_s, 30.0 / 3600);
  EXPECT_DOUBLE_EQ(p.cells.mpc.anoxic_death_rate_per_s, 0.5 / 86400);
  EXPECT_DOUBLE_EQ(p.tissue.osteoid_apposition_um_s, 1.0 / 86400);
}

TEST(LoadConfig, QuantityMapForms) {
  const Params p =
      load_config_text(
          "grid: {voxel: {value: 30, unit: um}, origin: {value: [1, 2, 3], unit: mm}}\n"
          "injury: {centre: [0.25, 0.5, 75 %]}\n")
          .params;
  EXPECT_EQ(p.grid.voxel_um, 30.0);
  EXPECT_EQ(p.grid.origin_um, (std::array<double, 3>{1000, 2000, 3000}));
  EXPECT_EQ(p.injury.centre_frac, (std::array<double, 3>{0.25, 0.5, 0.75}));
}

TEST(LoadConfig, OutputFieldsAcceptNamesAndAScalar) {
  EXPECT_EQ(load_config_text("output: {fields: [bmp, cell_type, anatomy, mineral, ph]}")
                .params.output.fields,
            (std::vector<std::string>{"bmp", "cell_type", "anatomy", "mineral", "ph"}));
  EXPECT_EQ(load_config_text("output: {fields: o2}").params.output.fields,
            std::vector<std::string>{"o2"});
}

TEST(LoadConfig, CheckpointIntervalZeroMeansOff) {
  EXPECT_EQ(
      load_config_text("output: {checkpoint_interval: 0 s}").params.output.checkpoint_interval_s,
      0.0);
}

// The exact messages of DESIGN.md §4: source and line, key, value as written,
// the allowed range with its unit.
TEST(LoadConfigMessages, OutOfRange) {
  EXPECT_EQ(load_error("fields:\n  bmp:\n    diffusion: -5 um^2/s\n"),
            "x.yaml:3: fields.bmp.diffusion = \"-5 um^2/s\": must be in [0, 1e+06] um^2/s");
  EXPECT_EQ(load_error("grid: {voxel: 0.5 mm}"),
            "x.yaml:1: grid.voxel = \"0.5 mm\": must be in [10, 100] um (got 500 um)");
  EXPECT_EQ(load_error("run:\n  duration: 0 day\n"),
            "x.yaml:2: run.duration = \"0 day\": must be in (0, 3.1536e+08] s (got 0 s)");
  EXPECT_EQ(load_error("grid: {nz: 0}"), "x.yaml:1: grid.nz = \"0\": must be in [1, 100000]");
}

TEST(LoadConfigMessages, UnknownKeyWithSuggestion) {
  EXPECT_EQ(load_error("run: {seed: 1}\ngrid:\n  nx: 10\n  vxel: 20 um\n"),
            "x.yaml:4: unknown key 'grid.vxel' (did you mean 'grid.voxel'?)");
  EXPECT_EQ(load_error("gird: {nx: 10}"), "x.yaml:1: unknown key 'gird' (did you mean 'grid'?)");
  EXPECT_EQ(load_error("voxel: 20 um"),
            "x.yaml:1: unknown key 'voxel' (did you mean 'grid.voxel'?)");
  EXPECT_EQ(load_error("grid: {zzz: 1}"),
            "x.yaml:1: unknown key 'grid.zzz'; valid keys under 'grid': nx, ny, nz, voxel, origin, "
            "mirror");
}

TEST(LoadConfigMessages, UnitProblems) {
  EXPECT_EQ(load_error("grid: {voxel: 20}"),
            "x.yaml:1: grid.voxel = \"20\": needs a unit, e.g. '20 um' (allowed: [10, 100] um)");
  EXPECT_EQ(
      load_error("cells: {mpc: {speed: 30}}"),
      "x.yaml:1: cells.mpc.speed = \"30\": needs a unit, e.g. '30 um/h' (allowed: [0, 0.277778] "
      "um/s)");
  EXPECT_EQ(load_error("grid: {voxel: 20 s}"),
            "x.yaml:1: grid.voxel = \"20 s\": wrong unit: cannot convert 's' (time) to 'um' "
            "(length) (allowed: [10, 100] um)");
  EXPECT_NE(load_error("grid: {voxel: 20 furlong}")
                .find("x.yaml:1: grid.voxel = \"20 furlong\": wrong unit: unknown unit 'furlong'"),
            std::string::npos);
}

TEST(LoadConfigMessages, StructuralProblems) {
  EXPECT_EQ(load_error(""),
            "x.yaml: the config is empty; expected a map of sections (run, grid, output, fields, "
            "injury, host_bone, cells, oxygen, acid, bmp, noggin, inflammation, ros, phosphate, "
            "precipitation, vessels, tissue, recruitment, risk, readouts, checks)");
  EXPECT_EQ(load_error("grid:\n  nx: 10\n  nx: 20\n"),
            "x.yaml:3: duplicate key 'grid.nx' (first given at x.yaml:2)");
  EXPECT_EQ(
      load_error("grid: 20"),
      "x.yaml:1: grid = \"20\": must be a map of keys (nx, ny, nz, voxel, origin, mirror), not a "
      "scalar");
  EXPECT_EQ(
      load_error("run: {seed: 1}\ngrid: {nx: [1, 2}\n").rfind("x.yaml:2: YAML syntax error: ", 0),
      0u);
  EXPECT_EQ(load_error("injury: {radii: [1 um, 2 um]}"),
            "x.yaml:1: injury.radii = \"[1 um, 2 um]\": must be a list of 3 quantities (x, y, z), "
            "e.g. [300 um, ...], not 2 values");
}

TEST(LoadConfigMessages, CrossParameterRules) {
  EXPECT_EQ(load_error("run: {cell_step: 15 min}\noutput: {snapshot_interval: 25 min}\n"),
            "x.yaml:2: output.snapshot_interval = \"25 min\": must be a positive integer multiple "
            "of run.cell_step = 900 s (15 min) (x.yaml:1); the nearest valid value is 1800 s (30 "
            "min)");
  EXPECT_EQ(load_error("cells: {mpc: {speed: 100 um/h}}"),
            "x.yaml:1: cells.mpc.speed = \"100 um/h\": migration hop probability cells.mpc.speed * "
            "run.cell_step / grid.voxel = 1.25 exceeds 1 (cells.mpc.speed = 0.0277778 um/s (100 "
            "um/h) (x.yaml:1), run.cell_step = 900 s (15 min), grid.voxel = 20 um); the largest "
            "valid run.cell_step is 720 s (12 min), or lower cells.mpc.speed to at most "
            "0.0222222 um/s (80 um/h)");
  EXPECT_EQ(load_error("run: {field_step: 20 min}"),
            "x.yaml:1: run.field_step = \"20 min\": must be 0 (every cell step) or a positive "
            "integer multiple of run.cell_step = 900 s (15 min); the nearest valid value is 900 s "
            "(15 min)");
  EXPECT_EQ(load_error("run: {field_step: 6 h}\nvessels: {spread: 0.05 um^2/s}"),
            "x.yaml:2: vessels.spread = \"0.05 um^2/s\": the explicit vessel-regrowth scheme is "
            "unstable: vessels.spread * run.field_step / grid.voxel^2 = 2.7 exceeds 1/4; the "
            "largest valid run.field_step is 2000 s (0.555556 h), or lower vessels.spread to at "
            "most 0.00462963 um^2/s");
  EXPECT_EQ(load_error("output: {fields: [bmp, oxygen]}"),
            "x.yaml:1: output.fields = \"[bmp, oxygen]\": unknown mesh 'oxygen'; valid names: " +
                kValidMeshes);
  EXPECT_EQ(load_error("output: {fields: [minral]}"),
            "x.yaml:1: output.fields = \"[minral]\": unknown mesh 'minral' (did you mean "
            "'mineral'?); valid names: " +
                kValidMeshes);
  EXPECT_EQ(load_error("output: {fields: [bmp, bmp]}"),
            "x.yaml:1: output.fields = \"[bmp, bmp]\": 'bmp' is listed twice");
}

TEST(LoadConfigMessages, HopProbabilityOfEveryMigratingCellType) {
  // A longer cell step breaks the two faster types (60 um/h) but not the
  // progenitors (30 um/h); the largest valid step named fixes both.
  EXPECT_EQ(load_error("run: {cell_step: 30 min}"),
            "x.yaml:1: run.cell_step = \"30 min\": migration hop probability "
            "cells.neutrophil.speed * run.cell_step / grid.voxel = 1.5 exceeds 1 "
            "(cells.neutrophil.speed = 0.0166667 um/s (60 um/h), run.cell_step = 1800 s (30 min) "
            "(x.yaml:1), grid.voxel = 20 um); the largest valid run.cell_step is 1200 s (20 min), "
            "or lower cells.neutrophil.speed to at most 0.0111111 um/s (40 um/h)");
  EXPECT_EQ(load_error("cells: {macrophage: {speed: 90 um/h}}"),
            "x.yaml:1: cells.macrophage.speed = \"90 um/h\": migration hop probability "
            "cells.macrophage.speed * run.cell_step / grid.voxel = 1.125 exceeds 1 "
            "(cells.macrophage.speed = 0.025 um/s (90 um/h) (x.yaml:1), run.cell_step = 900 s "
            "(15 min), grid.voxel = 20 um); the largest valid run.cell_step is 800 s (13.3333 "
            "min), or lower cells.macrophage.speed to at most 0.0222222 um/s (80 um/h)");
  // The fastest offender is named, whichever type it is.
  EXPECT_NE(load_error("cells: {mpc: {speed: 200 um/h}, neutrophil: {speed: 100 um/h}}")
                .find("migration hop probability cells.mpc.speed * run.cell_step / grid.voxel = "
                      "2.5 exceeds 1"),
            std::string::npos);
}

TEST(LoadConfigMessages, PerStepProbabilityOfRates) {
  EXPECT_EQ(load_error("cells: {chondrocyte: {hypertrophy_rate: 99 1/day}}"),
            "x.yaml:1: cells.chondrocyte.hypertrophy_rate = \"99 1/day\": per-step probability "
            "cells.chondrocyte.hypertrophy_rate * run.cell_step = 1.03125 exceeds 1 "
            "(run.cell_step = 900 s (15 min)); the largest valid run.cell_step is 872.727 s "
            "(14.5455 min)");
  EXPECT_EQ(load_error("recruitment: {neutrophil_rate: 10 1/h}"),
            "x.yaml:1: recruitment.neutrophil_rate = \"10 1/h\": per-step probability "
            "recruitment.neutrophil_rate * run.cell_step = 2.5 exceeds 1 (run.cell_step = 900 s "
            "(15 min)); the largest valid run.cell_step is 360 s (6 min)");
  // Recruitment and tissue kinetics act once per field step.
  EXPECT_EQ(load_error("run: {field_step: 1 h}\nrecruitment: {neutrophil_rate: 1.5 1/h}"),
            "x.yaml:2: recruitment.neutrophil_rate = \"1.5 1/h\": per-step probability "
            "recruitment.neutrophil_rate * run.field_step = 1.5 exceeds 1 (run.field_step = 3600 "
            "s (1 h) (x.yaml:1)); the largest valid run.field_step is 2400 s (0.666667 h)");
  EXPECT_EQ(load_error("cells: {mpc: {quiescent_doubling_time: 10 min}}"),
            "x.yaml:1: cells.mpc.quiescent_doubling_time = \"10 min\": per-step probability "
            "division rate ln2 / cells.mpc.quiescent_doubling_time * run.cell_step = 1.03972 "
            "exceeds 1 (run.cell_step = 900 s (15 min)); the largest valid run.cell_step is "
            "865.617 s (14.427 min)");
}

// Every rate that becomes a per-step probability (cells.*, recruitment.*,
// tissue.* in 1/s) is checked: with a one-day cell step, each at the top of
// its range and every other at zero must be rejected under its own name.
TEST(LoadConfigMessages, EveryCellRecruitmentAndTissueRateIsChecked) {
  const ParamTable& table = parameter_table();
  std::vector<std::string> rates;
  for (const auto& s : table.specs)
    if (s.unit == "1/s" && (s.key.rfind("cells.", 0) == 0 || s.key.rfind("recruitment.", 0) == 0 ||
                            s.key.rfind("tissue.", 0) == 0))
      rates.push_back(s.key);
  ASSERT_GE(rates.size(), 20u);
  std::vector<std::string> base{"run.cell_step=1 day",
                                "output.timeseries_interval=1 day",
                                "cells.mpc.speed=0 um/s",
                                "cells.neutrophil.speed=0 um/s",
                                "cells.macrophage.speed=0 um/s",
                                "cells.mpc.doubling_time=10 day",
                                "cells.mpc.quiescent_doubling_time=10 day",
                                "vessels.spread=0 um^2/s",
                                "vessels.growth_rate=0 1/s"};
  for (const auto& k : rates) base.push_back(k + "=0 1/s");
  ASSERT_EQ(load_error("{}", base), "(loaded without error)");
  for (const auto& k : rates) {
    SCOPED_TRACE(k);
    std::vector<std::string> sets = base;
    sets.push_back(k + "=" + format_exact(table.find(k)->hi) + " 1/s");
    EXPECT_NE(load_error("{}", sets)
                  .find(": " + k + " = \"" + format_exact(table.find(k)->hi) +
                        " 1/s\": per-step probability " + k + " * run.cell_step = "),
              std::string::npos)
        << load_error("{}", sets);
  }
}

TEST(LoadConfigMessages, DefaultValuesBlamedWithTheirSource) {
  // A cell step that no longer divides a default interval names that default.
  EXPECT_EQ(load_error("run: {cell_step: 7 min, duration: 70 min}"),
            "x.yaml (default): output.snapshot_interval = \"86400 s\": must be a positive integer "
            "multiple of run.cell_step = 420 s (7 min) (x.yaml:1); the nearest valid value is "
            "86520 s (1.00139 day)");
}

// The scenarios the project ships (configs/ and its subfolders) load and
// validate as they are.
TEST(ShippedConfigs, EveryConfigLoads) {
  namespace fs = std::filesystem;
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(HOSIM_SOURCE_DIR) / "configs"))
    if (e.path().extension() == ".yaml") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_FALSE(files.empty());
  for (const auto& f : files) {
    SCOPED_TRACE(fs::relative(f, HOSIM_SOURCE_DIR).string());
    try {
      (void)load_config_file(f.string());
    } catch (const Error& e) {
      ADD_FAILURE() << e.what();
    }
  }
}

TEST(LoadConfigFile, MissingFileIsBadInput) {
  try {
    (void)load_config_file("/nonexistent/dir/none.yaml");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()), "config file '/nonexistent/dir/none.yaml' does not exist");
    EXPECT_EQ(e.code(), ExitCode::BadInput);
  }
}

TEST(LoadConfigFile, DirectoryIsBadInput) {
  EXPECT_THROW((void)load_config_file(HOSIM_SOURCE_DIR), ConfigError);
}

TEST(LoadConfigFile, UnreadableFileIsIoError) {
  namespace fs = std::filesystem;
  const fs::path path = fs::temp_directory_path() / "hosim_config_test_unreadable.yaml";
  { std::ofstream(path) << "grid: {nx: 10}\n"; }
  fs::permissions(path, fs::perms::none);
  if (std::ifstream(path).good()) {  // root reads anything
    fs::remove(path);
    GTEST_SKIP() << "running with permission to read any file";
  }
  EXPECT_THROW((void)load_config_file(path.string()), IoError);
  fs::remove(path);
}

TEST(LoadConfigFile, ReadsAFile) {
  namespace fs = std::filesystem;
  const fs::path path = fs::temp_directory_path() / "hosim_config_test_ok.yaml";
  { std::ofstream(path) << "grid: {nx: 12}\n"; }
  const LoadedConfig c = load_config_file(path.string(), {"grid.ny=13"});
  EXPECT_EQ(c.params.grid.nx, 12);
  EXPECT_EQ(c.params.grid.ny, 13);
  EXPECT_EQ(c.source_name, path.string());
  EXPECT_EQ(c.input_yaml, "grid: {nx: 12}\n");
  EXPECT_EQ(c.overrides, std::vector<std::string>{"grid.ny=13"});
  fs::remove(path);
}

}  // namespace
}  // namespace hosim
