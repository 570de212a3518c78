#pragma once
// Face neighbours of every voxel without per-voxel coordinate arithmetic.
//
// Why: per-voxel passes that look at the six face neighbours (tissue
// kinetics, ALP, vessel spread) spent most of their time in Grid::coords (two
// integer divisions) and six bounds tests. Walking the grid one x-line at a
// time gives y and z from the line number and leaves only the two x-ends to
// test, so the interior of a line is plain index arithmetic.
#include <omp.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <utility>

#include "core/grid.hpp"
#include "core/split_ranges.hpp"

namespace hosim {

// The existing face neighbours of one voxel, in kFaceNeighbours order (so a
// floating-point sum over them adds in the same order as a loop over
// kFaceNeighbours with a bounds test).
struct FaceNeighbours {
  std::array<std::size_t, 6> index{};
  int count = 0;
};

// The neighbours of a voxel whose face neighbours all exist (the interior of
// a line whose y and z neighbour lines exist: most voxels), with the count
// known at compile time, so loops over them unroll. Same order as above.
template <int N>
struct AllFaceNeighbours {
  static constexpr int count = N;
  std::array<std::size_t, N> index;
};

// x-lines a thread takes at a time in the passes over the lattice's lines
// (for_each_voxel_with_neighbours): about a thousand
// voxels of the default lattice's lines of 60.
inline constexpr std::int64_t kLinesPerGrab = 16;

// Calls body(i, nb) for every voxel i with its existing face neighbours,
// x-line by x-line; each line goes to one OpenMP thread, which one depending
// on timing, so body must only write to voxel i. In 2D (nz == 1) only the
// first four directions exist, as face_neighbour_count says. nb is a
// FaceNeighbours at the edges and an AllFaceNeighbours<6> (2D: <4>) inside,
// so body takes it as `const auto&` and reads only nb.count and nb.index. A
// line l (x-line number y + ny·z, voxels l·nx … l·nx + nx − 1) for which
// skip(l) is true gets no calls at all: skip is asked once per line, on the
// thread that takes it, and may write to that line's voxels itself.
//
// The lines go out in stretches (core/split_ranges.hpp), not static halves:
// the work is in the lesion (where the vessels regrow; healthy lines are
// skipped), and a mirrored lattice has its lesion at z = 0, in the first
// thread's half. 12-day default, 2 threads (2026-12-07, AMD EPYC Zen 4, 3
// alternated runs): the threads' time in these passes 0.39 / 0.23 s static,
// 0.37 / 0.37 s in stretches.
template <class Body, class Skip>
void for_each_voxel_with_neighbours(const Grid& g, Body&& body, Skip&& skip) {
  const std::ptrdiff_t nx = g.nx, ny = g.ny, nz = g.nz;
  const std::ptrdiff_t sy = nx, sz = nx * ny;
  const std::ptrdiff_t lines = ny * nz;
  const bool three_d = g.nz > 1;
  const auto usy = static_cast<std::size_t>(sy), usz = static_cast<std::size_t>(sz);
  SplitRanges work(lines, omp_get_max_threads(), kLinesPerGrab);
#pragma omp parallel
  work.for_each_taken(omp_get_thread_num(), [&](std::ptrdiff_t l) {
    if (skip(l)) return;
    const std::ptrdiff_t y = l % ny, z = l / ny;
    const bool yp = y<ny - 1, ym = y> 0;
    const bool zp = three_d && z < nz - 1, zm = three_d && z > 0;
    const auto base = static_cast<std::size_t>(l * nx);
    const auto general = [&](std::ptrdiff_t x) {
      const std::size_t i = base + static_cast<std::size_t>(x);
      FaceNeighbours nb;
      if (x < nx - 1) nb.index[nb.count++] = i + 1;
      if (x > 0) nb.index[nb.count++] = i - 1;
      if (yp) nb.index[nb.count++] = i + usy;
      if (ym) nb.index[nb.count++] = i - usy;
      if (zp) nb.index[nb.count++] = i + usz;
      if (zm) nb.index[nb.count++] = i - usz;
      body(i, nb);
    };
    const bool inner_line = nx >= 3 && yp && ym && (three_d ? zp && zm : true);
    if (!inner_line) {
      for (std::ptrdiff_t x = 0; x < nx; ++x) general(x);
      return;
    }
    general(0);
    if (three_d) {
      for (std::ptrdiff_t x = 1; x < nx - 1; ++x) {
        const std::size_t i = base + static_cast<std::size_t>(x);
        body(i, AllFaceNeighbours<6>{{i + 1, i - 1, i + usy, i - usy, i + usz, i - usz}});
      }
    } else {
      for (std::ptrdiff_t x = 1; x < nx - 1; ++x) {
        const std::size_t i = base + static_cast<std::size_t>(x);
        body(i, AllFaceNeighbours<4>{{i + 1, i - 1, i + usy, i - usy}});
      }
    }
    general(nx - 1);
  });
}

// Every line, none skipped.
template <class Body>
void for_each_voxel_with_neighbours(const Grid& g, Body&& body) {
  for_each_voxel_with_neighbours(g, std::forward<Body>(body),
                                 [](std::ptrdiff_t /*line*/) { return false; });
}

}  // namespace hosim
