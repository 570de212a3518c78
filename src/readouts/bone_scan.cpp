#include "readouts/bone_scan.hpp"

#include "readouts/ordered_sums.hpp"
#include "readouts/zones.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace hosim {

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

  // Lesion sums of (voxels, flow, pool, delayed) at [0..3], far-field
  // background at [4..7], every non-injured voxel (the fallback background)
  // at [8..11].
  const auto t = ordered_sums<12>(g.size(), [&](std::array<double, 12>& acc, std::size_t i) {
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
      if (frame.rho2(i) < 4.0) return;
      slot = 4;
    }
    acc[slot] += 1;
    acc[slot + 1] += flow;
    acc[slot + 2] += pool;
    acc[slot + 3] += delayed;
  });
  const std::size_t bg = t[4] > 0 ? 4 : 8;  // far field, else every non-injured voxel
  const auto ratio = [&](int q) {
    const double lesion = t[0] > 0 ? t[q] / t[0] : std::numeric_limits<double>::quiet_NaN();
    const double back = t[bg] > 0 ? t[bg + q] / t[bg] : 0.0;
    return back > 0 ? lesion / back : std::numeric_limits<double>::quiet_NaN();
  };
  return {ratio(1), ratio(2), ratio(3)};
}

}  // namespace hosim
