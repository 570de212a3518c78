// Results are bit-identical for any thread count (DESIGN.md §4): every line's
// arithmetic is the same whoever solves it.
#include <gtest/gtest.h>
#include <omp.h>

#include <cstring>
#include <random>
#include <vector>

#include "transport/lod_solver.hpp"

namespace hosim {
namespace {

std::vector<double> run(const Grid& g, int threads, int steps) {
  const int saved = omp_get_max_threads();
  omp_set_num_threads(threads);
  std::mt19937_64 gen(11);
  std::uniform_real_distribution<double> dist(0, 1);
  std::vector<double> u(g.size()), s(g.size()), k(g.size());
  for (std::size_t i = 0; i < g.size(); ++i) {
    u[i] = dist(gen);
    s[i] = 0.1 * dist(gen);
    k[i] = i % 3 == 0 ? 0 : 0.5 * dist(gen);
  }
  const LodSolver solver(g, DiffusionSpec{1500, 0.02, FaceBoundary::Dirichlet, 0.3}, 0.5);
  for (int n = 0; n < steps; ++n) solver.step(u, s, k);
  solver.diffuse(u);
  omp_set_num_threads(saved);
  return u;
}

void expect_bitwise_equal(const Grid& g) {
  const std::vector<double> one = run(g, 1, 6);
  for (const int threads : {2, 3}) {
    const std::vector<double> many = run(g, threads, 6);
    EXPECT_EQ(std::memcmp(one.data(), many.data(), one.size() * sizeof(double)), 0)
        << "1 thread vs " << threads;
  }
}

// Odd sizes exercise the x-line remainder and the partial y/z blocks; the
// grids are large enough to run in parallel.
TEST(LodThreads, BitIdentical3D) {
  expect_bitwise_equal(Grid{67, 45, 29, 10.0});
}
TEST(LodThreads, BitIdentical2D) {
  expect_bitwise_equal(Grid{301, 207, 1, 10.0});
}

}  // namespace
}  // namespace hosim
