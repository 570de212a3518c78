#pragma once
// Deterministic parallel sums over the voxels: fixed blocks of 4096 summed in
// order, so the result is bit-identical for any number of threads (the
// readouts' rule; DESIGN.md §4).
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace hosim {

// K sums at once: add(acc, i) adds voxel i's contributions into acc.
template <std::size_t K, class Add>
[[nodiscard]] std::array<double, K> ordered_sums(std::size_t n, Add&& add) {
  constexpr std::size_t kBlock = 4096;
  const std::size_t nb = (n + kBlock - 1) / kBlock;
  std::vector<std::array<double, K>> partial(nb);
  const auto nbi = static_cast<std::int64_t>(nb);
#pragma omp parallel for schedule(static)
  for (std::int64_t b = 0; b < nbi; ++b) {
    std::array<double, K> acc{};
    const std::size_t lo = static_cast<std::size_t>(b) * kBlock;
    const std::size_t hi = lo + kBlock < n ? lo + kBlock : n;
    for (std::size_t i = lo; i < hi; ++i) add(acc, i);
    partial[static_cast<std::size_t>(b)] = acc;
  }
  std::array<double, K> total{};
  for (const auto& part : partial)
    for (std::size_t k = 0; k < K; ++k) total[k] += part[k];
  return total;
}

// The sum of f(i) over [0, n).
template <class F>
[[nodiscard]] double ordered_sum(std::size_t n, F&& f) {
  return ordered_sums<1>(n, [&](std::array<double, 1>& acc, std::size_t i) { acc[0] += f(i); })[0];
}

}  // namespace hosim
