// Point expansion: order, seeds, the Latin hypercube's strata, the Morris
// trajectories, and elementary effects of functions with known answers.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "config/sweep_spec.hpp"
#include "core/errors.hpp"
#include "io/run_output.hpp"
#include "sweep/collect.hpp"
#include "sweep/design.hpp"
#include "sweep/sweep.hpp"

namespace hosim {
namespace {

SweepSpec parse(const std::string& text) {
  return load_sweep_text(text, "s.yaml", "");
}

TEST(SweepDesign, GridOrderReplicatesInnermostLastAxisFastest) {
  const SweepSpec s = parse(
      "sweep: {base: b.yaml, replicates: 2, seed: 5}\n"
      "axes:\n"
      "  - {key: a.x, values: [1 nM, 2 nM, 3 nM]}\n"
      "  - {key: a.y, from: 1 um, to: 100 um, n: 3, scale: log}\n");
  const auto pts = expand_sweep(s);
  ASSERT_EQ(pts.size(), 18u);
  EXPECT_EQ(pts[0].values, (std::vector<std::string>{"1 nM", "1 um"}));
  EXPECT_EQ(pts[2].values, (std::vector<std::string>{"1 nM", "10 um"}));
  EXPECT_EQ(pts[5].values, (std::vector<std::string>{"1 nM", "100 um"}));
  EXPECT_EQ(pts[6].values, (std::vector<std::string>{"2 nM", "1 um"}));
  EXPECT_EQ(pts[17].values, (std::vector<std::string>{"3 nM", "100 um"}));
  for (std::size_t i = 0; i < pts.size(); ++i) {
    EXPECT_EQ(pts[i].index, static_cast<std::int64_t>(i));
    EXPECT_EQ(pts[i].parameter, static_cast<std::int64_t>(i / 2));
    EXPECT_EQ(pts[i].replicate, static_cast<int>(i % 2));
    EXPECT_EQ(pts[i].seed, derive_seed(5, i));
  }
  EXPECT_EQ(pts[7].numbers[0], 2.0);
  EXPECT_DOUBLE_EQ(pts[7].numbers[1], 1.0);
  EXPECT_TRUE(std::isnan(pts[7].unit[0]));
  EXPECT_EQ(pts[9].unit[1], 0.5);
  EXPECT_EQ(point_overrides(s, pts[3]),
            (std::vector<std::string>{"a.x=1 nM", "a.y=10 um",
                                      "run.seed=" + std::to_string(derive_seed(5, 3))}));
}

TEST(SweepDesign, SeedsDistinctStableAndCommonMode) {
  std::set<std::uint64_t> seen;
  for (std::uint64_t i = 0; i < 10000; ++i) {
    const std::uint64_t s = derive_seed(1, i);
    EXPECT_LT(s, 1ULL << 63);
    seen.insert(s);
  }
  EXPECT_EQ(seen.size(), 10000u);
  EXPECT_NE(derive_seed(1, 0), derive_seed(2, 0));
  // Fixed values: a change here silently changes every published sweep.
  EXPECT_EQ(derive_seed(7, 0), 8448309642319901628ULL);
  const SweepSpec s = parse(
      "sweep: {base: b.yaml, replicates: 3, seeds: common, seed: 9}\n"
      "axes: [{key: a.x, values: [1, 2]}]\n");
  const auto pts = expand_sweep(s);
  for (const auto& p : pts) EXPECT_EQ(p.seed, derive_seed(9, p.replicate));
}

TEST(SweepDesign, LatinHypercubeOnePointPerStratum) {
  const SweepSpec s = parse(
      "sweep: {base: b.yaml, design: latin_hypercube, samples: 50, seed: 3}\n"
      "axes:\n"
      "  - {key: a.x, from: 0, to: 10}\n"
      "  - {key: a.y, from: 1e-3 mM/s, to: 1 mM/s, scale: log}\n"
      "  - {key: a.n, from: 0, to: 49, integer: true}\n");
  const auto pts = expand_sweep(s);
  ASSERT_EQ(pts.size(), 50u);
  std::set<int> bins_x, bins_y;
  for (const auto& p : pts) {
    EXPECT_GE(p.numbers[0], 0.0);
    EXPECT_LE(p.numbers[0], 10.0);
    bins_x.insert(static_cast<int>(p.numbers[0] / 10.0 * 50));
    // Log scale: strata are equal in log space.
    bins_y.insert(static_cast<int>((std::log10(p.numbers[1]) + 3) / 3 * 50));
    EXPECT_EQ(p.numbers[2], std::round(p.numbers[2]));
    EXPECT_EQ(p.values[2].find('.'), std::string::npos);
    EXPECT_NE(p.values[1].find(" mM/s"), std::string::npos);
  }
  EXPECT_EQ(bins_x.size(), 50u);
  EXPECT_EQ(bins_y.size(), 50u);
  // Same seed, same design; another seed, another.
  EXPECT_EQ(expand_sweep(s)[17].values, pts[17].values);
  SweepSpec t = s;
  t.seed = 4;
  EXPECT_NE(expand_sweep(t)[17].values, pts[17].values);
}

TEST(SweepDesign, MorrisTrajectoriesMoveOneAxisByDelta) {
  const SweepSpec s = parse(
      "sweep: {base: b.yaml, design: morris, samples: 40, levels: 4, seed: 11}\n"
      "axes:\n"
      "  - {key: a.x, from: 0, to: 1}\n"
      "  - {key: a.y, from: 0, to: 1}\n"
      "  - {key: a.z, from: 0, to: 1}\n");
  const auto pts = expand_sweep(s);
  ASSERT_EQ(pts.size(), 40u * 4u);
  const double delta = morris_delta(4);
  EXPECT_DOUBLE_EQ(delta, 2.0 / 3.0);
  std::vector<int> level_count(4, 0);
  for (int t = 0; t < 40; ++t) {
    std::set<int> moved;
    for (int m = 0; m <= 3; ++m) {
      const auto& p = pts[static_cast<std::size_t>(t * 4 + m)];
      EXPECT_EQ(p.trajectory, t);
      EXPECT_EQ(p.step, m);
      for (double u : p.unit) {
        EXPECT_GE(u, 0.0);
        EXPECT_LE(u, 1.0);
        const double lv = u * 3;
        EXPECT_NEAR(lv, std::round(lv), 1e-12);
        ++level_count[static_cast<std::size_t>(std::lround(lv))];
      }
      if (m == 0) {
        EXPECT_EQ(p.changed_axis, -1);
        continue;
      }
      const auto& prev = pts[static_cast<std::size_t>(t * 4 + m - 1)];
      moved.insert(p.changed_axis);
      for (std::size_t a = 0; a < 3; ++a) {
        const double d = p.unit[a] - prev.unit[a];
        if (static_cast<int>(a) == p.changed_axis)
          EXPECT_NEAR(d, p.direction * delta, 1e-12);
        else
          EXPECT_EQ(d, 0.0);
      }
    }
    EXPECT_EQ(moved.size(), 3u);  // every axis moves once per trajectory
  }
  // Every level visited about equally often (4 levels, 480 visits).
  for (int c : level_count) EXPECT_NEAR(c, 120, 40);
}

TEST(SweepDesign, MorrisEffectsOfKnownFunctions) {
  // y = 3 x + 0 y + z^2 on the unit cube: x's effect is exactly 3 everywhere
  // (sigma 0), y's is 0, z's varies with z (sigma > 0).
  const SweepSpec s = parse(
      "sweep: {base: b.yaml, design: morris, samples: 30, levels: 4, seed: 2, replicates: 2}\n"
      "axes:\n"
      "  - {key: x, from: 0, to: 1}\n"
      "  - {key: y, from: 0, to: 1}\n"
      "  - {key: z, from: 0, to: 1}\n");
  const auto pts = expand_sweep(s);
  const std::size_t np = pts.size() / 2;
  std::vector<double> y(np);
  std::vector<int> step(np), changed(np), dir(np);
  for (const auto& p : pts) {
    const auto k = static_cast<std::size_t>(p.parameter);
    y[k] = 3 * p.unit[0] + p.unit[2] * p.unit[2];
    step[k] = p.step;
    changed[k] = p.changed_axis;
    dir[k] = p.direction;
  }
  const auto rows = morris_effects(y, step, changed, dir, {"x", "y", "z"}, morris_delta(4));
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].effects, 30);
  EXPECT_NEAR(rows[0].mu, 3.0, 1e-12);
  EXPECT_NEAR(rows[0].mu_star, 3.0, 1e-12);
  EXPECT_NEAR(rows[0].sigma, 0.0, 1e-12);
  EXPECT_EQ(rows[1].mu_star, 0.0);
  // z^2 with Δ = 2/3 from levels 0 or 1/3: effect (2z + Δ) is 2/3 or 4/3.
  EXPECT_GT(rows[2].mu_star, 0.6);
  EXPECT_LT(rows[2].mu_star, 1.4);
  EXPECT_GT(rows[2].sigma, 0.1);
  // An unknown response drops its effects, it does not poison the others.
  y[5] = std::nan("");
  const auto partial = morris_effects(y, step, changed, dir, {"x", "y", "z"}, morris_delta(4));
  EXPECT_EQ(partial[0].effects + partial[1].effects + partial[2].effects, 88);
}

TEST(SweepDesign, TooManyPointsRefusedBeforeExpansion) {
  const SweepSpec s = parse(
      "sweep: {base: b.yaml, replicates: 100}\n"
      "axes: [{key: a, from: 0, to: 1, n: 1000}, {key: b, from: 0, to: 1, n: 1000}]\n");
  EXPECT_THROW((void)expand_sweep(s), ConfigError);
}

// A treatment-timing axis reaches the point's config and changes its hash.
TEST(SweepDesign, PointConfigsCarryTheAxisValues) {
  Sweep sw;
  sw.spec = load_sweep_text("sweep: {base: " HOSIM_SOURCE_DIR
                            "/configs/teaching_2d.yaml, seed: 1}\n"
                            "axes:\n"
                            "  - {key: 'interventions[0].start', values: [0 day, 14 day]}\n"
                            "  - {key: bmp.half_max, from: 0.2 nM, to: 0.4 nM, n: 2}\n",
                            "s.yaml", "");
  sw.base_text =
      "run: {name: base}\n"
      "interventions: [{type: nsaid, preset: indomethacin, start: 0 day, end: 20 day}]\n";
  sw.points = expand_sweep(sw.spec);
  ASSERT_EQ(sw.points.size(), 4u);
  std::set<std::string> hashes;
  for (const auto& p : sw.points) {
    const LoadedConfig c = point_config(sw, p);
    EXPECT_EQ(c.params.run.seed, p.seed);
    EXPECT_EQ(c.params.interventions[0].settings[2].items.front(), p.values[0]);
    hashes.insert(text_hash(c.resolved_yaml));
  }
  EXPECT_EQ(hashes.size(), 4u);
  EXPECT_DOUBLE_EQ(point_config(sw, sw.points[3]).params.bmp.half_max_nM, 0.4);
  sw.points[0].values[1] = "-1 nM";
  EXPECT_THROW((void)point_config(sw, sw.points[0]), ConfigError);
}

}  // namespace
}  // namespace hosim

namespace hosim {
namespace {

const char* kCohort =
    "sweep: {base: b.yaml, design: cohort, samples: 4000, seed: 8,\n"
    "        outcome: {readout: ho_volume_mm3, above: 0.001 mm^3}}\n"
    "groups:\n"
    "  - name: sex\n"
    "    levels:\n"
    "      - {label: male, p: 0.8, set: {risk.bmp_expression: 1.2}}\n"
    "      - {label: female, p: 0.2}\n"
    "  - name: injury\n"
    "    levels:\n"
    "      - {label: sci, p: 0.5, set: {risk.inflammation: 1.5, risk.mobilisation: 1.5}}\n"
    "      - {label: tbi, p: 0.3, set: {risk.inflammation: 1.3, risk.mobilisation: 2}}\n"
    "      - {label: trauma, p: 0.2}\n"
    "axes:\n"
    "  - {key: bmp.half_max, distribution: lognormal, median: 0.3 nM, gsd: 1.5}\n"
    "  - {key: acid.buffer, distribution: normal, mean: 25 mM, sd: 5, min: 20 mM}\n"
    "  - {key: grid.nx, distribution: uniform, from: 50, to: 60, integer: true}\n";

TEST(SweepCohort, LevelsFollowTheirProbabilitiesAndAxesTheirDistributions) {
  const SweepSpec s = load_sweep_text(kCohort, "c.yaml", "");
  EXPECT_EQ(s.design, SweepDesign::Cohort);
  ASSERT_EQ(s.groups.size(), 2u);
  EXPECT_EQ(s.groups[1].levels[1].set,
            (std::vector<std::string>{"risk.inflammation=1.3", "risk.mobilisation=2"}));
  EXPECT_TRUE(s.has_outcome);
  EXPECT_EQ(s.outcome.above, 0.001);
  EXPECT_EQ(s.outcome.unit, "mm^3");
  EXPECT_EQ(s.axes[1].unit, "mM");
  const auto pts = expand_sweep(s);
  ASSERT_EQ(pts.size(), 4000u);
  int male = 0, sci = 0, tbi = 0, below_median = 0;
  double log_sum = 0, log_sq = 0;
  for (const auto& p : pts) {
    male += p.levels[0] == 0;
    sci += p.levels[1] == 0;
    tbi += p.levels[1] == 1;
    const double b = p.numbers[0];
    below_median += b < 0.3;
    log_sum += std::log(b);
    log_sq += std::log(b) * std::log(b);
    EXPECT_GE(p.numbers[1], 20.0);  // truncated below at min
    EXPECT_GE(p.numbers[2], 50.0);
    EXPECT_LE(p.numbers[2], 60.0);
    EXPECT_EQ(p.numbers[2], std::round(p.numbers[2]));
  }
  // Binomial 3-sigma bands.
  EXPECT_NEAR(male, 3200, 3 * std::sqrt(4000 * 0.8 * 0.2));
  EXPECT_NEAR(sci, 2000, 3 * std::sqrt(4000 * 0.25));
  EXPECT_NEAR(tbi, 1200, 3 * std::sqrt(4000 * 0.3 * 0.7));
  EXPECT_NEAR(below_median, 2000, 3 * std::sqrt(1000.0));
  const double n = 4000, mean_log = log_sum / n;
  EXPECT_NEAR(mean_log, std::log(0.3), 0.03);
  EXPECT_NEAR(std::sqrt(log_sq / n - mean_log * mean_log), std::log(1.5), 0.02);
  // The overrides: fixed, then the levels' settings, then axes, then the seed.
  const auto& p = pts[0];
  const auto sets = point_overrides(s, p);
  std::size_t expected = (p.levels[0] == 0 ? 1u : 0u) + (p.levels[1] < 2 ? 2u : 0u) + 3 + 1;
  EXPECT_EQ(sets.size(), expected);
  EXPECT_EQ(sets.back(), "run.seed=" + std::to_string(p.seed));
  // A patient is the same whatever the cohort's size.
  SweepSpec smaller = s;
  smaller.samples = 10;
  const auto few = expand_sweep(smaller);
  EXPECT_EQ(few[7].values, pts[7].values);
  EXPECT_EQ(few[7].levels, pts[7].levels);
}

TEST(SweepCohort, StatedRatesAndWilsonIntervals) {
  const SweepSpec s = load_sweep_text(
      "sweep: {base: b.yaml, design: cohort, samples: 5,\n"
      "        outcome: {readout: radiograph_visible, above: 0.5, expected: [20 %, 30 %]}}\n"
      "groups:\n"
      "  - name: sex\n"
      "    levels: [{label: male, p: 0.8, expected: 0.23}, {label: female, p: 0.2}]\n",
      "c.yaml", "");
  EXPECT_TRUE(s.outcome.expected.given);
  EXPECT_DOUBLE_EQ(s.outcome.expected.lo, 0.2);
  EXPECT_DOUBLE_EQ(s.outcome.expected.hi, 0.3);
  EXPECT_DOUBLE_EQ(s.groups[0].levels[0].expected.lo, 0.23);
  EXPECT_DOUBLE_EQ(s.groups[0].levels[0].expected.hi, 0.23);
  EXPECT_FALSE(s.groups[0].levels[1].expected.given);
  // Wilson (1927) score interval at 95 %: 23 of 100, and 0 of 10.
  const auto [lo, hi] = wilson_interval(23, 100);
  EXPECT_NEAR(lo, 0.15843, 1e-4);
  EXPECT_NEAR(hi, 0.32155, 1e-4);
  const auto [lo0, hi0] = wilson_interval(0, 10);
  EXPECT_EQ(lo0, 0.0);
  EXPECT_NEAR(hi0, 3.8415 / 13.8415, 1e-4);
  EXPECT_TRUE(std::isnan(wilson_interval(0, 0).first));
  // Exact ends, with no rounding residue (0 of 9 gave 2.8e-17 before).
  for (int n = 1; n < 200; ++n) {
    EXPECT_EQ(wilson_interval(0, n).first, 0.0) << n;
    EXPECT_EQ(wilson_interval(n, n).second, 1.0) << n;
  }
}

// Risk factors on the liability scale: each level's shift moves the axis
// draw of its patients, shifts of two groups add, and truncation applies to
// the moved value.
TEST(SweepCohort, LevelShiftsMoveTheDrawAndAdd) {
  const SweepSpec s = load_sweep_text(
      "sweep: {base: b.yaml, design: cohort, samples: 8000, seed: 3}\n"
      "groups:\n"
      "  - name: sex\n"
      "    levels: [{label: m, p: 0.5, shift: {injury.vessel_damage: 0.1}}, {label: f, p: 0.5}]\n"
      "  - name: lesion\n"
      "    levels: [{label: complete, p: 0.5, shift: {injury.vessel_damage: 0.2, acid.buffer: "
      "-5 mM}},\n"
      "             {label: incomplete, p: 0.5}]\n"
      "axes:\n"
      "  - {key: injury.vessel_damage, distribution: normal, mean: 0.5, sd: 0.1, max: 0.75}\n"
      "  - {key: acid.buffer, distribution: uniform, from: 30 mM, to: 50 mM}\n",
      "c.yaml", "");
  ASSERT_EQ(s.groups[1].levels[0].shift.size(), 2u);
  EXPECT_EQ(s.groups[1].levels[0].shift[1].key, "acid.buffer");
  EXPECT_EQ(s.groups[1].levels[0].shift[1].by, -5.0);
  const auto pts = expand_sweep(s);
  double sum[2][2] = {}, buffer_lo[2] = {1e9, 1e9}, buffer_hi[2] = {-1e9, -1e9};
  int n[2][2] = {}, above[2][2] = {};
  for (const auto& p : pts) {
    const int m = p.levels[0] == 0, c = p.levels[1] == 0;
    ++n[m][c];
    sum[m][c] += p.numbers[0];
    above[m][c] += p.numbers[0] > 0.7;
    EXPECT_LE(p.numbers[0], 0.75);  // the moved value is truncated
    buffer_lo[c] = std::min(buffer_lo[c], p.numbers[1]);
    buffer_hi[c] = std::max(buffer_hi[c], p.numbers[1]);
  }
  // Incomplete lesions: the mean of a normal truncated above at 0.75,
  // mu - sd phi(b) / Phi(b) with b = (0.75 - mu) / sd, within 4 standard errors.
  const auto Phi = [](double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); };
  const auto phi = [](double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * M_PI); };
  const auto truncated_mean = [&](double mu) {
    const double b = (0.75 - mu) / 0.1;
    return mu - 0.1 * phi(b) / Phi(b);
  };
  EXPECT_NEAR(sum[0][0] / n[0][0], truncated_mean(0.5), 4 * 0.1 / std::sqrt(n[0][0]));
  EXPECT_NEAR(sum[1][0] / n[1][0], truncated_mean(0.6), 4 * 0.1 / std::sqrt(n[1][0]));
  // Complete lesions: women have mean 0.7, so P(x > 0.7) = (Phi(0.5) -
  // Phi(0)) / Phi(0.5); men 0.8 (the two shifts add), so (Phi(-0.5) -
  // Phi(-1)) / Phi(-0.5).
  const double p_f = (Phi(0.5) - Phi(0.0)) / Phi(0.5);
  const double p_m = (Phi(-0.5) - Phi(-1.0)) / Phi(-0.5);
  EXPECT_NEAR(static_cast<double>(above[0][1]) / n[0][1], p_f,
              4 * std::sqrt(p_f * (1 - p_f) / n[0][1]));
  EXPECT_NEAR(static_cast<double>(above[1][1]) / n[1][1], p_m,
              4 * std::sqrt(p_m * (1 - p_m) / n[1][1]));
  // A uniform axis moved by -5 mM covers [25, 45] mM.
  EXPECT_GE(buffer_lo[1], 25.0);
  EXPECT_LT(buffer_lo[1], 25.1);
  EXPECT_LE(buffer_hi[1], 45.0);
  EXPECT_GT(buffer_hi[1], 44.9);
  EXPECT_GE(buffer_lo[0], 30.0);
}

TEST(SweepCohort, Messages) {
  const auto error_of = [](const std::string& text) -> std::string {
    try {
      (void)load_sweep_text(text, "c.yaml", "");
    } catch (const ConfigError& e) {
      return e.what();
    }
    return "(no error)";
  };
  const std::string head = "sweep: {base: b.yaml, design: cohort, samples: 5}\n";
  EXPECT_EQ(error_of(head + "groups: [{name: sex, levels: [{label: m, p: 0.7}, {label: f, p: "
                            "0.2}]}]\n"),
            "c.yaml:2: groups[0] (sex): the level probabilities add up to 0.9, not 1");
  EXPECT_EQ(error_of(head + "axes: [{key: k, distribution: gamma, mean: 1}]\n"),
            "c.yaml:2: axes[0].distribution = \"gamma\": must be normal, lognormal or uniform");
  EXPECT_EQ(error_of(head + "axes: [{key: k, distribution: lognormal, median: 1 nM}]\n"),
            "c.yaml:2: axes[0] (k): the lognormal distribution needs gsd");
  EXPECT_EQ(error_of(head + "axes: [{key: k, distribution: normal, mean: 1 nM, sd: 1 uM}]\n"),
            "c.yaml:2: axes[0] (k): sd is in 'uM' but the axis in 'nM'; write the axis in one "
            "unit");
  EXPECT_EQ(error_of(head + "axes: [{key: k, distribution: normal, mean: 1, sd: 1, median: 1}]\n"),
            "c.yaml:2: axes[0].median does not apply to a normal distribution");
  EXPECT_EQ(error_of(head + "axes: [{key: k, values: [1]}]\n"),
            "c.yaml:2: unknown key 'axes[0].values' (valid: key, distribution, mean, sd, median, "
            "gsd, from, to, unit, min, max, integer)");
  EXPECT_EQ(error_of("sweep: {base: b.yaml}\ngroups: []\naxes: [{key: k, values: [1]}]\n"),
            "c.yaml:2: groups: apply to the cohort design only");
  EXPECT_EQ(error_of(head + "groups: [{name: a, levels: [{label: x, p: 1, set: {k: 1}}]}]\n"
                            "axes: [{key: k, distribution: uniform, from: 0, to: 1}]\n"),
            "c.yaml:3: axes[0]: k is already set at c.yaml:2; a key takes one place");
  EXPECT_EQ(error_of(head + "groups: [{name: a, levels: [{label: x, p: 1, shift: {k: 1}}]}]\n"
                            "axes: [{key: j, distribution: uniform, from: 0, to: 1}]\n"),
            "c.yaml:2: group 'a', level 'x' shifts k, which is not an axis of this cohort; a "
            "shift moves an axis's draw, so add the axis under axes:");
  EXPECT_EQ(error_of(head + "groups: [{name: a, levels: [{label: x, p: 1, shift: {k: 1 uM}}]}]\n"
                            "axes: [{key: k, distribution: normal, mean: 1 nM, sd: 1 nM}]\n"),
            "c.yaml:2: group 'a', level 'x' shifts k by an amount in 'uM' but the axis is in "
            "'nM'; write it in the axis unit");
  EXPECT_EQ(error_of(head + "groups: [{name: a, levels: [{label: x, p: 1, shift: {k: 1}}]}]\n"
                            "axes: [{key: k, distribution: lognormal, median: 1, gsd: 2}]\n"),
            "c.yaml:2: group 'a', level 'x' shifts k, a lognormal axis; shift a normal or "
            "uniform axis (a lognormal factor would change its median, not add to it)");
  EXPECT_EQ(error_of(head),
            "c.yaml:1: axes: must be a non-empty list, e.g. axes: [{key: "
            "bmp.half_max, values: [0.2 nM, 0.3 nM]}]");
}

}  // namespace
}  // namespace hosim
