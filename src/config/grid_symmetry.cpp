// Mirror planes of a symmetry-reduced grid (grid.mirror). The planes lie on
// the lower faces, where the transport's zero-flux condition is exactly the
// mirror condition of the cell-centred stencil (ghost value = first value).
#include <algorithm>

#include "config/params.hpp"

namespace hosim {

bool mirrored(const GridParams& g, int axis) {
  static constexpr const char* kAxes[3] = {"x", "y", "z"};
  return std::find(g.mirror.begin(), g.mirror.end(), kAxes[axis]) != g.mirror.end();
}

double mirror_copies(const GridParams& g) {
  double copies = 1;
  for (int a = 0; a < 3; ++a)
    if (mirrored(g, a)) copies *= 2;
  return copies;
}

}  // namespace hosim
