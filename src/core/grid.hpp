#pragma once
// The lattice: a uniform grid of cubic voxels, x fastest (C order [z][y][x]).
// nz == 1 is a 2D slice; the z direction then has no neighbours.
#include <array>
#include <cstddef>
#include <cstdint>

namespace hosim {

struct Grid {
  int nx = 1;
  int ny = 1;
  int nz = 1;
  double dx_um = 20.0;                       // voxel edge
  std::array<double, 3> origin_um{0, 0, 0};  // (x, y, z) of the lower corner of voxel (0,0,0)

  [[nodiscard]] std::size_t size() const noexcept {
    return static_cast<std::size_t>(nx) * static_cast<std::size_t>(ny) *
           static_cast<std::size_t>(nz);
  }
  [[nodiscard]] int dims() const noexcept { return nz > 1 ? 3 : 2; }
  [[nodiscard]] std::size_t index(int x, int y, int z) const noexcept {
    return (static_cast<std::size_t>(z) * static_cast<std::size_t>(ny) +
            static_cast<std::size_t>(y)) *
               static_cast<std::size_t>(nx) +
           static_cast<std::size_t>(x);
  }
  [[nodiscard]] std::array<int, 3> coords(std::size_t i) const noexcept {
    const auto sx = static_cast<std::size_t>(nx);
    const auto sy = static_cast<std::size_t>(ny);
    return {static_cast<int>(i % sx), static_cast<int>((i / sx) % sy),
            static_cast<int>(i / (sx * sy))};
  }
  [[nodiscard]] bool inside(int x, int y, int z) const noexcept {
    return x >= 0 && y >= 0 && z >= 0 && x < nx && y < ny && z < nz;
  }
  // Centre of voxel (x, y, z) in µm.
  [[nodiscard]] std::array<double, 3> centre_um(int x, int y, int z) const noexcept {
    return {origin_um[0] + (x + 0.5) * dx_um, origin_um[1] + (y + 0.5) * dx_um,
            origin_um[2] + (z + 0.5) * dx_um};
  }
  [[nodiscard]] double voxel_volume_um3() const noexcept { return dx_um * dx_um * dx_um; }
};

// The six face neighbours (von Neumann); in 2D only the first four are used.
inline constexpr std::array<std::array<int, 3>, 6> kFaceNeighbours{
    {{1, 0, 0}, {-1, 0, 0}, {0, 1, 0}, {0, -1, 0}, {0, 0, 1}, {0, 0, -1}}};

[[nodiscard]] inline int face_neighbour_count(const Grid& g) noexcept {
  return g.nz > 1 ? 6 : 4;
}

}  // namespace hosim
