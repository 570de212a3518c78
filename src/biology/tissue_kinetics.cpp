#include "biology/tissue_kinetics.hpp"

#include <omp.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "biology/environment.hpp"
#include "core/split_ranges.hpp"
#include "model/cell_types.hpp"

namespace hosim {

namespace {

inline double fraction_done(double rate, double dt) {
  return -std::expm1(-rate * dt);
}

// Largest number of cells a voxel and its face neighbours can hold.
constexpr int kMaxNear = 7;

// Flags of the cell a voxel holds, as far as tissue kinetics cares: the
// macrophages clear necrosis in reach, osteoblasts and hypertrophic
// chondrocytes carry ALP into their neighbours, and those two, fibroblasts
// and chondrocytes lay matrix in their own voxel (osteoid, cartilage and
// fibrous tissue: the flags say which, so the voxel's own work needs no
// look-up of its cell).
constexpr std::uint8_t kMacrophage = 1, kOsteoblast = 2, kHypertrophic = 4, kFibroblast = 8,
                       kChondrocyte = 16;
// A voxel holding one of these has work in its own voxel (ALP, matrix);
// one holding another cell has none beyond the necrosis it clears.
constexpr std::uint8_t kWorksHere = kOsteoblast | kHypertrophic | kFibroblast | kChondrocyte;

constexpr std::uint8_t near_flag(CellType t) {
  switch (t) {
    case CellType::MacrophageM1:
    case CellType::MacrophageM2:
      return kMacrophage;
    case CellType::Osteoblast:
      return kOsteoblast;
    case CellType::HypertrophicChondrocyte:
      return kHypertrophic;
    case CellType::Fibroblast:
      return kFibroblast;
    case CellType::Chondrocyte:
      return kChondrocyte;
    default:
      return 0;
  }
}

// near_flag of every type, for a lookup without branches.
constexpr std::array<std::uint8_t, kCellTypeCount> kNearFlag = [] {
  std::array<std::uint8_t, kCellTypeCount> a{};
  for (int t = 0; t < kCellTypeCount; ++t) a[static_cast<std::size_t>(t)] = near_flag(CellType(t));
  return a;
}();

// Flag k spread to the packed counts of cells in reach: macrophage bit 0,
// osteoblast bit 4, hypertrophic bit 8 (4 bits each; at most 6 neighbours).
inline std::uint16_t spread_flags(unsigned k) {
  return static_cast<std::uint16_t>((k & kMacrophage) | ((k & kOsteoblast) << 3) |
                                    ((k & kHypertrophic) << 6));
}

// About how many voxels one work item of the first pass holds: whole rows
// of one x–y plane, so that its arrays (about 30 bytes per voxel) stay in
// the first two cache levels between that pass's loops.
constexpr std::ptrdiff_t kBlockVoxels = 2048;

// The cells in reach of each voxel of a block of m voxels (whole rows of nx
// voxels of one plane, starting at its row y0 and ending before y1; z its
// plane), as packed counts, from the flags of the voxels beside it: those
// that exist; missing neighbours count as empty. Loops over the whole block
// rather than row by row: the default lattice's rows of 60 left most of a
// row's work to the scalar remainder of a vector loop.
void count_in_reach(const Grid& g, const std::uint8_t* near, std::ptrdiff_t first, std::ptrdiff_t m,
                    std::ptrdiff_t y0, std::ptrdiff_t y1, std::ptrdiff_t z,
                    std::uint16_t* __restrict cnt) {
  const std::ptrdiff_t nx = g.nx, ny = g.ny, plane = nx * ny;
  const std::uint8_t* nb = near + first;
  for (std::ptrdiff_t j = 0; j < m; ++j) cnt[j] = 0;
  // x ± 1 across the whole block, then the pairs that straddle two rows
  // (the last voxel of one and the first of the next) taken out again.
  for (std::ptrdiff_t j = 1; j < m; ++j)
    cnt[j] = static_cast<std::uint16_t>(cnt[j] + spread_flags(nb[j - 1]));
  for (std::ptrdiff_t j = 0; j + 1 < m; ++j)
    cnt[j] = static_cast<std::uint16_t>(cnt[j] + spread_flags(nb[j + 1]));
  for (std::ptrdiff_t r = nx; r < m; r += nx) {
    cnt[r] = static_cast<std::uint16_t>(cnt[r] - spread_flags(nb[r - 1]));
    cnt[r - 1] = static_cast<std::uint16_t>(cnt[r - 1] - spread_flags(nb[r]));
  }
  // y ± 1 for the rows that have them, z ± 1 for planes that exist.
  for (std::ptrdiff_t j = y0 == 0 ? nx : 0; j < m; ++j)
    cnt[j] = static_cast<std::uint16_t>(cnt[j] + spread_flags(nb[j - nx]));
  for (std::ptrdiff_t j = 0, end = y1 == ny ? m - nx : m; j < end; ++j)
    cnt[j] = static_cast<std::uint16_t>(cnt[j] + spread_flags(nb[j + nx]));
  if (z > 0)
    for (std::ptrdiff_t j = 0; j < m; ++j)
      cnt[j] = static_cast<std::uint16_t>(cnt[j] + spread_flags(nb[j - plane]));
  if (z < g.nz - 1)
    for (std::ptrdiff_t j = 0; j < m; ++j)
      cnt[j] = static_cast<std::uint16_t>(cnt[j] + spread_flags(nb[j + plane]));
}

// The per-voxel work every voxel of a block gets: necrosis cleared by the
// macrophages in reach (one of eight factors), haematoma resorbed, the ALP
// cleared, and whether anything else is left to do (busy). Most voxels
// have nothing more: no cell laying matrix, no ALP carrier in reach, no
// matrix to lay, resorb, mineralise or mature. For them the rest leaves
// everything as it is and sets the ALP to 0 (0 + w·0); the others get
// their ALP afterwards, before anything reads it. The test is taken with &
// rather than &&, so that the loop has no branch and vectorises: in a lesion
// which voxels are quiet is scattered, and each && was a branch
// mispredicted there (perf, 2026-12-06).
void settle_block(std::ptrdiff_t m, const std::uint8_t* __restrict own_flags,
                  const std::uint16_t* __restrict cnt, const std::array<float, kMaxNear + 1>& keep,
                  float haem_keep, float* __restrict necrosis, float* __restrict haem,
                  float* __restrict alp, const float* __restrict cartilage,
                  const float* __restrict osteoid, const float* __restrict mineral,
                  std::uint8_t* __restrict busy) {
  // The factor's bits chosen by masks: GCC 12 vectorises neither a table
  // lookup here nor a chain of selects (it made them a tree of branches,
  // and the loop ran at 6.3 cycles per voxel with the data in L1; 1.5 with
  // the masks, in a throw-away benchmark of this loop).
  std::array<std::uint32_t, kMaxNear + 1> bits{};
  for (std::size_t k = 0; k < bits.size(); ++k) bits[k] = std::bit_cast<std::uint32_t>(keep[k]);
  for (std::ptrdiff_t j = 0; j < m; ++j) {
    const unsigned own = own_flags[j];
    const unsigned macs = (own & kMacrophage) + (cnt[j] & 0xFu);
    std::uint32_t f = 0;
    for (unsigned k = 0; k <= kMaxNear; ++k)
      f |= (0u - static_cast<std::uint32_t>(macs == k)) & bits[k];
    necrosis[j] *= std::bit_cast<float>(f);
    haem[j] *= haem_keep;
    const bool quiet = (((own & kWorksHere) | (cnt[j] & 0xFF0u)) == 0) & (cartilage[j] == 0) &
                       (osteoid[j] == 0) & (mineral[j] == 0);
    alp[j] = 0.0f;
    busy[j] = quiet ? 0 : 1;
  }
}

// x as it is where keep holds, +0 elsewhere; by its bits, so that the
// choice is no branch (GCC 12 keeps a choice between the results of
// operations that could trap, such as x here, as one, and the loop scalar).
inline double kept_or_zero(bool keep, double x) {
  const std::uint64_t mask = 0u - static_cast<std::uint64_t>(keep);
  return std::bit_cast<double>(std::bit_cast<std::uint64_t>(x) & mask);
}
// a where first holds, else b; by their bits, for the same reason.
inline double chosen(bool first, double a, double b) {
  const std::uint64_t mask = 0u - static_cast<std::uint64_t>(first);
  return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & mask) |
                               (std::bit_cast<std::uint64_t>(b) & ~mask));
}
inline float chosen(bool first, float a, float b) {
  const std::uint32_t mask = 0u - static_cast<std::uint32_t>(first);
  return std::bit_cast<float>((std::bit_cast<std::uint32_t>(a) & mask) |
                              (std::bit_cast<std::uint32_t>(b) & ~mask));
}

// Whether all of x[0, n) are 1.
inline bool all_one(const float* x, std::ptrdiff_t n) {
  unsigned bad = 0;
  for (std::ptrdiff_t j = 0; j < n; ++j) bad |= x[j] != 1.0f ? 1u : 0u;
  return bad == 0;
}

// The step's constants of the vessels' regrowth (below).
struct VesselStep {
  double dt, spread, growth, basal_drive, necrosis_block;
  const OxygenParams* oxygen;
};

// Vessels regrow as a Fisher–KPP front (explicit; spread·dt/dx² ≪ 1/6),
// driven by hypoxia (VEGF via HIF) and unable to enter necrotic tissue (the
// step's necrosis, after clearance). The new densities of a block of whole
// rows (as count_in_reach), into vnew, from the old ones in `vessels`. Each
// voxel's neighbour sum is added in the order of a walk over
// kFaceNeighbours, a missing neighbour adding +0 (the same sum: it starts at
// +0 and so is never −0, and s + 0 = s), in loops over the block that
// vectorise; row_start marks the voxels at x = 0 of a block (so a voxel
// whose next one is marked lies at x = nx − 1). A voxel of density 1 among
// flat neighbours (lap = 0) stays at 1 (no spread, no logistic growth), and
// a block whose voxels and neighbours are all at 1 (healthy muscle) is
// filled with 1 without the sums. o2 may be null (a model without oxygen: no
// HIF drive).
void regrow_block(const Grid& g, std::ptrdiff_t b, std::ptrdiff_t m, std::ptrdiff_t y0,
                  std::ptrdiff_t y1, std::ptrdiff_t z, const VesselStep& c,
                  const float* __restrict vessels, const real* __restrict o2,
                  const float* __restrict necrosis, const std::uint8_t* __restrict anatomy,
                  const std::uint8_t* __restrict row_start, double* __restrict lap,
                  float* __restrict vnew) {
  const std::ptrdiff_t nx = g.nx, ny = g.ny, nz = g.nz, plane = nx * ny;
  const float* v = vessels + b;
  const std::ptrdiff_t below = y0 > 0 ? nx : 0, above = y1 < ny ? nx : 0;
  if (all_one(v - below, below + m + above) && (z == 0 || all_one(v - plane, m)) &&
      (z == nz - 1 || all_one(v + plane, m))) {
    std::fill_n(vnew + b, m, 1.0f);
    return;
  }
  for (std::ptrdiff_t j = 0; j < m; ++j) lap[j] = 0.0;
  for (std::ptrdiff_t j = 0; j + 1 < m; ++j)
    lap[j] += kept_or_zero(row_start[j + 1] == 0, static_cast<double>(v[j + 1]) - v[j]);
  for (std::ptrdiff_t j = 1; j < m; ++j)
    lap[j] += kept_or_zero(row_start[j] == 0, static_cast<double>(v[j - 1]) - v[j]);
  for (std::ptrdiff_t j = 0, end = m - (nx - above); j < end; ++j)
    lap[j] += static_cast<double>(v[j + nx]) - v[j];
  for (std::ptrdiff_t j = nx - below; j < m; ++j) lap[j] += static_cast<double>(v[j - nx]) - v[j];
  if (z < nz - 1)
    for (std::ptrdiff_t j = 0; j < m; ++j) lap[j] += static_cast<double>(v[j + plane]) - v[j];
  if (z > 0)
    for (std::ptrdiff_t j = 0; j < m; ++j) lap[j] += static_cast<double>(v[j - plane]) - v[j];
  const auto regrow = [&](auto with_o2) {
    for (std::ptrdiff_t j = 0; j < m; ++j) {
      const double v0 = v[j], l = lap[j];
      double h = 0.0;
      if constexpr (decltype(with_o2)::value) h = hif(o2[b + j], *c.oxygen);
      const double drive = c.basal_drive + (1.0 - c.basal_drive) * h;
      const double grown = v0 + c.dt * (c.spread * l + c.growth * drive * v0 * (1.0 - v0));
      const bool open = (necrosis[b + j] < c.necrosis_block) & (anatomy[b + j] == 0);
      // Clamped to [0, 1] as std::clamp does (x < 0 gives 0, then 1 < x
      // gives 1, else x: NaN and −0 pass), by bits: std::clamp and
      // std::min/max left the loop scalar.
      const double x = chosen(open, grown, v0);
      const double y = chosen(x < 0.0, 0.0, x);
      const auto next = static_cast<float>(chosen(1.0 < y, 1.0, y));
      vnew[b + j] = chosen((v0 == 1.0) & (l == 0), 1.0f, next);
    }
  };
  if (o2 != nullptr)
    regrow(std::true_type{});
  else
    regrow(std::false_type{});
}

// The first i in [i, end) with (p[i] != 0) == nonzero, or end; eight bytes
// at a time up to the word that holds it (a lesion's runs are thousands of
// voxels long; a byte at a time, this search took about 3 % of the tissue
// step's perf samples in a 40-day default run on one thread).
std::size_t first_where(const std::uint8_t* p, std::size_t i, std::size_t end, bool nonzero) {
  constexpr std::uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  for (; i + 8 <= end; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, p + i, sizeof w);
    // A nonzero word holds a nonzero byte; (w − ones) & ~w & highs is
    // nonzero exactly when w holds a zero byte.
    const bool found = nonzero ? w != 0 : ((w - ones) & ~w & highs) != 0;
    if (found) break;
  }
  while (i < end && (p[i] != 0) != nonzero) ++i;
  return i;
}

}  // namespace

void tissue_step(ModelState& s, const Params& p, double dt, TissueScratch& scratch) {
  const Grid& g = s.grid;
  const std::size_t n = g.size();
  if (scratch.vessels.size() < n || scratch.near.size() < n)
    throw std::logic_error("tissue_step: the lent scratch holds fewer elements than voxels");

  // Which cells the kinetics look at, one byte per voxel: counting them over
  // a neighbourhood is then branch-free (testing occupancy and type per
  // neighbour cost a mispredicted branch per occupied voxel).
  std::uint8_t* near = scratch.near.data();
  const CellType* type = s.cells.type.data();
  {
    // Cleared, then each cell's flag written at its voxel (a cell per voxel,
    // as the occupancy says): a pass over the cells, a quarter of the voxels
    // in a lesion, instead of a lookup of every voxel's occupancy and cell
    // (about 9 % of the tissue step's perf samples, 40-day default, one
    // thread). With the search below, the tissue step of 526a115 and this
    // one alternated every two steps in one 60-day default run: 1 thread
    // 5.82 -> 5.49 s, 2 threads 2.92 -> 2.76 and 3.08 -> 2.91 s.
    const auto ni = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < ni; ++i) near[i] = 0;
    const std::uint32_t* voxel = s.cells.voxel.data();
    const auto nc = static_cast<std::int64_t>(s.cells.size());
#pragma omp parallel for schedule(static)
    for (std::int64_t c = 0; c < nc; ++c)
      near[voxel[c]] = kNearFlag[static_cast<std::size_t>(type[c])];
  }

  float* necrosis = s.tissue.layer(TissueLayer::Necrosis);
  float* haem = s.tissue.layer(TissueLayer::Haemorrhage);
  const float* vessels = s.tissue.layer(TissueLayer::Vessels);
  float* fibrous = s.tissue.layer(TissueLayer::Fibrous);
  float* cartilage = s.tissue.layer(TissueLayer::Cartilage);
  float* osteoid = s.tissue.layer(TissueLayer::Osteoid);
  float* mineral = s.tissue.layer(TissueLayer::Mineral);
  float* maturity = s.tissue.layer(TissueLayer::Maturity);
  float* age = s.tissue.layer(TissueLayer::OsteoidAge);
  float* alp = s.tissue.layer(TissueLayer::Alp);
  float* vnew = scratch.vessels.data();
  const std::uint8_t* anatomy = s.tissue.anatomy.data();
  const FieldIndex f = FieldIndex::of(s);
  const auto values = [&s](int k) -> const real* {
    return k >= 0 ? s.fields[k].values.data() : nullptr;
  };
  const real* acidv = values(f.acid);
  const real* o2v = values(f.o2);
  const real* piv = values(f.phosphate);
  const auto& t = p.tissue;
  const auto& vp = p.vessels;
  const double dx2 = g.dx_um * g.dx_um;
  const double osteoid_per_s = t.osteoid_apposition_um_s / g.dx_um;
  // ALP weight of a cell in a face neighbour (1 for one in the voxel itself).
  // alp_count[own][k] is the sum 1·own + w + … + w (k terms) added in that
  // order, as a loop over the voxel and then its neighbours adds it.
  const double w_alp = 1.0 / face_neighbour_count(g);
  std::array<std::array<double, kMaxNear>, 2> alp_count{};
  for (int own = 0; own < 2; ++own) {
    double sum = own != 0 ? 1.0 : 0.0;
    for (int k = 0; k < kMaxNear; ++k) {
      alp_count[own][k] = sum;
      sum += w_alp;
    }
  }

  // Factors that depend only on the step (the same expressions as inline, so
  // the results do not change): necrosis survival by the number of
  // macrophages in reach, and the constant-rate fractions.
  std::array<float, kMaxNear + 1> necrosis_keep{};
  for (int k = 0; k <= kMaxNear; ++k)
    necrosis_keep[k] =
        static_cast<float>(std::exp(-(t.autolysis_per_s + t.clearance_per_s * k) * dt));
  const auto haem_keep = static_cast<float>(std::exp(-t.haemorrhage_resorption_per_s * dt));
  const double fibrous_done = fraction_done(t.fibrous_rate_per_s, dt);
  const double cartilage_done = fraction_done(t.cartilage_rate_per_s, dt);
  const auto cartilage_keep = static_cast<float>(std::exp(-t.cartilage_resorption_per_s * dt));
  const double osteoid_step = osteoid_per_s * dt;
  // Treatments: etidronate slows the conversion to hydroxyapatite; radiation
  // may slow vascular regrowth (both 1 untreated).
  const double mineral_growth = s.effects.mineral_growth;
  const double vessel_growth = vp.growth_rate_per_s * s.effects.vessel_growth;

  // By blocks of whole rows of one plane (kBlockVoxels): the cells in reach
  // of each voxel counted from the flags around it, the necrosis and
  // haematoma decay and the test for voxels with nothing else to do (most of
  // them), all in loops over the block that vectorise; only the other
  // voxels go on, one at a time, to the rest. Then the block's vessels
  // regrow (regrow_block: the old densities are read, the new ones written
  // apart and copied back once every block is done), in the same pass while
  // the block's necrosis is in cache; that had been a pass of its own, one
  // voxel at a time. Every voxel gets the arithmetic of a walk over its face
  // neighbours.
  //
  // Why blocks, and which voxels are busy: the pass had gone x-line by
  // x-line, and on the default lattice's lines of 60 most of each loop ran
  // in its scalar remainder; the necrosis factor was a lookup in a scalar
  // loop of its own; and every occupied voxel went on to the one-at-a-time
  // part, although a progenitor, a macrophage or a neutrophil (most cells in
  // a lesion) has nothing to do there. In the 60-day default run that part
  // took 232 M of the 829 M voxel-steps, 138 M now. The whole tissue step,
  // the old and the new form alternated every two steps within one 60-day
  // default run (same results; 2026-12-07, AMD EPYC Zen 4): 1 thread 8.33
  // -> 5.91 s, 2 threads 4.75 -> 3.56 s for the steps each form took.
  const VesselStep vessel_step{
      dt, vp.spread_um2_s / dx2, vessel_growth, vp.basal_drive, vp.necrosis_block, &p.oxygen};
  const std::ptrdiff_t nx = g.nx, ny = g.ny, nz = g.nz;
  const std::ptrdiff_t plane = nx * ny;
  const std::ptrdiff_t rows = std::clamp<std::ptrdiff_t>(kBlockVoxels / nx, 1, ny);
  const std::ptrdiff_t per_plane = (ny + rows - 1) / rows;
  // The blocks go out in stretches (core/split_ranges.hpp) rather than
  // static halves: the busy voxels are the lesion's, and a mirrored lattice
  // has its lesion at z = 0, in the first thread's half. Blocks are
  // independent: which thread takes one changes no value.
  SplitRanges work(per_plane * nz, omp_get_max_threads(), 1);
#pragma omp parallel
  {
    const auto cap = static_cast<std::size_t>(rows * nx);
    std::vector<std::uint16_t> counts(cap);
    std::vector<std::uint8_t> busy(cap);
    std::vector<std::ptrdiff_t> busy_at(cap);
    std::vector<double> lap(cap);
    // Which voxels of a block lie at x = 0 (every block starts at x = 0;
    // the voxel before each of them lies at x = nx − 1).
    std::vector<std::uint8_t> row_start(cap);
    for (std::size_t j = 0; j < cap; ++j)
      row_start[j] = j % static_cast<std::size_t>(nx) == 0 ? 1 : 0;
    std::uint16_t* cnt = counts.data();
    std::uint8_t* act = busy.data();
    std::ptrdiff_t* at = busy_at.data();
    work.for_each_taken(omp_get_thread_num(), [&](std::ptrdiff_t k) {
      const std::ptrdiff_t z = k / per_plane, y0 = (k % per_plane) * rows;
      const std::ptrdiff_t y1 = std::min(ny, y0 + rows);
      const std::ptrdiff_t b = z * plane + y0 * nx;
      const std::ptrdiff_t m = (y1 - y0) * nx;
      const std::uint8_t* nl = near + b;
      count_in_reach(g, near, b, m, y0, y1, z, cnt);
      settle_block(m, nl, cnt, necrosis_keep, haem_keep, necrosis + b, haem + b, alp + b,
                   cartilage + b, osteoid + b, mineral + b, act);
      // The busy voxels' positions, in order, gathered without a branch
      // (each is written at the next place, which advances only for a busy
      // voxel): which voxels are busy follows the scattered cells, and a
      // test per voxel in the loop below was mispredicted about as often.
      std::ptrdiff_t busy_count = 0;
      for (std::ptrdiff_t j = 0; j < m; ++j) {
        at[busy_count] = j;
        busy_count += act[j];
      }
      for (std::ptrdiff_t q = 0; q < busy_count; ++q) {
        const std::ptrdiff_t x = at[q];
        const auto i = static_cast<std::size_t>(b + x);
        const unsigned own = nl[x];
        const unsigned nob = (cnt[x] >> 4) & 0xFu, nhc = (cnt[x] >> 8) & 0xFu;
        const double ob = alp_count[(own & kOsteoblast) >> 1][nob];
        const double hc = alp_count[(own & kHypertrophic) >> 2][nhc];
        const double ph = acidv != nullptr ? ph_of(acidv[i], p.acid) : 7.4;
        const double active = ob + t.hypertrophic_alp * hc;
        alp[i] = static_cast<float>(active > 0 ? active * alp_ph_factor(ph, t) : 0.0);

        // Matrix laid by the cell in the voxel.
        if ((own & kFibroblast) != 0)
          fibrous[i] += static_cast<float>(fibrous_done * (1.0 - fibrous[i]));
        if ((own & (kChondrocyte | kHypertrophic)) != 0)
          cartilage[i] += static_cast<float>(cartilage_done * (1.0 - cartilage[i]));
        if (vessels[i] >= vp.invasion && cartilage[i] > 0) cartilage[i] *= cartilage_keep;
        if (osteoid[i] > 0) age[i] += static_cast<float>(dt);
        // The osteoid clock runs from the first osteoid laid in the voxel: the
        // mineralisation lag is the delay from deposition to the onset of
        // mineralisation (MODEL.md §3.7), after which the voxel's osteoid
        // mineralises as a whole.
        if ((own & kOsteoblast) != 0 && osteoid[i] < 1.0f)
          osteoid[i] += static_cast<float>(std::min(osteoid_step, 1.0 - osteoid[i]));

        // Mineralisation of osteoid older than the lag: ALP (removing the
        // pyrophosphate inhibitor), pH and phosphate control the primary rate; a
        // slow secondary mineralisation goes on regardless.
        if (osteoid[i] > mineral[i] && age[i] >= t.mineral_lag_s) {
          const double f_pi = piv != nullptr ? saturating(piv[i], p.phosphate.half_max_mM) : 1.0;
          const double rate = (t.mineral_rate_per_s * saturating(alp[i], t.alp_half) *
                                   mineral_ph_factor(ph, t) * f_pi +
                               t.secondary_rate_per_s * mineral_ph_factor(ph, t)) *
                              mineral_growth;
          mineral[i] += static_cast<float>(fraction_done(rate, dt) * (osteoid[i] - mineral[i]));
        }
        // Only mineralised osteoid matures into lamellar bone; precipitate
        // outside osteoid (calcinosis) does not.
        if (mineral[i] > 0 && osteoid[i] > 0)
          maturity[i] += static_cast<float>(
              fraction_done(t.maturation_rate_per_s * std::min(mineral[i], osteoid[i]) / osteoid[i],
                            dt) *
              (1.0 - maturity[i]));
      }
      regrow_block(g, b, m, y0, y1, z, vessel_step, vessels, o2v, necrosis, anatomy,
                   row_start.data(), lap.data(), vnew);
    });
  }

  {
    float* v = s.tissue.layer(TissueLayer::Vessels);
    const auto ni = static_cast<std::int64_t>(n);
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < ni; ++i) v[i] = vnew[i];
  }

  // Serum ALP: production from the mean ALP activity over the lesion (so the
  // estimate does not scale with the simulated volume: the lesion stands for
  // a clinical one), first-order clearance towards the baseline, exact over dt.
  // The sum is serial, in voxel order (it must not depend on the thread
  // count), over the lesion's voxels only, as adding 0 would change nothing.
  // Where they lie is found in parallel first: each of a fixed set of blocks
  // of voxels lists its runs of lesion voxels, and the serial loop then
  // visits only those (it had walked every voxel of the lattice while the
  // other threads waited). Both loops timed in one run, the same sums
  // (2026-12-07, AMD EPYC Zen 4, 2 threads): 12-day default 0.162 → 0.091
  // s in all; the 200×200×100 injury's first day 0.384 → 0.173 s, its
  // lesion being most of that lattice (the serial additions remain).
  double activity = 0;
  std::size_t lesion = 0;
  {
    const auto* injured = s.tissue.injured.data();
    const std::size_t blocks = std::max<std::size_t>(1, std::min<std::size_t>(64, n / 4096));
    std::vector<std::vector<std::size_t>> runs(blocks);  // begin, end, begin, end, ...
    const auto nb = static_cast<std::int64_t>(blocks);
#pragma omp parallel for schedule(static)
    for (std::int64_t b = 0; b < nb; ++b) {
      const auto bb = static_cast<std::size_t>(b);
      const std::size_t end = n * (bb + 1) / blocks;
      auto& mine = runs[bb];
      for (std::size_t i = n * bb / blocks; i < end;) {
        i = first_where(injured, i, end, true);
        if (i == end) break;
        mine.push_back(i);
        i = first_where(injured, i, end, false);
        mine.push_back(i);
      }
    }
    for (const auto& block : runs)
      for (std::size_t r = 0; r < block.size(); r += 2) {
        for (std::size_t i = block[r]; i < block[r + 1]; ++i) activity += alp[i];
        lesion += block[r + 1] - block[r];
      }
  }
  if (lesion > 0) activity /= static_cast<double>(lesion);
  const auto& r = p.readouts;
  const double k = std::log(2.0) / r.alp_half_life_s;
  const double target = r.alp_baseline_U_L + r.alp_per_activity_U_L_s * activity / k;
  s.systemic.serum_alp_U_L = target + (s.systemic.serum_alp_U_L - target) * std::exp(-k * dt);
}

}  // namespace hosim
