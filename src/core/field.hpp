#pragma once
// A named scalar field on the lattice (one value per voxel, flat and aligned).
#include <string>

#include "core/aligned_buffer.hpp"
#include "core/grid.hpp"

namespace hosim {

using real = double;

struct ScalarField {
  std::string name;
  std::string unit;
  AlignedBuffer<real> values;

  ScalarField() = default;
  ScalarField(std::string n, std::string u, const Grid& g, real fill = 0)
      : name(std::move(n)), unit(std::move(u)), values(g.size(), fill) {}
};

}  // namespace hosim
