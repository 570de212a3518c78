#include "readouts/brooker.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace hosim {

namespace {

constexpr auto kCorticalBone = static_cast<std::uint8_t>(Anatomy::CorticalBone);

// Labels of the 8-connected components of the pixels where `in` is set
// (0 = not in any), numbered 1, 2, … in scan order, so the numbering does
// not depend on anything but the image.
std::vector<int> label_components(const std::vector<std::uint8_t>& in, int nx, int ny, int& count) {
  std::vector<int> label(in.size(), 0);
  std::vector<std::size_t> stack;
  count = 0;
  for (std::size_t start = 0; start < in.size(); ++start) {
    if (in[start] == 0 || label[start] != 0) continue;
    label[start] = ++count;
    stack.assign(1, start);
    while (!stack.empty()) {
      const std::size_t v = stack.back();
      stack.pop_back();
      const int x = static_cast<int>(v % static_cast<std::size_t>(nx));
      const int y = static_cast<int>(v / static_cast<std::size_t>(nx));
      for (int dy = -1; dy <= 1; ++dy)
        for (int dx = -1; dx <= 1; ++dx) {
          const int xx = x + dx, yy = y + dy;
          if (xx < 0 || yy < 0 || xx >= nx || yy >= ny) continue;
          const std::size_t w = static_cast<std::size_t>(yy) * nx + xx;
          if (in[w] != 0 && label[w] == 0) {
            label[w] = count;
            stack.push_back(w);
          }
        }
    }
  }
  return label;
}

// Pixels of component `c` on its outline (a 4-neighbour outside it): the
// nearest point of another mass is always on the outline.
std::vector<std::size_t> outline(const std::vector<int>& label, int nx, int ny, int c) {
  std::vector<std::size_t> out;
  for (int y = 0; y < ny; ++y)
    for (int x = 0; x < nx; ++x) {
      const std::size_t v = static_cast<std::size_t>(y) * nx + x;
      if (label[v] != c) continue;
      const bool edge = (x > 0 && label[v - 1] != c) || (x + 1 < nx && label[v + 1] != c) ||
                        (y > 0 && label[v - nx] != c) || (y + 1 < ny && label[v + nx] != c);
      if (edge) out.push_back(v);
    }
  return out;
}

}  // namespace

BoneImage project_bone(const ModelState& s, const Params& p) {
  const Grid& g = s.grid;
  const int b =
      std::max(1, static_cast<int>(std::lround(p.readouts.nodule_resolution_um / g.dx_um)));
  BoneImage img;
  img.nx = (g.nx + b - 1) / b;
  img.ny = (g.ny + b - 1) / b;
  img.pixel_um = b * g.dx_um;
  const auto npix = static_cast<std::size_t>(img.nx) * img.ny;
  img.host.assign(npix, 0);
  img.ho.assign(npix, 0);
  const float* mineral = s.tissue.layer(TissueLayer::Mineral);
  const std::uint8_t* anatomy = s.tissue.anatomy.data();
  const double thr = p.tissue.ho_threshold;
  // Each image pixel is one independent block of columns: parallel and
  // deterministic (no shared sums).
  const auto n = static_cast<std::int64_t>(npix);
#pragma omp parallel for schedule(static)
  for (std::int64_t k = 0; k < n; ++k) {
    const int px = static_cast<int>(k % img.nx), py = static_cast<int>(k / img.nx);
    double sum = 0;
    int columns = 0;
    bool host = false;
    for (int y = py * b; y < std::min(g.ny, (py + 1) * b); ++y)
      for (int x = px * b; x < std::min(g.nx, (px + 1) * b); ++x) {
        float column_max = 0;
        for (int z = 0; z < g.nz; ++z) {
          const std::size_t i = g.index(x, y, z);
          host = host || anatomy[i] == kCorticalBone;
          column_max = std::max(column_max, mineral[i]);
        }
        sum += column_max;
        ++columns;
      }
    img.host[k] = host ? 1 : 0;
    img.ho[k] = !host && sum >= thr * columns ? 1 : 0;
  }
  return img;
}

Brooker classify_brooker(const BoneImage& img, double gap_limit_um) {
  Brooker out;
  int nbones = 0;
  const std::vector<int> bone = label_components(img.host, img.nx, img.ny, nbones);
  if (nbones != 2) return out;

  std::vector<std::uint8_t> any(img.host.size());
  bool has_ho = false;
  for (std::size_t v = 0; v < any.size(); ++v) {
    any[v] = (img.host[v] | img.ho[v]) != 0 ? 1 : 0;
    has_ho = has_ho || img.ho[v] != 0;
  }
  int nmasses = 0;
  const std::vector<int> mass = label_components(any, img.nx, img.ny, nmasses);
  // The mass each host bone belongs to (with any heterotopic bone grown onto it).
  int mass_of[2] = {0, 0};
  for (std::size_t v = 0; v < bone.size(); ++v)
    if (bone[v] > 0) mass_of[bone[v] - 1] = mass[v];

  // Heterotopic masses attached to neither bone are islands; any attached
  // to a bone makes a spur.
  std::vector<std::uint8_t> attached(static_cast<std::size_t>(nmasses) + 1, 0);
  attached[static_cast<std::size_t>(mass_of[0])] = attached[static_cast<std::size_t>(mass_of[1])] =
      1;
  std::vector<std::uint8_t> counted(attached.size(), 0);
  bool spur = false;
  for (std::size_t v = 0; v < mass.size(); ++v) {
    if (img.ho[v] == 0) continue;
    const auto m = static_cast<std::size_t>(mass[v]);
    if (attached[m] != 0) {
      spur = true;
    } else if (counted[m] == 0) {
      counted[m] = 1;
      ++out.islands;
    }
  }

  if (mass_of[0] == mass_of[1]) {
    out.grade = 4;
    out.gap_mm = 0;
    return out;
  }
  // Least edge-to-edge distance between the two masses' outlines (pixel
  // centres one pixel apart touch); a minimum is order-independent.
  const auto a = outline(mass, img.nx, img.ny, mass_of[0]);
  const auto c = outline(mass, img.nx, img.ny, mass_of[1]);
  double best2 = std::numeric_limits<double>::infinity();
  const auto na = static_cast<std::int64_t>(a.size());
#pragma omp parallel for reduction(min : best2) schedule(static)
  for (std::int64_t i = 0; i < na; ++i) {
    const double ax = static_cast<double>(a[i] % img.nx), ay = static_cast<double>(a[i] / img.nx);
    for (const std::size_t w : c) {
      const double dx = ax - static_cast<double>(w % img.nx);
      const double dy = ay - static_cast<double>(w / img.nx);
      best2 = std::min(best2, dx * dx + dy * dy);
    }
  }
  const double gap_um = (std::sqrt(best2) - 1.0) * img.pixel_um;
  out.gap_mm = gap_um * 1e-3;
  if (!has_ho) {
    out.grade = 0;
  } else if (spur) {
    out.grade = gap_um >= gap_limit_um ? 2 : 3;
  } else {
    out.grade = 1;
  }
  return out;
}

Brooker brooker_grade(const ModelState& s, const Params& p) {
  if (!p.host_bone.pelvis.present() || !p.host_bone.femur.present()) return {};
  return classify_brooker(project_bone(s, p), p.readouts.brooker_gap_um);
}

}  // namespace hosim
