// The solver against a plain textbook implementation (division-based Thomas
// per line, reaction computed per voxel), argument checks, and the
// tridiagonal factors against the matrix they factor.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "transport/lod_solver.hpp"
#include "transport/lod_sweeps.hpp"
#include "transport/tridiagonal.hpp"
#include "transport_test_util.hpp"

namespace hosim {
namespace {

// Solves the tridiagonal system of one line in place, written out in full.
void reference_line(std::vector<double>& d, double r, const DiffusionSpec& spec) {
  const int n = static_cast<int>(d.size());
  if (n == 1) return;
  const bool dirichlet = spec.boundary == FaceBoundary::Dirichlet;
  std::vector<double> a(n, -r), b(n, 1 + 2 * r), c(n, -r);
  a[0] = 0;
  c[n - 1] = 0;
  b[0] = b[n - 1] = 1 + r + (dirichlet ? 2 * r : 0);
  if (dirichlet) {
    d[0] += 2 * r * spec.boundary_value;
    d[n - 1] += 2 * r * spec.boundary_value;
  }
  for (int i = 1; i < n; ++i) {
    const double m = a[i] / b[i - 1];
    b[i] -= m * c[i - 1];
    d[i] -= m * d[i - 1];
  }
  d[n - 1] /= b[n - 1];
  for (int i = n - 2; i >= 0; --i) d[i] = (d[i] - c[i] * d[i + 1]) / b[i];
}

void reference_step(const Grid& g, const DiffusionSpec& spec, double dt, std::vector<double>& u,
                    const std::vector<double>& s, const std::vector<double>& k) {
  for (std::size_t i = 0; i < u.size(); ++i) {
    const double kappa = spec.decay_per_s + (k.empty() ? 0 : k[i]);
    const double src = s.empty() ? 0 : s[i];
    u[i] = kappa > 0 ? u[i] * std::exp(-kappa * dt) + src * (1 - std::exp(-kappa * dt)) / kappa
                     : u[i] + src * dt;
  }
  const double r = spec.diffusion_um2_s * dt / (g.dx_um * g.dx_um);
  const int n[3] = {g.nx, g.ny, g.nz};
  for (int axis = 0; axis < 3; ++axis) {
    if (n[axis] == 1) continue;
    const int a1 = (axis + 1) % 3;
    const int a2 = (axis + 2) % 3;
    for (int j = 0; j < n[a1]; ++j) {
      for (int l = 0; l < n[a2]; ++l) {
        std::vector<double> line(n[axis]);
        int c[3];
        c[a1] = j;
        c[a2] = l;
        for (int i = 0; i < n[axis]; ++i) {
          c[axis] = i;
          line[i] = u[g.index(c[0], c[1], c[2])];
        }
        reference_line(line, r, spec);
        for (int i = 0; i < n[axis]; ++i) {
          c[axis] = i;
          u[g.index(c[0], c[1], c[2])] = line[i];
        }
      }
    }
  }
}

struct Case {
  const char* name;
  Grid grid;
  FaceBoundary boundary;
  bool source;
  bool uptake;
};

// Named cases print as their name, not as raw bytes in every CTest name.
void PrintTo(const Case& c, std::ostream* os) {
  *os << c.name;
}

class LodReference : public testing::TestWithParam<Case> {};

// Same equations, different arithmetic order: agreement to a few ulp per step.
TEST_P(LodReference, MatchesTextbookImplementation) {
  const Case& c = GetParam();
  const DiffusionSpec spec{800, 0.05, c.boundary, 0.7};
  const double dt = 0.6;  // r = 4.8 with dx = 10
  std::vector<double> u = test::random_field(c.grid.size(), 0, 2, 7);
  std::vector<double> ref = u;
  const std::vector<double> s =
      c.source ? test::random_field(c.grid.size(), 0, 1, 8) : std::vector<double>{};
  std::vector<double> k =
      c.uptake ? test::random_field(c.grid.size(), 0, 0.5, 9) : std::vector<double>{};
  for (std::size_t i = 0; i < k.size(); i += 2) k[i] = 0;
  const LodSolver solver(c.grid, spec, dt);
  for (int n = 0; n < 5; ++n) {
    solver.step(u, s, k);
    reference_step(c.grid, spec, dt, ref, s, k);
  }
  for (std::size_t i = 0; i < u.size(); ++i)
    ASSERT_NEAR(u[i], ref[i], 1e-13 * std::abs(ref[i]) + 1e-15) << i;
}

INSTANTIATE_TEST_SUITE_P(
    Grids, LodReference,
    testing::Values(
        Case{"Box3DZeroFlux", Grid{11, 9, 7, 10.0}, FaceBoundary::ZeroFlux, false, false},
        Case{"Box3DDirichletAll", Grid{11, 9, 7, 10.0}, FaceBoundary::Dirichlet, true, true},
        Case{"Slice2DSource", Grid{37, 21, 1, 10.0}, FaceBoundary::Dirichlet, true, false},
        Case{"Line1DUptake", Grid{40, 1, 1, 10.0}, FaceBoundary::Dirichlet, false, true},
        Case{"SingleCellX", Grid{1, 13, 6, 10.0}, FaceBoundary::Dirichlet, true, true},
        Case{"Tiny", Grid{2, 3, 2, 10.0}, FaceBoundary::Dirichlet, true, true},
        Case{"OneVoxel", Grid{1, 1, 1, 10.0}, FaceBoundary::Dirichlet, true, true},
        Case{"Parallel3D", Grid{70, 66, 9, 10.0}, FaceBoundary::ZeroFlux, true, true}),
    [](const testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

// Rebuilding the matrix from the factors recovers the stated rows.
TEST(LodFactors, ReproduceTheMatrix) {
  for (const auto boundary : {FaceBoundary::ZeroFlux, FaceBoundary::Dirichlet}) {
    for (const int n : {2, 3, 17}) {
      const double r = 2.5;
      const lod::AxisFactors f = lod::factor_axis(n, r, boundary, 1.25);
      const double face = boundary == FaceBoundary::Dirichlet ? 2 * r : 0;
      EXPECT_DOUBLE_EQ(f.boundary_rhs, boundary == FaceBoundary::Dirichlet ? 2 * r * 1.25 : 0);
      // A = L·U: L has diagonal denom_i and sub-diagonal −r, U is unit upper
      // with super-diagonal c'_i; so b_i = denom_i − r·c'_{i−1}, c_i = denom_i·c'_i.
      for (int i = 0; i < n; ++i) {
        const double denom = 1 / f.inv_denom[i];
        const double b = 1 + (i > 0 ? r : face) + (i < n - 1 ? r : face);
        EXPECT_NEAR(denom - (i > 0 ? r * f.c_prime[i - 1] : 0), b, 1e-13) << "row " << i;
        if (i < n - 1) {
          EXPECT_NEAR(f.c_prime[i] * denom, -r, 1e-13) << "row " << i;
        }
        EXPECT_EQ(f.lower[i], i > 0 ? r * f.inv_denom[i] : 0) << "row " << i;
      }
    }
  }
}

// The fused x–y pass of sweep_xyz must give the separate sweeps' result to
// the bit, with each kind of reaction (uptake runs of equal values and not,
// with and without source) and on grids where x lines do not fill whole
// batches.
TEST(LodSweeps, FusedPassMatchesSeparateSweepsBitwise) {
  std::mt19937_64 gen(5);
  std::uniform_real_distribution<double> dist(0, 1);
  for (const Grid g : {Grid{37, 21, 11, 10.0}, Grid{16, 16, 8, 20.0}, Grid{9, 5, 3, 20.0}}) {
    const std::size_t n = g.size();
    std::vector<double> u0(n), src(n), upt(n);
    for (std::size_t i = 0; i < n; ++i) {
      u0[i] = dist(gen);
      src[i] = 0.1 * dist(gen);
      upt[i] = i % 5 < 3 ? 0.0 : (i % 7 == 0 ? 0.25 : 0.5 * dist(gen));
    }
    const double r = 1500 * 0.5 / (g.dx_um * g.dx_um);
    const lod::AxisFactors fx = lod::factor_axis(g.nx, r, FaceBoundary::Dirichlet, 0.3);
    const lod::AxisFactors fy = lod::factor_axis(g.ny, r, FaceBoundary::Dirichlet, 0.3);
    const lod::AxisFactors fz = lod::factor_axis(g.nz, r, FaceBoundary::Dirichlet, 0.3);
    struct R {
      const char* name;
      bool source, uptake;
      double decay;
    };
    for (const R c : {R{"none", false, false, 0.0}, R{"decay", false, false, 0.02},
                      R{"source", true, false, 0.02}, R{"uptake", false, true, 0.02},
                      R{"both", true, true, 0.0}}) {
      const lod::Reaction re = lod::Reaction::make(c.decay, 0.5, c.source ? src.data() : nullptr,
                                                   c.uptake ? upt.data() : nullptr);
      std::vector<double> fused = u0, separate = u0;
      lod::sweep_xyz(fused.data(), g, fx, fy, fz, re);
      lod::sweep_x(separate.data(), g, fx, re);
      lod::sweep_y(separate.data(), g, fy);
      lod::sweep_z(separate.data(), g, fz);
      EXPECT_EQ(std::memcmp(fused.data(), separate.data(), n * sizeof(double)), 0)
          << c.name << " on " << g.nx << "x" << g.ny << "x" << g.nz;
    }
    std::vector<double> fused = u0, separate = u0;
    lod::sweep_xyz(fused.data(), g, fx, fy, fz);
    lod::sweep_x(separate.data(), g, fx);
    lod::sweep_y(separate.data(), g, fy);
    lod::sweep_z(separate.data(), g, fz);
    EXPECT_EQ(std::memcmp(fused.data(), separate.data(), n * sizeof(double)), 0)
        << "no reaction on " << g.nx << "x" << g.ny << "x" << g.nz;
  }
}

// The single-precision sweeps (the quasi-steady solver's correction) are the
// same elimination: on the grids above, with zero-flux and Dirichlet faces,
// they agree with the double sweeps to float rounding (a few ulp of the
// largest value per sweep), and the fused and the separate paths both run.
TEST(LodSweeps, SinglePrecisionSweepsMatchDouble) {
  std::mt19937_64 gen(7);
  std::uniform_real_distribution<double> dist(-1, 1);
  for (const Grid g : {Grid{37, 21, 11, 10.0}, Grid{16, 16, 8, 20.0}, Grid{9, 5, 3, 20.0},
                       Grid{12, 10, 1, 20.0}}) {
    for (const FaceBoundary b : {FaceBoundary::ZeroFlux, FaceBoundary::Dirichlet}) {
      const std::size_t n = g.size();
      std::vector<double> u(n);
      for (auto& v : u) v = dist(gen);
      std::vector<float> uf(u.begin(), u.end());
      const double r = 2000 * 3.0 / (g.dx_um * g.dx_um);
      const lod::AxisFactors fx = lod::factor_axis(g.nx, r, b, 0.0);
      const lod::AxisFactors fy = lod::factor_axis(g.ny, r, b, 0.0);
      const lod::AxisFactors fz = lod::factor_axis(g.nz, r, b, 0.0);
      lod::sweep_xyz(u.data(), g, fx, fy, fz);
      lod::sweep_xyz(uf.data(), g, lod::to_single(fx), lod::to_single(fy), lod::to_single(fz));
      double scale = 0, worst = 0;
      for (std::size_t i = 0; i < n; ++i) {
        scale = std::max(scale, std::abs(u[i]));
        worst = std::max(worst, std::abs(static_cast<double>(uf[i]) - u[i]));
      }
      EXPECT_GT(scale, 0.0);
      EXPECT_LT(worst, 1e-5 * scale) << g.nx << "x" << g.ny << "x" << g.nz;
      EXPECT_GT(worst, 0.0) << "float sweeps should round differently from double";
    }
  }
}

// The two ways of eliminating x lines (lod::XLines) give the same bits: line
// lengths around whole 8 × 8 tiles (1, 2, 7, 8, 9, 15, 16, 17, 37, 64
// values), line counts that leave groups of 16 and batches of 8 unfilled,
// each kind of reaction in double, and the quasi-steady solver's float
// planes. The sweep must also change the field, so agreeing is not agreeing
// on nothing.
TEST(LodSweeps, VectorAndScalarXLinesAgreeBitwise) {
  std::mt19937_64 gen(11);
  std::uniform_real_distribution<double> dist(0, 1);
  for (const int nx : {1, 2, 7, 8, 9, 15, 16, 17, 37, 64}) {
    for (const Grid g : {Grid{nx, 5, 7, 10.0}, Grid{nx, 16, 3, 20.0}, Grid{nx, 3, 1, 20.0}}) {
      const std::size_t n = g.size();
      std::vector<double> u0(n), src(n), upt(n);
      for (std::size_t i = 0; i < n; ++i) {
        u0[i] = dist(gen);
        src[i] = 0.1 * dist(gen);
        upt[i] = i % 5 < 3 ? 0.0 : 0.5 * dist(gen);
      }
      const double r = 1500 * 0.5 / (g.dx_um * g.dx_um);
      for (const FaceBoundary b : {FaceBoundary::ZeroFlux, FaceBoundary::Dirichlet}) {
        const lod::AxisFactors fx = lod::factor_axis(g.nx, r, b, 0.3);
        for (const bool source : {false, true}) {
          for (const bool uptake : {false, true}) {
            const lod::Reaction re = lod::Reaction::make(0.02, 0.5, source ? src.data() : nullptr,
                                                         uptake ? upt.data() : nullptr);
            std::vector<double> scalar = u0, vector = u0;
            lod::sweep_x(scalar.data(), g, fx, re, lod::XLines::Scalar);
            lod::sweep_x(vector.data(), g, fx, re, lod::XLines::Vector);
            EXPECT_EQ(std::memcmp(scalar.data(), vector.data(), n * sizeof(double)), 0)
                << g.nx << "x" << g.ny << "x" << g.nz << " source " << source << " uptake "
                << uptake;
            EXPECT_NE(std::memcmp(scalar.data(), u0.data(), n * sizeof(double)), 0);
          }
        }
        const lod::AxisFactorsF fxf = lod::to_single(fx);
        const lod::AxisFactorsF fyf = lod::to_single(lod::factor_axis(g.ny, r, b, 0.3));
        const Grid plane{g.nx, g.ny, 1, g.dx_um};
        std::vector<float> f0(plane.size());
        for (float& v : f0) v = static_cast<float>(dist(gen) - 0.5);
        std::vector<float> scalar = f0, vector = f0;
        lod::sweep_xy_plane(scalar.data(), plane, fxf, fyf, lod::XLines::Scalar);
        lod::sweep_xy_plane(vector.data(), plane, fxf, fyf, lod::XLines::Vector);
        EXPECT_EQ(std::memcmp(scalar.data(), vector.data(), f0.size() * sizeof(float)), 0)
            << "float plane " << g.nx << "x" << g.ny;
        EXPECT_NE(std::memcmp(scalar.data(), f0.data(), f0.size() * sizeof(float)), 0);
      }
    }
  }
}

// One line of n values `stride` apart eliminated value by value with the
// factors, as the scalar x path does: the operations every vector path must
// reproduce exactly.
template <class T>
void plain_line(T* p, std::ptrdiff_t stride, const lod::BasicAxisFactors<T>& f) {
  const int n = f.n;
  if (n < 2) return;
  const T br = f.boundary_rhs;
  T x = (p[0] + br) * f.inv_denom[0];
  p[0] = x;
  for (int i = 1; i < n - 1; ++i) {
    x = p[i * stride] * f.inv_denom[i] + f.lower[i] * x;
    p[i * stride] = x;
  }
  x = (p[(n - 1) * stride] + br) * f.inv_denom[n - 1] + f.lower[n - 1] * x;
  p[(n - 1) * stride] = x;
  for (int i = n - 2; i >= 0; --i) {
    x = p[i * stride] - f.c_prime[i] * x;
    p[i * stride] = x;
  }
}

// The y and z sweeps eliminate many lines side by side, a row of the plane
// per vector operation: rows of up to eight vectors (four without AVX-512)
// keep every line's running value in registers, wider rows go through
// memory, and a row's remainder goes in narrower vectors
// (transport/row_blocks.hpp). Against the plain
// elimination of each line, bit for bit: double y sweeps over rows of 1 to 80
// values (up to nine vectors of eight and every remainder), and float z
// sweeps over planes of 1 to 150 values (the z sweep's rows are whole planes;
// up to nine vectors of sixteen), both faces.
TEST(LodSweeps, StridedSweepsMatchThePlainEliminationBitwise) {
  std::mt19937_64 gen(13);
  std::uniform_real_distribution<double> dist(-1, 1);
  for (const FaceBoundary b : {FaceBoundary::ZeroFlux, FaceBoundary::Dirichlet}) {
    for (int nx = 1; nx <= 80; ++nx) {
      const Grid g{nx, 7, 2, 20.0};
      const lod::AxisFactors fy = lod::factor_axis(g.ny, 2.5, b, 0.4);
      std::vector<double> u(g.size());
      for (double& v : u) v = dist(gen);
      std::vector<double> plain = u;
      for (int z = 0; z < g.nz; ++z)
        for (int x = 0; x < nx; ++x) plain_line(plain.data() + g.index(x, 0, z), nx, fy);
      lod::sweep_y(u.data(), g, fy);
      EXPECT_EQ(std::memcmp(u.data(), plain.data(), u.size() * sizeof(double)), 0)
          << "y sweep, rows of " << nx;
    }
    for (int nx = 1; nx <= 150; ++nx) {
      const Grid g{nx, 1, 6, 20.0};
      const lod::AxisFactorsF fz = lod::to_single(lod::factor_axis(g.nz, 2.5, b, 0.4));
      std::vector<float> u(g.size());
      for (float& v : u) v = static_cast<float>(dist(gen));
      std::vector<float> plain = u;
      for (int x = 0; x < nx; ++x) plain_line(plain.data() + x, nx, fz);
      lod::sweep_z(u.data(), g, fz);
      EXPECT_EQ(std::memcmp(u.data(), plain.data(), u.size() * sizeof(float)), 0)
          << "float z sweep, planes of " << nx;
    }
  }
}

TEST(LodFactors, SingleCellIsIdentity) {
  const lod::AxisFactors f = lod::factor_axis(1, 3.0, FaceBoundary::Dirichlet, 5.0);
  EXPECT_EQ(f.inv_denom[0], 1.0);
  EXPECT_EQ(f.boundary_rhs, 0.0);
}

template <class F>
void expect_invalid(F&& f, const std::string& needle) {
  try {
    f();
    ADD_FAILURE() << "no exception; expected one mentioning '" << needle << "'";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
  }
}

TEST(LodArguments, ConstructorRejectsBadValues) {
  const Grid g{8, 8, 8, 10.0};
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const auto make = [&](DiffusionSpec s, double dt, Grid grid) {
    return [=] { const LodSolver solver(grid, s, dt); };
  };
  expect_invalid(make({-1, 0}, 1, g), "diffusion coefficient D [um^2/s] = -1");
  expect_invalid(make({nan, 0}, 1, g), "diffusion coefficient");
  expect_invalid(make({1, -0.5}, 1, g), "decay rate lambda [1/s] = -0.5");
  expect_invalid(make({1, 0}, 0, g), "time step dt [s] = 0 is invalid; it must be finite and > 0");
  expect_invalid(make({1, 0}, -2, g), "time step dt [s] = -2");
  expect_invalid(make({1, 0}, nan, g), "time step dt");
  expect_invalid(make({1, 0, FaceBoundary::Dirichlet, nan}, 1, g), "Dirichlet boundary value");
  expect_invalid(make({1, 0}, 1, Grid{0, 8, 8, 10.0}), "grid nx = 0");
  expect_invalid(make({1, 0}, 1, Grid{8, 8, 8, 0.0}), "grid dx [um] = 0");
  // D = 0 and λ = 0 are valid.
  EXPECT_NO_THROW(make({0, 0}, 1, g)());
}

TEST(LodArguments, SpansOfTheWrongSizeThrow) {
  const Grid g{8, 6, 4, 10.0};
  const LodSolver solver(g, DiffusionSpec{1, 0.1}, 1.0);
  std::vector<double> u(g.size()), shorter(g.size() - 1), right(g.size());
  expect_invalid([&] { solver.step(shorter); }, "u has 191 values, the grid has 192");
  expect_invalid([&] { solver.step(u, shorter); }, "source has 191 values");
  expect_invalid([&] { solver.step(u, {}, shorter); }, "uptake has 191 values");
  expect_invalid([&] { solver.diffuse(shorter); }, "u has 191 values");
  EXPECT_NO_THROW(solver.step(u, right, right));
  EXPECT_NO_THROW(solver.step(u, {}, right));
}

}  // namespace
}  // namespace hosim
