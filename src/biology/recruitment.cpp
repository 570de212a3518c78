#include "biology/recruitment.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include "biology/environment.hpp"
#include "core/neighbours.hpp"
#include "core/philox_batch.hpp"
#include "core/rng.hpp"

namespace hosim {

namespace {

// Writes 1 into marks[v] where voxel v or a face neighbour holds developed
// precipitate (mineral outside osteoid of at least precipitation.surface),
// 0 elsewhere: the foreign body that keeps calling monocytes (MODEL.md §3.8).
void mark_foreign_body(const ModelState& s, const Params& p, std::span<std::uint8_t> marks) {
  const float* mineral = s.tissue.layer(TissueLayer::Mineral);
  const float* osteoid = s.tissue.layer(TissueLayer::Osteoid);
  const auto developed = static_cast<float>(p.precipitation.surface_mineral);
  const auto deposit = [&](std::size_t v) { return mineral[v] - osteoid[v] >= developed; };
  for_each_voxel_with_neighbours(s.grid, [&](std::size_t i, const auto& nb) {
    bool near = deposit(i);
    for (int d = 0; d < nb.count && !near; ++d) near = deposit(nb.index[d]);
    marks[i] = near ? 1 : 0;
  });
}

}  // namespace

RecruitmentCounts recruit(ModelState& s, const Params& p, double dt_s,
                          std::span<std::uint8_t> scratch) {
  RecruitmentCounts counts;
  const int inf = s.field_index("inflammation");
  if (inf < 0) return counts;
  const auto& r = p.recruitment;
  // The early chemokine burst that calls neutrophils and the slower monocyte
  // call both fade with time after injury (MODEL.md §3.2 timeline); a later
  // injury (a surgical wound) starts bursts of its own.
  const double t = s.time_s;
  double neut_rate = 0, mac_rate = 0;
  for (const double t_injury : s.systemic.injury_times_s) {
    if (t < t_injury) continue;
    neut_rate += r.neutrophil_rate_per_s * std::exp(-(t - t_injury) / r.neutrophil_window_s);
    mac_rate += r.macrophage_rate_per_s * std::exp(-(t - t_injury) / r.macrophage_window_s);
  }
  // The foreign-body call does not fade: it lasts as long as the deposits.
  const double fb_rate = precipitation_possible(p) ? r.foreign_body_per_s : 0.0;
  if (neut_rate * dt_s < 1e-12 && mac_rate * dt_s < 1e-12 && fb_rate * dt_s < 1e-12) return counts;

  const std::size_t n = s.grid.size();
  if (scratch.size() < n)
    throw std::logic_error("recruit: the lent scratch holds fewer marks than voxels");
  // With a foreign-body call, the scratch first holds each voxel's cue (only
  // a run that can precipitate has one, so the HO scenarios skip the scan);
  // the loop below reads a voxel's cue and then overwrites it with its
  // recruit (or 0), touching no other voxel.
  const bool foreign_body = fb_rate > 0;
  if (foreign_body) mark_foreign_body(s, p, scratch);
  const real* signal = s.fields[inf].values.data();
  const float* vessels = s.tissue.layer(TissueLayer::Vessels);
  // Voxels go in chunks: a chunk's candidates are gathered first, and the
  // first Philox block of each one's stream is computed for all of them
  // together (core/philox_batch.hpp: the same numbers for about a third of
  // the cost; one block per candidate voxel and step was most of this
  // operator's time).
  constexpr std::size_t kChunk = 64;
  const auto chunks = static_cast<std::int64_t>((n + kChunk - 1) / kChunk);
  const auto step = static_cast<std::uint64_t>(s.step);
  const double min_vessels = r.min_vessels;
#pragma omp parallel for schedule(static)
  for (std::int64_t c = 0; c < chunks; ++c) {
    // The chunk's arrays as restricted pointers, the marks the only ones
    // written (within this block; placing the recruits below writes the
    // occupancy). Written through `scratch` (bytes, which may alias
    // anything), every store made GCC reload the state's array pointers and
    // kept the scan scalar.
    std::uint8_t* __restrict marks = scratch.data();
    const std::int32_t* __restrict occupancy = s.occupancy.data();
    const std::uint8_t* __restrict anatomy = s.tissue.anatomy.data();
    const float* __restrict mineral = s.tissue.layer(TissueLayer::Mineral);
    std::uint64_t candidate[kChunk];
    bool near[kChunk];
    // The first block of each candidate's stream, by word (word j of
    // candidate k at words[j][k]): only the first uniform is drawn.
    alignas(64) std::uint32_t words[4][kChunk];
    std::size_t m = 0;
    const std::size_t first = static_cast<std::size_t>(c) * kChunk;
    const std::size_t end = std::min(n, first + kChunk);
    // Each voxel's verdict first (bit 0: a candidate, bit 1: beside a
    // deposit), in a loop of loads and compares alone, which vectorises;
    // then the candidates listed without a branch: every voxel is written at
    // position m, which advances only for a candidate (a quarter of the
    // voxels hold a cell, scattered, so a branch per voxel was mispredicted
    // often).
    std::uint8_t verdict[kChunk];
    const std::size_t len = end - first;
    for (std::size_t k = 0; k < len; ++k) {
      const std::size_t v = first + k;
      const bool near_deposit = foreign_body & (marks[v] != 0);
      marks[v] = 0;
      // The vessel floor negated as written, so that a NaN decides as before.
      const bool open = (occupancy[v] < 0) & !(vessels[v] < min_vessels) &
                        !closed_voxel_of(anatomy[v], mineral[v], p.tissue);
      const bool called = (signal[v] > 0) | near_deposit;
      verdict[k] = static_cast<std::uint8_t>(static_cast<unsigned>(open & called) |
                                             (static_cast<unsigned>(near_deposit) << 1));
    }
    for (std::size_t k = 0; k < len; ++k) {
      near[m] = (verdict[k] >> 1) != 0;
      candidate[m] = first + k;
      m += verdict[k] & 1u;
    }
    philox_first_words(s.seed, step, RngPurpose::Recruitment, candidate, m, words[0], kChunk);
    for (std::size_t k = 0; k < m; ++k) {
      const auto v = static_cast<std::size_t>(candidate[k]);
      const double fb = near[k] ? fb_rate * vessels[v] : 0.0;
      const double u = RandomStream::uniform_of(words[0][k], words[1][k]);
      // A draw beyond the bound of the summed rates recruits nothing, and
      // most draws are, so the exact probabilities are needed only below it.
      // The Hill factor q/(1 + q) is below 1, so the bound with the vessel
      // density alone in place of the signal term lets most voxels skip the
      // pow (a third of the operator's time): rounded products and sums are
      // monotone, so whatever passes this test would also pass the exact one.
      if (beyond_event_bound(u, neut_rate * vessels[v] + mac_rate * vessels[v] + fb, dt_s))
        continue;
      double sig = 0;
      if (signal[v] > 0) {
        const double q = std::pow(signal[v] / p.inflammation.half_max_nM, r.hill);
        sig = q / (1.0 + q) * vessels[v];
      }
      if (sig <= 0 && fb <= 0) continue;
      if (beyond_event_bound(u, neut_rate * sig + mac_rate * sig + fb, dt_s)) continue;
      const double pn = event_probability(neut_rate * sig, dt_s);
      const double pm = event_probability(mac_rate * sig, dt_s);
      const double pf = fb > 0 ? event_probability(fb, dt_s) : 0.0;
      if (u < pn)
        marks[v] = static_cast<std::uint8_t>(CellType::Neutrophil);
      else if (u < pn + pm + pf)
        marks[v] = static_cast<std::uint8_t>(CellType::MacrophageM1);
    }
  }
  // Serial, in voxel order (the ids). Recruits are few: eight marks at a
  // time are skipped while all are 0.
  for (std::size_t v = 0; v < n; ++v) {
    if (std::uint64_t eight = 0; v + 8 <= n) {
      std::memcpy(&eight, scratch.data() + v, sizeof eight);
      if (eight == 0) {
        v += 7;
        continue;
      }
    }
    if (scratch[v] == 0) continue;
    const auto type = static_cast<CellType>(scratch[v]);
    s.cells.push(s.next_cell_id++, type, static_cast<std::uint32_t>(v), 0.0, 0.0);
    s.occupancy[v] = static_cast<std::int32_t>(s.cells.size() - 1);
    (type == CellType::Neutrophil ? counts.neutrophils : counts.macrophages) += 1;
  }
  return counts;
}

}  // namespace hosim
