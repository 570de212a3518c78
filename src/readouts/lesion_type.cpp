#include "readouts/lesion_type.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <vector>

#include "readouts/ordered_sums.hpp"

namespace hosim {

double count_nodules(const ModelState& s, const Params& p) {
  const Grid& g = s.grid;
  const float* mineral = s.tissue.layer(TissueLayer::Mineral);
  // Coarse blocks of about readouts.nodule_resolution: a block is dense when
  // its mean mineral reaches tissue.ho_threshold (partial-volume averaging
  // as in an image of that resolution).
  const int b =
      std::max(1, static_cast<int>(std::lround(p.readouts.nodule_resolution_um / g.dx_um)));
  const int bz_edge = g.nz > 1 ? b : 1;
  const int nbx = (g.nx + b - 1) / b, nby = (g.ny + b - 1) / b,
            nbz = (g.nz + bz_edge - 1) / bz_edge;
  const auto nb = static_cast<std::size_t>(nbx) * nby * nbz;
  std::vector<double> sum(nb, 0.0);
  std::vector<int> count(nb, 0);
  for (int z = 0; z < g.nz; ++z)
    for (int y = 0; y < g.ny; ++y)
      for (int x = 0; x < g.nx; ++x) {
        const std::size_t k = (static_cast<std::size_t>(z / bz_edge) * nby + y / b) * nbx + x / b;
        sum[k] += mineral[g.index(x, y, z)];
        ++count[k];
      }
  std::vector<std::uint8_t> dense(nb, 0);
  for (std::size_t k = 0; k < nb; ++k)
    dense[k] = count[k] > 0 && sum[k] / count[k] >= p.tissue.ho_threshold ? 1 : 0;

  // Face-connected components of dense blocks, flood-filled with a stack.
  const auto sy = static_cast<std::size_t>(nbx);
  const auto sz = static_cast<std::size_t>(nbx) * static_cast<std::size_t>(nby);
  const bool mx = mirrored(p.grid, 0), my = mirrored(p.grid, 1), mz = mirrored(p.grid, 2);
  std::vector<std::size_t> stack;
  double total = 0;
  for (std::size_t start = 0; start < nb; ++start) {
    if (dense[start] != 1) continue;
    bool touch_x = false, touch_y = false, touch_z = false;
    dense[start] = 2;  // visited
    stack.assign(1, start);
    while (!stack.empty()) {
      const std::size_t v = stack.back();
      stack.pop_back();
      const auto x = static_cast<int>(v % sy), y = static_cast<int>((v / sy) % nby),
                 z = static_cast<int>(v / sz);
      touch_x = touch_x || x == 0;
      touch_y = touch_y || y == 0;
      touch_z = touch_z || z == 0;
      const auto visit = [&](std::size_t w) {
        if (dense[w] == 1) {
          dense[w] = 2;
          stack.push_back(w);
        }
      };
      if (x + 1 < nbx) visit(v + 1);
      if (x > 0) visit(v - 1);
      if (y + 1 < nby) visit(v + sy);
      if (y > 0) visit(v - sy);
      if (z + 1 < nbz) visit(v + sz);
      if (z > 0) visit(v - sz);
    }
    double copies = 1;
    if (mx && !touch_x) copies *= 2;
    if (my && !touch_y) copies *= 2;
    if (mz && !touch_z) copies *= 2;
    total += copies;
  }
  return total;
}

LesionType classify_lesion(const ModelState& s, const Params& p) {
  LesionType out;
  const float* mineral = s.tissue.layer(TissueLayer::Mineral);
  const float* osteoid = s.tissue.layer(TissueLayer::Osteoid);
  const double thr = p.tissue.ho_threshold;
  // One pass: dense voxels, all mineral, and mineral lying in osteoid.
  const auto sums = ordered_sums<3>(s.grid.size(), [&](std::array<double, 3>& acc, std::size_t i) {
    acc[0] += mineral[i] >= thr ? 1.0 : 0.0;
    acc[1] += mineral[i];
    acc[2] += std::min(mineral[i], osteoid[i]);
  });
  const double dense = sums[0], total = sums[1];
  if (total > 0) out.mineral_in_osteoid = sums[2] / total;
  if (dense == 0) return out;
  out.nodules = count_nodules(s, p);
  out.kind = out.mineral_in_osteoid < p.readouts.calcinosis_osteoid ? LesionKind::Calcinosis
                                                                    : LesionKind::Ossification;
  return out;
}

}  // namespace hosim
