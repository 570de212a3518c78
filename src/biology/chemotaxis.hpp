#pragma once
// The choice among a moving cell's open, empty neighbours, each weighted
// 1 + chi·tanh(g) (biology/rules.hpp, migrate), made without calling tanh
// in almost every case, and always with the result of calling it.
//
// Why: std::tanh (an expm1 inside) was about a twentieth of a default run.
// Immune cells hop three steps in four and weigh up to six neighbours each.
//
// How it stays exact: the choice only asks which interval of the running
// weights u·total falls in. Each tanh is bracketed (tanh_bracket: linear
// interpolation in a table of std::tanh itself, widened by more than the
// interpolation error), and the choice's floating-point steps are taken on
// the ends of the brackets: 1 + chi·t, the running sum, u·total and r − w
// are each monotonic in their operands (chi ≥ 0, u ≥ 0), so the values the
// exact computation would produce lie between them. When the brackets
// decide every comparison the exact choice makes, that is its result; when
// one falls inside (of the order of once in 10⁴ moves), the exact weights
// are computed. So the chosen neighbour is the one std::tanh gives, bit for
// bit (tests/biology/chemotaxis_test.cpp compares them, near ties included).

namespace hosim {

// The table tanh_bracket interpolates: std::tanh(j / kPerUnit) at nodes
// j = 0 … kNodes, and the margin each bracket is widened by. Exposed for
// the batched hop (biology/hop_batch.hpp), which brackets the same way.
namespace tanh_table {
inline constexpr int kPerUnit = 64;
inline constexpr int kNodes = 16 * kPerUnit;  // beyond 16, tanh is within 2.6e-14 of 1
// Linear interpolation between nodes h apart is off by at most
// h²/8 · max|tanh''| = (1/64)²/8 · 4/(3√3) = 2.35e-5; the nodes and the
// tanh being bracketed are std::tanh, each within 1e-12 of tanh, and the
// interpolation's own rounding is about 1e-16. 3e-5 covers all of it.
inline constexpr double kMargin = 3e-5;
// kNodes + 1 values.
[[nodiscard]] const double* nodes();
}  // namespace tanh_table

struct TanhBracket {
  double lo, hi;
};

// lo ≤ std::tanh(g) ≤ hi for finite g, given a std::tanh within 1e-12 of
// tanh (glibc: within 2 ulp). Width at most 6.1e-5.
[[nodiscard]] TanhBracket tanh_bracket(double g);

// Of k candidates, those with open[i] weighted 1 + chi·std::tanh(g[i]) and
// the others 0, chi in [0, 1]: the index of the one the walk through the
// running weights picks at u01·total (the first i with r < w_i, r reduced
// by each weight passed; the last positive one if rounding passes them
// all), as choose_weighted (model/cell_engine.hpp) does; -1 when no
// weight is positive. k ≤ 6.
[[nodiscard]] int chemotactic_choice(const double* g, const bool* open, int k, double chi,
                                     double u01);

// The same with every weight computed by std::tanh: the reference.
[[nodiscard]] int chemotactic_choice_exact(const double* g, const bool* open, int k, double chi,
                                           double u01);

}  // namespace hosim
