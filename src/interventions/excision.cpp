// Surgical excision (MODEL.md §4): at each operation the radiographically
// visible HO (mineral above tissue.ho_threshold) inside the region is cut
// out with a margin; every cell and all matrix in the excised volume go.
// The wound is a fresh injury in two parts: the excised volume is dead space
// that fills with haematoma (delivering progenitors) and has lost its
// vessels; the tissue left within wound.depth of the cut takes the damage
// (necrosis with its acid, BMP and signal release, vessel loss). Recurrence
// is not imposed: it grows from the wound and from what the surgeon could
// not see (osteoid, cartilage and committed cells outside the mineral),
// which is more in an immature lesion than in a mature one.
#include <array>
#include <cmath>
#include <vector>

#include "core/rng.hpp"
#include "interventions/schedule.hpp"
#include "model/scenario.hpp"

namespace hosim {

namespace {

// The voxel offsets within radius_um of a voxel (distance between centres;
// in the slice's plane for a 2D grid).
std::vector<std::array<int, 3>> ball_offsets(const Grid& g, double radius_um) {
  const int r = static_cast<int>(std::floor(radius_um / g.dx_um + 1e-9));
  std::vector<std::array<int, 3>> ball;
  for (int dz = (g.nz > 1 ? -r : 0); dz <= (g.nz > 1 ? r : 0); ++dz)
    for (int dy = -r; dy <= r; ++dy)
      for (int dx = -r; dx <= r; ++dx)
        if ((dx * dx + dy * dy + dz * dz) * g.dx_um * g.dx_um <= radius_um * radius_um + 1e-9)
          ball.push_back({dx, dy, dz});
  return ball;
}

class ExcisionHook : public Intervention {
 public:
  ExcisionHook(Timing tm, EffectRegion region, double margin_um, double depth_um, Wound wound)
      : tm_(tm), region_(region), margin_um_(margin_um), depth_um_(depth_um), wound_(wound) {}

  void step(HookContext& ctx) override {
    for (int k = 0; k < tm_.doses; ++k)
      if (ctx.in_step(tm_.dose_time(k))) operate(ctx);
  }

  void operate(HookContext& ctx) const {
    ModelState& s = ctx.state;
    const Params& p = ctx.params;
    const Grid& g = s.grid;
    const std::size_t n = g.size();
    float* mineral = s.tissue.layer(TissueLayer::Mineral);

    // The excised volume: visible HO in the region, dilated by the margin.
    const std::vector<std::array<int, 3>> ball = ball_offsets(g, margin_um_);
    std::vector<std::uint8_t> cut(n, 0);
    double mineral_removed = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (mineral[i] < p.tissue.ho_threshold || !in_region(g, region_, i)) continue;
      const auto c = g.coords(i);
      for (const auto& d : ball) {
        const int x = c[0] + d[0], y = c[1] + d[1], z = c[2] + d[2];
        if (g.inside(x, y, z)) cut[g.index(x, y, z)] = 1;
      }
    }
    std::vector<std::size_t> excised;
    std::vector<std::uint8_t> dead(s.cells.size(), 0);
    for (std::size_t i = 0; i < n; ++i) {
      if (cut[i] == 0) continue;
      excised.push_back(i);
      mineral_removed += mineral[i];
      if (s.occupancy[i] >= 0) dead[static_cast<std::size_t>(s.occupancy[i])] = 1;
    }
    const std::size_t volume = excised.size();
    const std::size_t removed = s.remove_cells(dead);
    for (const TissueLayer l :
         {TissueLayer::Fibrous, TissueLayer::Cartilage, TissueLayer::Osteoid, TissueLayer::Mineral,
          TissueLayer::Maturity, TissueLayer::OsteoidAge, TissueLayer::Alp}) {
      float* v = s.tissue.layer(l);
      for (const std::size_t i : excised) v[i] = 0.0f;
    }
    // The wound. The excised tissue leaves with the specimen, so the volume
    // it leaves is dead space that fills with haematoma (and loses its
    // vessels); the damage of the operation (necrosis with its acid, BMP and
    // signal release, and vessel loss) lies in the tissue left within
    // `depth` of the cut. One stream per voxel keyed by this entry (top byte).
    const std::vector<std::size_t> surface = cut_surface(g, cut, excised);
    const auto wound_at = [&](std::size_t i, const Wound& w) {
      RandomStream rs(s.seed, static_cast<std::uint64_t>(s.step),
                      static_cast<std::uint64_t>(i) ^ (static_cast<std::uint64_t>(ctx.hook) << 56),
                      RngPurpose::Intervention);
      wound_voxel(s, p, i, w, rs);
    };
    for (const std::size_t i : excised) wound_at(i, Wound{0.0, wound_.haemorrhage, wound_.vessels});
    for (const std::size_t i : surface) wound_at(i, Wound{wound_.necrosis, 0.0, wound_.vessels});
    // The wound starts its own inflammatory call (recruitment windows).
    if (volume > 0) s.systemic.injury_times_s.push_back(ctx.t0_s);
    const double mm3 = std::pow(g.dx_um * 1e-3, 3);
    ctx.log("excised_volume", ctx.whole_domain(static_cast<double>(volume) * mm3), "mm^3");
    ctx.log("mineral_removed", ctx.whole_domain(mineral_removed * mm3), "mm^3");
    ctx.log("cells_removed", ctx.whole_domain(static_cast<double>(removed)), "cells");
  }

  // The voxels outside the excised volume `cut` within depth_um_ of it (the
  // Euclidean distance between voxel centres), in index order.
  [[nodiscard]] std::vector<std::size_t> cut_surface(
      const Grid& g, const std::vector<std::uint8_t>& cut,
      const std::vector<std::size_t>& excised) const {
    const std::vector<std::array<int, 3>> ball = ball_offsets(g, depth_um_);
    if (ball.size() <= 1 || excised.empty()) return {};  // thinner than a voxel: no surface
    std::vector<std::uint8_t> near(cut.size(), 0);
    for (const std::size_t i : excised) {
      const auto c = g.coords(i);
      // Only the excised voxels on the edge of the volume reach outside it.
      bool edge = false;
      for (int f = 0; f < face_neighbour_count(g) && !edge; ++f) {
        const auto& d = kFaceNeighbours[f];
        const int x = c[0] + d[0], y = c[1] + d[1], z = c[2] + d[2];
        edge = g.inside(x, y, z) && cut[g.index(x, y, z)] == 0;
      }
      if (!edge) continue;
      for (const auto& d : ball) {
        const int x = c[0] + d[0], y = c[1] + d[1], z = c[2] + d[2];
        if (g.inside(x, y, z)) near[g.index(x, y, z)] = 1;
      }
    }
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < near.size(); ++i)
      if (near[i] != 0 && cut[i] == 0) out.push_back(i);
    return out;
  }

  [[nodiscard]] std::vector<HookColumn> columns() const override {
    return {{"excised_volume", "mm^3", "cumulative volume cut out"},
            {"mineral_removed", "mm^3", "cumulative mineral volume cut out"},
            {"cells_removed", "cells", "cumulative cells cut out"}};
  }
  [[nodiscard]] double column_value(std::size_t c, const ModelState& s,
                                    std::int32_t hook) const override {
    static const char* const kActions[] = {"excised_volume", "mineral_removed", "cells_removed"};
    return hook_util::logged_total(s, hook, kActions[c]);
  }

 private:
  Timing tm_;
  EffectRegion region_;
  double margin_um_;
  double depth_um_;
  Wound wound_;
};

}  // namespace

InterventionType excision_type() {
  InterventionType t;
  t.name = "excision";
  t.summary =
      "surgical excision: cuts out the visible HO (mineral above tissue.ho_threshold) in the "
      "region with a margin and leaves a wound that heals like an injury";
  t.source =
      "MODEL.md §4; excision traditionally waits 12-18 months for maturity (Garland & Orwin, "
      "via Pavey 2015 Clin Orthop 473:2814), though later series found timing did not change "
      "recurrence (Genêt 2011 PLoS One 6:e16632)";
  t.timing = TimingKind::Doses;
  std::vector<HookKey> keys = {
      {.key = "margin",
       .unit = "um",
       .def = 60,
       .lo = 0,
       .hi = 1e5,
       .meaning = "tissue taken around the visible HO",
       .source = "a thin margin around the radiographic mass (est.)"},
      {.key = "wound.depth",
       .unit = "um",
       .def = 100,
       .lo = 0,
       .hi = 1e4,
       .meaning = "thickness of the cut surface: the tissue left within this distance of the "
                  "excised volume takes the operation's necrosis and vessel loss (0: none)",
       .source = "lateral tissue damage of surgical dissection, 0.08-0.48 mm for an ultrasonic "
                 "scalpel in pig abdominal wall (Pogorelic 2009 Eur Surg Res 43:235) (est.)"},
      {.key = "wound.necrosis",
       .def = 0.5,
       .lo = 0,
       .hi = 1,
       .meaning = "necrotic fraction the operation leaves in the cut surface (wound.depth; also "
                  "scales its acid, BMP and signal release; the contusion is 1)",
       .source = "a surgical wound is cleaner than a crush injury (est.)"},
      {.key = "wound.haemorrhage",
       .def = 0.5,
       .lo = 0,
       .hi = 1,
       .meaning = "haematoma fraction in the excised volume, the dead space the specimen "
                  "leaves (delivers progenitors at recruitment.mpc_haemorrhage)",
       .source = "bleeding is controlled at surgery (est.)"},
      {.key = "wound.vessels",
       .def = 1,
       .lo = 0,
       .hi = 1,
       .meaning = "share of the vessels destroyed in the excised volume and the cut surface, "
                  "times injury.vessel_damage",
       .source = "the excised volume is removed with its vessels (est.)"},
  };
  for (auto& k : hook_util::region_keys("the whole domain")) keys.push_back(k);
  t.keys = keys;
  t.make = [](const HookSettings& s, const Timing& tm, const Params&) {
    return std::make_unique<ExcisionHook>(
        tm, hook_util::region_of(s, EffectRegion{}), s.real("margin"), s.real("wound.depth"),
        Wound{s.real("wound.necrosis"), s.real("wound.haemorrhage"), s.real("wound.vessels")});
  };
  return t;
}

}  // namespace hosim
