// SWEEP.yaml parsing: what a valid spec yields and the messages of bad ones.
#include <gtest/gtest.h>

#include "config/sweep_spec.hpp"
#include "core/errors.hpp"

namespace hosim {
namespace {

SweepSpec parse(const std::string& text) {
  return load_sweep_text(text, "s.yaml", "/cfg");
}

std::string error_of(const std::string& text) {
  try {
    (void)parse(text);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SweepSpec, FullGrid) {
  const SweepSpec s = parse(R"(
sweep:
  name: timing
  base: ../configs/teaching_2d.yaml
  set: {run.duration: 20 day, output.fields: [bmp, mineral]}
  replicates: 3
  seed: 42
  seeds: common
axes:
  - key: interventions[0].start
    values: [0 day, {value: 14, unit: day}]
  - {key: acid.necrosis_release, from: 5e-4 mM/s, to: 2e-3, n: 4, scale: log}
  - {key: grid.nx, from: 50, to: 80, n: 2, integer: true}
)");
  EXPECT_EQ(s.name, "timing");
  EXPECT_EQ(s.base, "/configs/teaching_2d.yaml");
  EXPECT_EQ(s.set,
            (std::vector<std::string>{"run.duration=20 day", "output.fields=[bmp, mineral]"}));
  EXPECT_EQ(s.design, SweepDesign::Grid);
  EXPECT_EQ(s.replicates, 3);
  EXPECT_EQ(s.seed, 42u);
  EXPECT_EQ(s.seeds, SeedMode::Common);
  ASSERT_EQ(s.axes.size(), 3u);
  EXPECT_EQ(s.axes[0].values, (std::vector<std::string>{"0 day", "14 day"}));
  EXPECT_FALSE(s.axes[0].range);
  EXPECT_TRUE(s.axes[1].range);
  EXPECT_EQ(s.axes[1].unit, "mM/s");
  EXPECT_EQ(s.axes[1].from, 5e-4);
  EXPECT_EQ(s.axes[1].to, 2e-3);
  EXPECT_EQ(s.axes[1].n, 4);
  EXPECT_EQ(s.axes[1].scale, AxisScale::Log);
  EXPECT_TRUE(s.axes[2].integer);
  EXPECT_EQ(s.axes[2].unit, "");
  EXPECT_EQ(s.axes[1].where, "s.yaml:12");
}

TEST(SweepSpec, DefaultsAndSampledDesigns) {
  const SweepSpec s = parse(
      "sweep: {base: b.yaml, design: morris, samples: 10, levels: 6}\n"
      "axes: [{key: bmp.half_max, from: 0.1 nM, to: 1 nM}]\n");
  EXPECT_EQ(s.name, "s");  // the file's stem
  EXPECT_EQ(s.replicates, 1);
  EXPECT_EQ(s.seeds, SeedMode::PerPoint);
  EXPECT_EQ(s.samples, 10);
  EXPECT_EQ(s.levels, 6);
  EXPECT_EQ(s.axes[0].n, 0);
}

TEST(SweepSpec, Messages) {
  const std::string axis = "axes: [{key: bmp.half_max, values: [1 nM]}]\n";
  EXPECT_EQ(error_of("sweep: {base: b.yaml, replicate: 2}\n" + axis),
            "s.yaml:1: unknown key 'sweep.replicate' (did you mean 'replicates'?)");
  EXPECT_EQ(error_of("sweep: {name: x}\n" + axis),
            "s.yaml:1: sweep.base is missing: give the base config the points start from, e.g. "
            "base: ../../configs/teaching_2d.yaml");
  EXPECT_EQ(error_of("sweep: {base: b.yaml, design: sobol}\n" + axis),
            "s.yaml:1: sweep.design = \"sobol\": must be one of grid, latin_hypercube, morris, "
            "cohort");
  EXPECT_EQ(error_of("sweep: {base: b.yaml, replicates: 0}\n" + axis),
            "s.yaml:1: sweep.replicates = \"0\": must be an integer in [1, 10000]");
  EXPECT_EQ(error_of("sweep: {base: b.yaml, design: latin_hypercube}\n" + axis),
            "s.yaml:1: sweep.samples is missing: the latin_hypercube design needs a sample count "
            "(points)");
  EXPECT_EQ(error_of("sweep: {base: b.yaml, samples: 4}\n" + axis),
            "s.yaml:1: sweep.samples applies to the latin_hypercube, morris and cohort designs; a "
            "grid takes n on each range axis");
  EXPECT_EQ(error_of("sweep: {base: b.yaml, design: morris, samples: 4, levels: 5}\n" + axis),
            "s.yaml:1: sweep.levels = \"5\": must be even (Morris 1991: the step is levels / (2 "
            "(levels - 1)), which keeps every level equally likely)");
  EXPECT_EQ(error_of("sweep: {base: b.yaml, design: morris, samples: 4}\n" + axis),
            "s.yaml:2: axes[0] (bmp.half_max): the morris design samples ranges; give from: and "
            "to: instead of a list");
  EXPECT_EQ(error_of("sweep: {base: b.yaml}\naxes: [{key: k, values: [1], from: 0}]\n"),
            "s.yaml:2: axes[0] (k): give either values: [...] or a range from: ... to: ... (not "
            "both)");
  EXPECT_EQ(error_of("sweep: {base: b.yaml}\naxes: [{key: k, from: 0, to: 1}]\n"),
            "s.yaml:2: axes[0] (k): a grid range needs n, the number of values");
  EXPECT_EQ(error_of("sweep: {base: b.yaml}\naxes: [{key: k, from: 0, to: 1, n: 2, scale: log}]\n"),
            "s.yaml:2: axes[0] (k): a log scale needs from and to above 0");
  EXPECT_EQ(error_of("sweep: {base: b.yaml}\naxes: [{key: k, from: 1 nM, to: 2 uM, n: 2}]\n"),
            "s.yaml:2: axes[0] (k): to is in 'uM' but the axis in 'nM'; write both ends in one "
            "unit");
  EXPECT_EQ(error_of("sweep: {base: b.yaml}\naxes: [{key: k, from: x, to: 2, n: 2}]\n"),
            "s.yaml:2: axes[0].from = \"x\": must be a number with an optional unit, e.g. 0.3 nM");
  EXPECT_EQ(error_of("sweep: {base: b.yaml, set: {k: 1}}\naxes: [{key: k, values: [2]}]\n"),
            "s.yaml:2: axes[0]: k is already set at sweep.set; a key takes one place");
  EXPECT_EQ(error_of("sweep: {base: b.yaml}\naxes: []\n"),
            "s.yaml:2: axes: must be a non-empty list, e.g. axes: [{key: bmp.half_max, values: "
            "[0.2 nM, 0.3 nM]}]");
  EXPECT_EQ(error_of("sweep: {base: b.yaml}\nsweeps: 1\n" + axis),
            "s.yaml:2: unknown key '(top level).sweeps' (did you mean 'sweep'?)");
  EXPECT_EQ(error_of("sweep: [1\n"), "s.yaml:2: YAML syntax error: end of sequence flow not found");
}

TEST(SweepSpec, MissingFileIsBadInput) {
  try {
    (void)load_sweep_file("/nonexistent/s.yaml");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "sweep file '/nonexistent/s.yaml' does not exist");
  }
}

}  // namespace
}  // namespace hosim
