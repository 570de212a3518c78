#include "biology/chemotaxis.hpp"

#include <array>
#include <cmath>

#include "model/cell_engine.hpp"

namespace hosim {

namespace tanh_table {

const double* nodes() {
  static const std::array<double, kNodes + 1> t = [] {
    std::array<double, kNodes + 1> v{};
    for (int j = 0; j <= kNodes; ++j)
      v[static_cast<std::size_t>(j)] = std::tanh(static_cast<double>(j) / kPerUnit);
    return v;
  }();
  return t.data();
}

}  // namespace tanh_table

TanhBracket tanh_bracket(double g) {
  using tanh_table::kMargin, tanh_table::kPerUnit;
  const double a = std::fabs(g);
  double lo = 1 - kMargin, hi = 1 + kMargin;
  if (a < 16) {
    // a·64 is exact (a power of two), and so is s − j (Sterbenz).
    const double s = a * kPerUnit;
    const auto j = static_cast<std::size_t>(s);
    const double f = s - static_cast<double>(j);
    const double* t = tanh_table::nodes();
    const double mid = t[j] + (t[j + 1] - t[j]) * f;
    lo = mid - kMargin;
    hi = mid + kMargin;
  }
  // tanh is odd, and std::tanh(−x) = −std::tanh(x) within the same error.
  return g < 0 ? TanhBracket{-hi, -lo} : TanhBracket{lo, hi};
}

int chemotactic_choice_exact(const double* g, const bool* open, int k, double chi, double u01) {
  double w[6];
  for (int i = 0; i < k; ++i) w[i] = open[i] ? (chi == 0 ? 1.0 : 1.0 + chi * std::tanh(g[i])) : 0.0;
  return choose_weighted(w, k, u01);
}

int chemotactic_choice(const double* g, const bool* open, int k, double chi, double u01) {
  if (chi == 0) return chemotactic_choice_exact(g, open, k, chi, u01);
  int index[6];
  double wlo[6], whi[6];
  int m = 0;
  double total_lo = 0, total_hi = 0;
  for (int i = 0; i < k; ++i) {
    if (!open[i]) continue;  // weight 0: not positive, dropped
    // A NaN or infinite attraction: the exact path says what it does.
    if (!std::isfinite(g[i])) return chemotactic_choice_exact(g, open, k, chi, u01);
    const TanhBracket t = tanh_bracket(g[i]);
    const double lo = 1.0 + chi * t.lo;
    const double hi = 1.0 + chi * t.hi;
    if (!(lo > 0)) {
      if (!(hi > 0)) continue;  // not positive whatever tanh is exactly
      return chemotactic_choice_exact(g, open, k, chi, u01);
    }
    index[m] = i;
    wlo[m] = lo;
    whi[m] = hi;
    total_lo += lo;
    total_hi += hi;
    ++m;
  }
  if (m == 0) return -1;
  double r_lo = u01 * total_lo, r_hi = u01 * total_hi;
  for (int i = 0; i < m; ++i) {
    if (i == m - 1) return index[i];
    if (r_hi < wlo[i]) return index[i];  // r < w for certain
    if (!(r_lo >= whi[i])) return chemotactic_choice_exact(g, open, k, chi, u01);
    r_lo -= whi[i];  // r ≥ w for certain; the next r between these
    r_hi -= wlo[i];
  }
  return -1;
}

}  // namespace hosim
