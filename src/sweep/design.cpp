#include "sweep/design.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/errors.hpp"
#include "core/rng.hpp"

namespace hosim {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::uint64_t splitmix64(std::uint64_t z) {
  z += 0x9E3779B97F4A7C15ULL;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Streams of the designs: step 0/1 the Latin hypercube's permutations and
// jitter per axis, step 2 the Morris trajectories.
enum DesignStream : std::uint64_t { kLhsPermutation = 0, kLhsJitter = 1, kMorris = 2, kCohort = 3 };

// The leading number of a value as written ("0.3 nM" -> 0.3), NaN when the
// value does not start with one (true, dirichlet, [1, 2]).
double leading_number(const std::string& text) {
  const char* s = text.c_str();
  char* end = nullptr;
  const double v = std::strtod(s, &end);
  if (end == s) return kNaN;
  while (*end == ' ') ++end;
  const bool unit_follows = *end == '\0' || std::isalpha(static_cast<unsigned char>(*end)) ||
                            *end == '%' || *end == '1' || *end == '/';
  return unit_follows ? v : kNaN;
}

std::vector<std::uint32_t> permutation(RandomStream& rng, std::uint32_t n) {
  std::vector<std::uint32_t> p(n);
  std::iota(p.begin(), p.end(), 0u);
  for (std::uint32_t i = n; i > 1; --i) std::swap(p[i - 1], p[rng.below(i)]);
  return p;
}

struct ParameterPoint {
  std::vector<std::string> values;
  std::vector<double> numbers, unit;
  std::vector<int> levels;
  int trajectory = -1, step = -1, changed_axis = -1, direction = 0;
};

ParameterPoint from_unit(const SweepSpec& spec, const std::vector<double>& u) {
  ParameterPoint p;
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    const double v = axis_value(spec.axes[a], u[a]);
    p.values.push_back(axis_text(spec.axes[a], v));
    p.numbers.push_back(v);
    p.unit.push_back(u[a]);
  }
  return p;
}

std::vector<ParameterPoint> grid(const SweepSpec& spec) {
  std::vector<std::size_t> sizes;
  for (const auto& ax : spec.axes)
    sizes.push_back(ax.range ? static_cast<std::size_t>(ax.n) : ax.values.size());
  std::size_t total = 1;
  for (auto s : sizes) total *= s;
  std::vector<ParameterPoint> out;
  out.reserve(total);
  std::vector<std::size_t> at(sizes.size(), 0);
  for (std::size_t i = 0; i < total; ++i) {
    // The last axis varies fastest, like nested loops written in axis order.
    std::size_t rest = i;
    for (std::size_t a = sizes.size(); a-- > 0;) {
      at[a] = rest % sizes[a];
      rest /= sizes[a];
    }
    ParameterPoint p;
    for (std::size_t a = 0; a < sizes.size(); ++a) {
      const SweepAxis& ax = spec.axes[a];
      if (ax.range) {
        const double u = ax.n == 1 ? 0.0 : static_cast<double>(at[a]) / (ax.n - 1);
        const double v = axis_value(ax, u);
        p.values.push_back(axis_text(ax, v));
        p.numbers.push_back(v);
        p.unit.push_back(u);
      } else {
        p.values.push_back(ax.values[at[a]]);
        p.numbers.push_back(leading_number(ax.values[at[a]]));
        p.unit.push_back(kNaN);
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

// McKay, Beckman & Conover (1979): each axis cut into `samples` equal bins
// (in the axis scale), one point per bin, bins paired by independent random
// permutations, a uniform position inside each bin.
std::vector<ParameterPoint> latin_hypercube(const SweepSpec& spec) {
  const auto n = static_cast<std::uint32_t>(spec.samples);
  std::vector<std::vector<double>> u(n, std::vector<double>(spec.axes.size()));
  for (std::size_t a = 0; a < spec.axes.size(); ++a) {
    RandomStream perm_rng(spec.seed, kLhsPermutation, a, RngPurpose::Sweep);
    RandomStream jitter_rng(spec.seed, kLhsJitter, a, RngPurpose::Sweep);
    const auto perm = permutation(perm_rng, n);
    for (std::uint32_t i = 0; i < n; ++i) u[i][a] = (perm[i] + jitter_rng.uniform()) / n;
  }
  std::vector<ParameterPoint> out;
  for (const auto& x : u) out.push_back(from_unit(spec, x));
  return out;
}

// Morris (1991) one-at-a-time trajectories: a random base on the p-level grid
// of the unit cube, then each axis in random order moved by ±Δ. The base level
// of an axis is drawn from the half of the grid that keeps its move inside
// [0, 1], so every level is equally likely to be visited.
std::vector<ParameterPoint> morris(const SweepSpec& spec) {
  const std::size_t k = spec.axes.size();
  const int p = spec.levels;
  const double delta = morris_delta(p);
  std::vector<ParameterPoint> out;
  for (int t = 0; t < spec.samples; ++t) {
    RandomStream rng(spec.seed, kMorris, static_cast<std::uint64_t>(t), RngPurpose::Sweep);
    std::vector<double> x(k);
    std::vector<int> dir(k);
    for (std::size_t a = 0; a < k; ++a) {
      dir[a] = rng.bernoulli(0.5) ? 1 : -1;
      const auto half = static_cast<std::uint32_t>(p / 2);
      const std::uint32_t level = (dir[a] > 0 ? 0u : half) + rng.below(half);
      x[a] = static_cast<double>(level) / (p - 1);
    }
    const auto order = permutation(rng, static_cast<std::uint32_t>(k));
    for (std::size_t m = 0; m <= k; ++m) {
      if (m > 0) {
        const std::size_t a = order[m - 1];
        // Snap to the grid so that a move and its reverse land on the same level.
        x[a] = std::round((x[a] + dir[a] * delta) * (p - 1)) / (p - 1);
      }
      ParameterPoint pt = from_unit(spec, x);
      pt.trajectory = t;
      pt.step = static_cast<int>(m);
      pt.changed_axis = m == 0 ? -1 : static_cast<int>(order[m - 1]);
      pt.direction = m == 0 ? 0 : dir[order[m - 1]];
      out.push_back(std::move(pt));
    }
  }
  return out;
}

// One draw of a cohort axis, moved by `shift` (the patient's risk factors);
// a truncated distribution is redrawn until the moved value lies in [min, max].
double draw(const SweepAxis& ax, double shift, RandomStream& rng) {
  for (int attempt = 0; attempt < 10000; ++attempt) {
    double v = 0;
    switch (ax.distribution) {
      case Distribution::Normal:
        v = ax.mean + ax.sd * rng.normal();
        break;
      case Distribution::LogNormal:
        v = ax.median * std::exp(std::log(ax.gsd) * rng.normal());
        break;
      case Distribution::Uniform:
        v = ax.from + rng.uniform() * (ax.to - ax.from);
        break;
      case Distribution::None:
        break;
    }
    v += shift;
    v = ax.integer ? std::round(v) : std::stod(fmt::format("{:.12g}", v));
    if (v >= ax.min && v <= ax.max) return v;
  }
  throw ConfigError(fmt::format("{}: {}: 10000 draws all fell outside [min, max] = [{}, {}]",
                                ax.where, ax.key, ax.min, ax.max));
}

// Virtual patients: each draws one level of every group (by its
// probability) and a value of every axis from its distribution, moved by the
// shifts of its levels, from its own stream, so patient i is the same
// whatever the cohort's size.
std::vector<ParameterPoint> cohort(const SweepSpec& spec) {
  std::vector<ParameterPoint> out;
  for (int i = 0; i < spec.samples; ++i) {
    RandomStream rng(spec.seed, kCohort, static_cast<std::uint64_t>(i), RngPurpose::Sweep);
    ParameterPoint p;
    for (const SweepGroup& g : spec.groups) {
      const double u = rng.uniform();
      double cum = 0;
      int chosen = static_cast<int>(g.levels.size()) - 1;
      for (std::size_t l = 0; l < g.levels.size(); ++l) {
        cum += g.levels[l].p;
        if (u < cum) {
          chosen = static_cast<int>(l);
          break;
        }
      }
      p.levels.push_back(chosen);
    }
    for (const SweepAxis& ax : spec.axes) {
      double shift = 0;
      for (std::size_t g = 0; g < spec.groups.size(); ++g)
        for (const AxisShift& s :
             spec.groups[g].levels[static_cast<std::size_t>(p.levels[g])].shift)
          if (s.key == ax.key) shift += s.by;
      const double v = draw(ax, shift, rng);
      p.values.push_back(axis_text(ax, v));
      p.numbers.push_back(v);
      p.unit.push_back(kNaN);
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

std::uint64_t derive_seed(std::uint64_t sweep_seed, std::uint64_t key) {
  return splitmix64(splitmix64(sweep_seed) ^ splitmix64(key + 0x632BE59BD9B4E019ULL)) >> 1;
}

double morris_delta(int levels) {
  return static_cast<double>(levels) / (2.0 * (levels - 1));
}

double axis_value(const SweepAxis& axis, double u) {
  double v = axis.scale == AxisScale::Log
                 ? std::exp(std::log(axis.from) + u * (std::log(axis.to) - std::log(axis.from)))
                 : axis.from + u * (axis.to - axis.from);
  // The ends exactly as written, not as exp(log(x)) rounds them.
  if (u == 0.0) v = axis.from;
  if (u == 1.0) v = axis.to;
  if (axis.integer) return std::round(v);
  // Twelve significant digits: a log grid from 1 to 100 gives "10", not
  // "10.000000000000002", and the number is exactly what its text says.
  return std::stod(fmt::format("{:.12g}", v));
}

std::string axis_text(const SweepAxis& axis, double value) {
  // fmt's shortest round-trip form: the --set text reads back to this double.
  const std::string number =
      axis.integer ? fmt::format("{}", static_cast<long long>(value)) : fmt::format("{}", value);
  return axis.unit.empty() ? number : number + " " + axis.unit;
}

std::vector<SweepPoint> expand_sweep(const SweepSpec& spec, std::int64_t max_points) {
  // Count first, so an enormous grid is refused before it is built.
  double count = spec.replicates;
  switch (spec.design) {
    case SweepDesign::Grid:
      for (const auto& ax : spec.axes)
        count *= ax.range ? ax.n : static_cast<double>(ax.values.size());
      break;
    case SweepDesign::LatinHypercube:
      count *= spec.samples;
      break;
    case SweepDesign::Morris:
      count *= static_cast<double>(spec.samples) * (spec.axes.size() + 1);
      break;
    case SweepDesign::Cohort:
      count *= spec.samples;
      break;
  }
  if (count > static_cast<double>(max_points))
    throw ConfigError(fmt::format("{}: the sweep has {:.0f} points, more than the limit of {}",
                                  spec.source_name, count, max_points));

  std::vector<ParameterPoint> params;
  switch (spec.design) {
    case SweepDesign::Grid:
      params = grid(spec);
      break;
    case SweepDesign::LatinHypercube:
      params = latin_hypercube(spec);
      break;
    case SweepDesign::Morris:
      params = morris(spec);
      break;
    case SweepDesign::Cohort:
      params = cohort(spec);
      break;
  }
  std::vector<SweepPoint> out;
  out.reserve(params.size() * spec.replicates);
  for (std::size_t i = 0; i < params.size(); ++i) {
    for (int r = 0; r < spec.replicates; ++r) {
      SweepPoint pt;
      pt.index = static_cast<std::int64_t>(out.size());
      pt.parameter = static_cast<std::int64_t>(i);
      pt.replicate = r;
      pt.seed = derive_seed(spec.seed, spec.seeds == SeedMode::Common
                                           ? static_cast<std::uint64_t>(r)
                                           : static_cast<std::uint64_t>(pt.index));
      pt.values = params[i].values;
      pt.numbers = params[i].numbers;
      pt.unit = params[i].unit;
      pt.levels = params[i].levels;
      pt.trajectory = params[i].trajectory;
      pt.step = params[i].step;
      pt.changed_axis = params[i].changed_axis;
      pt.direction = params[i].direction;
      out.push_back(std::move(pt));
    }
  }
  return out;
}

std::vector<std::string> point_overrides(const SweepSpec& spec, const SweepPoint& point) {
  std::vector<std::string> sets = spec.set;
  for (std::size_t g = 0; g < point.levels.size(); ++g) {
    const auto& level = spec.groups[g].levels[static_cast<std::size_t>(point.levels[g])];
    sets.insert(sets.end(), level.set.begin(), level.set.end());
  }
  for (std::size_t a = 0; a < spec.axes.size(); ++a)
    sets.push_back(spec.axes[a].key + "=" + point.values[a]);
  sets.push_back("run.seed=" + std::to_string(point.seed));
  return sets;
}

}  // namespace hosim
