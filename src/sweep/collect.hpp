#pragma once
// `hosim collect SWEEPDIR`: one table of every point's parameters, status and
// final readouts (summary.json), the failures, and for a Morris design the
// elementary effects of each axis on chosen responses.
//
// Writes SWEEPDIR/collected.csv, SWEEPDIR/failures.csv, SWEEPDIR/collected.h5
// (/points and /failures, one dataset per column, units as attributes) and,
// for Morris, SWEEPDIR/morris.csv; for a cohort, SWEEPDIR/incidence.csv. Nothing machine-dependent
// (wall time, threads) enters the tables, so the same sweep collects to identical files whichever
// runner ran it.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace hosim {

struct MorrisRow {
  std::string response, response_unit, key;
  int effects = 0;     // elementary effects used (complete pairs)
  double mu = 0;       // mean elementary effect
  double mu_star = 0;  // mean absolute elementary effect (Campolongo et al. 2007)
  double sigma = 0;    // standard deviation of the effects (n - 1)
};

// Cohort incidence: patients with the outcome (readout above threshold)
// among those finished, per level of each group and over all.
struct IncidenceRow {
  std::string group, level;  // "all", "all" for the whole cohort
  std::int64_t patients = 0, with_outcome = 0;
  double incidence = 0;         // fraction, NaN without patients
  double ci_lo = 0, ci_hi = 0;  // Wilson 95 % interval of the incidence
  bool expected = false;        // a stated rate to compare with
  double expected_lo = 0, expected_hi = 0;
  std::string verdict;  // "consistent" (interval overlaps the stated range), "inconsistent", ""
};

// Wilson score interval (Wilson 1927) of k successes in n trials at z.
[[nodiscard]] std::pair<double, double> wilson_interval(std::int64_t k, std::int64_t n,
                                                        double z = 1.959963984540054);

struct CollectReport {
  std::int64_t points = 0, finished = 0, failed = 0, checkpointed = 0, stale = 0, missing = 0;
  std::vector<std::string> files;  // what was written
  std::vector<MorrisRow> morris;
  std::vector<IncidenceRow> incidence;
  std::string outcome;  // "ho_volume_mm3 > 0.001 mm^3"
};

// `responses` name readouts of summary.json for the Morris effects (default:
// ho_volume_mm3). Throws IoError / ConfigError.
CollectReport collect_sweep(const std::string& sweepdir, std::vector<std::string> responses = {});

// The elementary effects (Morris 1991) from per-parameter-point responses y
// (NaN where unknown): for each trajectory step, (y_m - y_{m-1}) / (±Δ).
// `changed` and `direction` per parameter point as in SweepPoint.
[[nodiscard]] std::vector<MorrisRow> morris_effects(
    const std::vector<double>& y, const std::vector<int>& step, const std::vector<int>& changed,
    const std::vector<int>& direction, const std::vector<std::string>& keys, double delta);

}  // namespace hosim
