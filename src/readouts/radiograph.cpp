#include "readouts/radiograph.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace hosim {

Radiograph project_radiograph(const ModelState& s, const Params& p) {
  const Grid& g = s.grid;
  Radiograph r;
  r.nx = g.nx;
  r.ny = g.ny;
  r.contrast.assign(static_cast<std::size_t>(g.nx) * g.ny, 0.0f);
  const float* mineral = s.tissue.layer(TissueLayer::Mineral);
  // Path length per unit mineral fraction in a voxel [µm]: one voxel deep in
  // 3D (twice with a mirror plane in z), the injury's depth in a 2D slice.
  const double depth_um =
      g.nz > 1 ? g.dx_um * (mirrored(p.grid, 2) ? 2.0 : 1.0) : 2.0 * p.injury.radii_um[2];
  const double k = p.readouts.radiograph_mu_per_um * p.readouts.lesion_scale * depth_um;
  const std::size_t plane = static_cast<std::size_t>(g.nx) * g.ny;
  const auto rows = static_cast<std::int64_t>(g.ny);
  // Each pixel sums its own column in z order, so the image does not depend
  // on the number of threads.
#pragma omp parallel for schedule(static)
  for (std::int64_t y = 0; y < rows; ++y) {
    for (int x = 0; x < g.nx; ++x) {
      const std::size_t col = static_cast<std::size_t>(y) * g.nx + x;
      double sum = 0;
      for (int z = 0; z < g.nz; ++z) sum += mineral[col + z * plane];
      r.contrast[col] = static_cast<float>(-std::expm1(-k * sum));
    }
  }
  return r;
}

int radiograph_patch_pixels(const Params& p) {
  const double side_um = p.readouts.radiograph_patch_um / p.readouts.lesion_scale;
  return std::max(1, static_cast<int>(std::lround(side_um / p.grid.voxel_um)));
}

namespace {

// Pixel index along an axis of the image unfolded across a mirror plane at
// its lower edge: [0, n) is the mirror image (n−1 … 0), [n, 2n) the grid.
int folded(int i, int n, bool mirror) {
  if (!mirror) return i;
  return i < n ? n - 1 - i : i - n;
}

}  // namespace

double radiograph_patch_contrast(const Radiograph& r, const Params& p) {
  const bool mx = mirrored(p.grid, 0), my = mirrored(p.grid, 1);
  const int w = mx ? 2 * r.nx : r.nx, h = my ? 2 * r.ny : r.ny;
  if (w == 0 || h == 0) return 0.0;
  // Summed-area table of the unfolded image, (w+1) × (h+1).
  std::vector<double> sat(static_cast<std::size_t>(w + 1) * (h + 1), 0.0);
  const auto at = [&](int x, int y) -> double& {
    return sat[static_cast<std::size_t>(y) * (w + 1) + x];
  };
  for (int y = 0; y < h; ++y) {
    const int sy = folded(y, r.ny, my);
    double row = 0;
    for (int x = 0; x < w; ++x) {
      row += r.contrast[static_cast<std::size_t>(sy) * r.nx + folded(x, r.nx, mx)];
      at(x + 1, y + 1) = at(x + 1, y) + row;
    }
  }
  const int kx = std::min(radiograph_patch_pixels(p), w);
  const int ky = std::min(radiograph_patch_pixels(p), h);
  double best = 0;
  for (int y = 0; y + ky <= h; ++y)
    for (int x = 0; x + kx <= w; ++x) {
      const double sum = at(x + kx, y + ky) - at(x, y + ky) - at(x + kx, y) + at(x, y);
      best = std::max(best, sum);
    }
  return best / (static_cast<double>(kx) * ky);
}

}  // namespace hosim
