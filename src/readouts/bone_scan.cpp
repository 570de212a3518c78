#include "readouts/bone_scan.hpp"

#include "readouts/zones.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace hosim {

namespace {

// Per block: lesion and background sums of (voxels, flow, pool, delayed),
// and the same over every non-injured voxel (the fallback background).
using ScanSums = std::array<double, 12>;

}  // namespace

BoneScan bone_scan(const ModelState& s, const Params& p) {
  const Grid& g = s.grid;
  const InjuryFrame frame = injury_frame(s, p);
  const float* vessels = s.tissue.layer(TissueLayer::Vessels);
  const float* muscle = s.tissue.layer(TissueLayer::Muscle);
  const float* osteoid = s.tissue.layer(TissueLayer::Osteoid);
  const float* mineral = s.tissue.layer(TissueLayer::Mineral);
  const float* alp = s.tissue.layer(TissueLayer::Alp);
  const int fi = s.field_index("inflammation");
  const real* infl = fi >= 0 ? s.fields[fi].values.data() : nullptr;
  const std::uint8_t* injured = s.tissue.injured.data();
  const auto& r = p.readouts;
  const double k_i = p.inflammation.half_max_nM, k_a = p.tissue.alp_half;

  const std::size_t nv = g.size();
  constexpr std::size_t kBlock = 4096;  // fixed blocks summed in order: thread-count independent
  const std::size_t nb = (nv + kBlock - 1) / kBlock;
  std::vector<ScanSums> partial(nb);
  const auto nbi = static_cast<std::int64_t>(nb);
#pragma omp parallel for schedule(static)
  for (std::int64_t b = 0; b < nbi; ++b) {
    ScanSums acc{};
    const std::size_t lo = static_cast<std::size_t>(b) * kBlock;
    const std::size_t hi = std::min(lo + kBlock, nv);
    for (std::size_t i = lo; i < hi; ++i) {
      const double v = vessels[i];
      const double si = infl != nullptr ? std::max(0.0, double(infl[i])) : 0.0;
      const double flow = v * (1.0 + r.scan_hyperaemia * si / (si + k_i));
      const double pool = flow + r.scan_leak * v * (1.0 - muscle[i]);
      const double a = alp[i];
      const double front = osteoid[i] > mineral[i] ? a / (a + k_a) : 0.0;
      const double delayed = v * (r.scan_background + front);
      int slot;
      if (injured[i]) {
        slot = 0;
      } else {
        acc[8] += 1;
        acc[9] += flow;
        acc[10] += pool;
        acc[11] += delayed;
        if (frame.rho2(i) < 4.0) continue;
        slot = 4;
      }
      acc[slot] += 1;
      acc[slot + 1] += flow;
      acc[slot + 2] += pool;
      acc[slot + 3] += delayed;
    }
    partial[static_cast<std::size_t>(b)] = acc;
  }
  ScanSums t{};
  for (const ScanSums& part : partial)
    for (std::size_t q = 0; q < t.size(); ++q) t[q] += part[q];
  const std::size_t bg = t[4] > 0 ? 4 : 8;  // far field, else every non-injured voxel
  const auto ratio = [&](int q) {
    const double lesion = t[0] > 0 ? t[q] / t[0] : std::numeric_limits<double>::quiet_NaN();
    const double back = t[bg] > 0 ? t[bg + q] / t[bg] : 0.0;
    return back > 0 ? lesion / back : std::numeric_limits<double>::quiet_NaN();
  };
  return {ratio(1), ratio(2), ratio(3)};
}

}  // namespace hosim
