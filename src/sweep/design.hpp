#pragma once
// Expanding a sweep specification into points. Each point has a stable index
// (its position in the expansion, replicates innermost), the values its axes
// take (as --set text) and a seed derived from the sweep seed alone, so any
// runner (--all, --point, MPI, a Slurm array) produces the same points.
#include <cstdint>
#include <string>
#include <vector>

#include "config/sweep_spec.hpp"

namespace hosim {

struct SweepPoint {
  std::int64_t index = 0;      // 0 .. points-1, the folder name's number
  std::int64_t parameter = 0;  // the parameter combination (index without the replicate)
  int replicate = 0;
  std::uint64_t seed = 0;           // run.seed of this point
  std::vector<std::string> values;  // per axis: the value as --set takes it
  std::vector<double> numbers;      // per axis: the number in the axis unit (NaN if none)
  std::vector<double> unit;         // per range axis: position in [0, 1] (NaN for lists)
  std::vector<int> levels;          // cohort: per group, the index of the patient's level
  // Morris: trajectory, position along it (0 = base) and the axis changed to
  // reach this point (-1 at the base); its sign of change (+1 or -1).
  int trajectory = -1, step = -1, changed_axis = -1, direction = 0;
};

// Throws ConfigError when the sweep has more than `max_points` points.
[[nodiscard]] std::vector<SweepPoint> expand_sweep(const SweepSpec& spec,
                                                   std::int64_t max_points = 1000000);

// The --set overrides of a point: the sweep's fixed ones, then its cohort
// group levels' settings, then the axes, then run.seed.
[[nodiscard]] std::vector<std::string> point_overrides(const SweepSpec& spec,
                                                       const SweepPoint& point);

// A run seed in [0, 2^63) from the sweep seed and a key (the point index, or
// the replicate number for common random numbers): two rounds of SplitMix64
// (Steele, Lea & Flood 2014), so neighbouring keys give unrelated seeds.
[[nodiscard]] std::uint64_t derive_seed(std::uint64_t sweep_seed, std::uint64_t key);

// The value at position u in [0, 1] of a range axis, as a number in its unit.
[[nodiscard]] double axis_value(const SweepAxis& axis, double u);

// "0.3 nM", "12" — the text of a range value for --set.
[[nodiscard]] std::string axis_text(const SweepAxis& axis, double value);

// Morris step in the unit cube for p levels: p / (2 (p - 1)) (Morris 1991).
[[nodiscard]] double morris_delta(int levels);

}  // namespace hosim
