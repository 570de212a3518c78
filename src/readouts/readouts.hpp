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
#include "readouts/brooker.hpp"
#include "readouts/lesion_type.hpp"
#include "readouts/ordered_sums.hpp"
#include "readouts/zones.hpp"

namespace hosim {

// What the readouts of one time-series sample read: the state, the
// parameters, and the costly products several columns share (the
// radiograph's patch contrast, the ultrasound zones, the bone scan, the
// Brooker grade), each
// computed at most once per sample.
class ReadoutInput {
 public:
  ReadoutInput(const ModelState& s, const Params& p) : state(s), params(p) {}
  const ModelState& state;
  const Params& params;
  [[nodiscard]] double radiograph_patch_contrast() const;
  [[nodiscard]] const Zones& zones() const;
  [[nodiscard]] const BoneScan& scan() const;
  [[nodiscard]] const LesionType& lesion_type() const;
  [[nodiscard]] const Brooker& brooker() const;
  // Voxels of the initial injury (the lesion of the lesion_* means).
  [[nodiscard]] double injured_voxels() const;

 private:
  mutable std::optional<BoneScan> scan_;
  mutable std::optional<double> radiograph_;
  mutable std::optional<Zones> zones_;
  mutable std::optional<LesionType> lesion_type_;
  mutable std::optional<Brooker> brooker_;
  mutable std::optional<double> injured_voxels_;
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

}  // namespace hosim
