// for_each_voxel_with_neighbours visits every voxel of every line not
// skipped exactly once, with the face neighbours a bounds-tested walk over
// kFaceNeighbours finds, in that order, whatever the team's size (its lines
// go out in stretches, core/split_ranges.hpp).
#include "core/neighbours.hpp"

#include <gtest/gtest.h>
#include <omp.h>

#include <atomic>
#include <cstddef>
#include <vector>

namespace hosim {
namespace {

// The neighbours of voxel i by coordinates and bounds tests.
std::vector<std::size_t> walked(const Grid& g, std::size_t i) {
  std::vector<std::size_t> out;
  const auto c = g.coords(i);
  for (int d = 0; d < face_neighbour_count(g); ++d) {
    const auto& o = kFaceNeighbours[static_cast<std::size_t>(d)];
    const int x = c[0] + o[0], y = c[1] + o[1], z = c[2] + o[2];
    if (g.inside(x, y, z)) out.push_back(g.index(x, y, z));
  }
  return out;
}

void check(const Grid& g, int threads) {
  const int saved = omp_get_max_threads();
  omp_set_num_threads(threads);
  const std::size_t lines = static_cast<std::size_t>(g.ny) * static_cast<std::size_t>(g.nz);
  std::vector<std::atomic<int>> visits(g.size()), asked(lines);
  std::vector<std::atomic<int>> wrong(g.size());
  // Every seventh line is skipped.
  const auto skip = [&](std::ptrdiff_t l) {
    asked[static_cast<std::size_t>(l)]++;
    return l % 7 == 3;
  };
  for_each_voxel_with_neighbours(
      g,
      [&](std::size_t i, const auto& nb) {
        visits[i]++;
        const std::vector<std::size_t> want = walked(g, i);
        bool same = static_cast<std::size_t>(nb.count) == want.size();
        for (int d = 0; same && d < nb.count; ++d)
          same = nb.index[static_cast<std::size_t>(d)] == want[static_cast<std::size_t>(d)];
        if (!same) wrong[i]++;
      },
      skip);
  omp_set_num_threads(saved);
  for (std::size_t l = 0; l < lines; ++l) {
    ASSERT_EQ(asked[l].load(), 1) << "line " << l << ", " << threads << " threads";
    for (std::size_t x = 0; x < static_cast<std::size_t>(g.nx); ++x) {
      const std::size_t i = l * static_cast<std::size_t>(g.nx) + x;
      ASSERT_EQ(visits[i].load(), l % 7 == 3 ? 0 : 1)
          << "voxel " << i << ", " << threads << " threads";
      ASSERT_EQ(wrong[i].load(), 0) << "voxel " << i << ", " << threads << " threads";
    }
  }
}

TEST(ForEachVoxelWithNeighbours, EveryVoxelOnceWithItsNeighboursOnAnyTeam) {
  for (const int threads : {1, 2, 3}) {
    check(Grid{13, 7, 5, 10.0}, threads);
    check(Grid{9, 11, 1, 10.0}, threads);  // 2D: four directions
    check(Grid{2, 3, 40, 10.0}, threads);  // lines of two: no interior voxels
  }
}

}  // namespace
}  // namespace hosim
