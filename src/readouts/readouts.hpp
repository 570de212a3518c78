#pragma once
// Observables computed from the state at every time-series sample. Each is a
// named, unit-carrying function; a new readout is one function plus one line
// in readout_table(). Sums use a fixed blocking (not the thread count), so the
// values are bit-identical for any number of threads. Extensive readouts
// (volumes, masses, counts) describe the whole symmetric domain of a
// mirror-reduced grid (grid.mirror); lesion means and serum ALP need no
// scaling.
#include <functional>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "config/params.hpp"
#include "model/state.hpp"
#include "readouts/bone_scan.hpp"
#include "readouts/zones.hpp"

namespace hosim {

// What the readouts of one time-series sample read: the state, the
// parameters, and the costly products several columns share (the
// radiograph's patch contrast, the ultrasound zones, the bone scan), each
// computed at most once per sample.
class ReadoutInput {
 public:
  ReadoutInput(const ModelState& s, const Params& p) : state(s), params(p) {}
  const ModelState& state;
  const Params& params;
  [[nodiscard]] double radiograph_patch_contrast() const;
  [[nodiscard]] const Zones& zones() const;
  [[nodiscard]] const BoneScan& scan() const;

 private:
  mutable std::optional<BoneScan> scan_;
  mutable std::optional<double> radiograph_;
  mutable std::optional<Zones> zones_;
};

struct Readout {
  std::string name;
  std::string unit;
  std::string meaning;
  std::function<double(const ReadoutInput&)> compute;

  // `f` takes the ReadoutInput, or just (state, params) when it needs no
  // shared product.
  template <class F>
  Readout(std::string n, std::string u, std::string m, F f)
      : name(std::move(n)), unit(std::move(u)), meaning(std::move(m)) {
    if constexpr (std::is_invocable_r_v<double, F, const ReadoutInput&>)
      compute = std::move(f);
    else
      compute = [f = std::move(f)](const ReadoutInput& in) { return f(in.state, in.params); };
  }
};

[[nodiscard]] std::vector<Readout> readout_table();

// Deterministic sum of f(i) over [0, n): fixed blocks of 4096 summed in order,
// so the result does not depend on the number of threads.
template <class F>
[[nodiscard]] double ordered_sum(std::size_t n, F&& f) {
  constexpr std::size_t kBlock = 4096;
  const std::size_t nb = (n + kBlock - 1) / kBlock;
  std::vector<double> partial(nb, 0.0);
  const auto nbi = static_cast<std::int64_t>(nb);
#pragma omp parallel for schedule(static)
  for (std::int64_t b = 0; b < nbi; ++b) {
    const std::size_t lo = static_cast<std::size_t>(b) * kBlock;
    const std::size_t hi = lo + kBlock < n ? lo + kBlock : n;
    double acc = 0;
    for (std::size_t i = lo; i < hi; ++i) acc += f(i);
    partial[static_cast<std::size_t>(b)] = acc;
  }
  double total = 0;
  for (double v : partial) total += v;
  return total;
}

}  // namespace hosim
