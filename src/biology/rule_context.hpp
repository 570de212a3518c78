#pragma once
// What a cell rule sees: the state at the start of the step (read only), the
// parameters and the step. Rules are pure functions of this, the cell's slot
// and its counter-based random streams.
#include <array>
#include <cmath>
#include <cstdint>

#include "biology/environment.hpp"
#include "config/params.hpp"
#include "core/philox_batch.hpp"
#include "core/rng.hpp"
#include "model/proposal.hpp"
#include "model/state.hpp"

namespace hosim {

// Per-step probabilities of the events whose rate is a parameter, computed
// once per step rather than once per cell (the same expression, so the same
// value: an expm1 per cell and event was a tenth of the cell step).
struct StepChances {
  // Death by cell type, with enough oxygen and below oxygen.anoxia (the
  // type's apoptosis rate plus its anoxic death rate).
  std::array<double, kCellTypeCount> death{}, anoxic_death{};
  double m1_to_m2, hypertrophy, replacement, osteocyte_embedding;

  StepChances(const CellParams& c, double dt)
      : m1_to_m2(event_probability(c.macrophage.switch_rate_per_s, dt)),
        hypertrophy(event_probability(c.chondrocyte.hypertrophy_rate_per_s, dt)),
        replacement(event_probability(c.chondrocyte.replacement_rate_per_s, dt)),
        osteocyte_embedding(event_probability(c.osteoblast.embedding_rate_per_s, dt)) {
    const auto set = [&](CellType t, double rate, double anoxic_rate) {
      death[static_cast<int>(t)] = event_probability(rate, dt);
      anoxic_death[static_cast<int>(t)] = event_probability(rate + anoxic_rate, dt);
    };
    set(CellType::Mpc, c.mpc.death_rate_per_s, c.mpc.anoxic_death_rate_per_s);
    set(CellType::Neutrophil, c.neutrophil.death_rate_per_s, c.neutrophil.anoxic_death_rate_per_s);
    set(CellType::MacrophageM1, c.macrophage.m1_death_rate_per_s,
        c.macrophage.anoxic_death_rate_per_s);
    set(CellType::MacrophageM2, c.macrophage.m2_death_rate_per_s,
        c.macrophage.anoxic_death_rate_per_s);
    set(CellType::Fibroblast, c.fibroblast.death_rate_per_s, c.fibroblast.anoxic_death_rate_per_s);
    set(CellType::Chondrocyte, c.chondrocyte.death_rate_per_s,
        c.chondrocyte.anoxic_death_rate_per_s);
    set(CellType::HypertrophicChondrocyte, c.chondrocyte.death_rate_per_s,
        c.chondrocyte.anoxic_death_rate_per_s);
    set(CellType::Osteoblast, c.osteoblast.death_rate_per_s, c.osteoblast.anoxic_death_rate_per_s);
    // Osteocytes live as long as their bone; only anoxia kills them here.
    set(CellType::Osteocyte, 0.0, c.osteocyte.anoxic_death_rate_per_s);
  }
};

// The first Philox blocks of the four per-cell streams (death, commitment,
// division, migration) of a run of consecutive slots, computed side by side
// (core/philox_batch.hpp) before the rules of those slots run. The rules
// get them through RuleContext::stream; the numbers are the same as without
// it, only cheaper.
struct StreamPrefetch {
  // Slots per chunk of propose_all. 256 rather than 64 (2026-12-06, night,
  // AMD EPYC, BM_CellStep/100, 6 alternated rounds): a chunk's hoppers
  // (about a third of it) fill the batched hop's vectors of eight and the
  // Philox groups of sixteen better, and each call's set-up is shared by
  // more cells; the rules went 40.9 -> 37.2 ns per cell on one thread and
  // 27.6 -> 24.2 on two (128: 38.3 and 26.2). At most 256: propose_all
  // numbers a chunk's cells with one byte.
  static constexpr std::size_t kSlots = 256;
  static constexpr std::array<RngPurpose, 4> kPurposes{
      RngPurpose::Death, RngPurpose::Differentiation, RngPurpose::Division, RngPurpose::Migration};
  std::size_t first = 0, count = 0;
  // word[p][j][k]: word j of the first block of purpose p's stream of slot
  // first + k. By word, so that the screen's loop over slots reads each
  // word contiguously and the batch stores whole vectors.
  alignas(64) std::array<std::array<std::array<std::uint32_t, kSlots>, 4>, kPurposes.size()> word{};

  // Index of a purpose in kPurposes, or -1.
  [[nodiscard]] static constexpr int index(RngPurpose p) {
    for (std::size_t k = 0; k < kPurposes.size(); ++k)
      if (kPurposes[k] == p) return static_cast<int>(k);
    return -1;
  }
  // The blocks of slots [first_slot, first_slot + n), n ≤ kSlots.
  void fill(const ModelState& s, std::size_t first_slot, std::size_t n) {
    first = first_slot;
    count = n;
    for (std::size_t k = 0; k < kPurposes.size(); ++k)
      philox_first_words(s.seed, static_cast<std::uint64_t>(s.step), kPurposes[k],
                         s.cells.id.data() + first_slot, n, word[k][0].data(), kSlots);
  }
  // The first block of purpose index p's stream of slot first + k.
  [[nodiscard]] PhiloxBlock block(int p, std::size_t k) const {
    const auto& w = word[static_cast<std::size_t>(p)];
    return {w[0][k], w[1][k], w[2][k], w[3][k]};
  }
};

// The chance that a cell moving at `speed_um_s` tries a hop of one voxel in
// a step (migrate, biology/rules.hpp; the progenitor screen uses the same).
[[nodiscard]] inline double hop_chance(double speed_um_s, double dt_s, double dx_um) {
  return speed_um_s * dt_s / dx_um;
}

// Per-step bounds on a progenitor's first draws (biology/mpc_screen.hpp).
// Each is the event_bound of the highest rate the event can have anywhere:
// signals saturate below 1, so commitment is at most
// commit_rate·(1 + ROS gain)·(1 + PGE2 gain)·(COX-2 left), scarring at most
// fibroblast_rate, and division at most ln2·(1/quiescent + 1/stimulated
// doubling time)·(palovarotene's factor) (the sum bounds the rule's blend of
// the two whichever is the shorter), each written with the rule's own
// operations in the rule's order, so that in floating point too the rule's
// rate never exceeds its bound. A draw at or above its bound decides
// nothing. The hop's chance is migrate's own (hop_chance).
struct ProgenitorBounds {
  // False when a parameter lies outside the ranges the bounds rely on
  // (negative gains or rates); the screen then sends every cell to the rule.
  bool usable = false;
  double commit = 0, fibroblast = 0, division = 0, hop = 0;

  ProgenitorBounds(const Params& p, const TreatmentEffects& fx, double dt, double dx_um,
                   double commitment_cox2_left) {
    const ProgenitorParams& m = p.cells.mpc;
    const double g_ros = p.ros.commitment_gain, g_inf = p.inflammation.commitment_gain;
    usable = m.commit_rate_per_s >= 0 && g_ros >= 0 && g_inf >= 0 && commitment_cox2_left >= 0 &&
             m.fibroblast_rate_per_s >= 0 && p.inflammation.proliferation_gain >= 0 &&
             m.quiescent_doubling_time_s > 0 && m.doubling_time_s > 0 &&
             fx.progenitor_division >= 0;
    commit = event_bound(m.commit_rate_per_s * 1.0 * (1.0 + g_ros * 1.0) * (1.0 + g_inf * 1.0) *
                             commitment_cox2_left,
                         dt);
    fibroblast = event_bound(m.fibroblast_rate_per_s * 1.0, dt);
    division =
        event_bound(std::log(2.0) * (1.0 / m.quiescent_doubling_time_s + 1.0 / m.doubling_time_s) *
                        fx.progenitor_division,
                    dt);
    hop = hop_chance(m.speed_um_s, dt, dx_um);
  }
};

struct RuleContext {
  const ModelState& state;
  const Params& params;
  double dt_s;
  FieldIndex f;
  StepChances chance;
  // The share of progenitor commitment an NSAID leaves (the same for every
  // cell in a step; 1 untreated).
  double commitment_cox2_left;
  ProgenitorBounds progenitor;

  RuleContext(const ModelState& s, const Params& p, double dt)
      : state(s),
        params(p),
        dt_s(dt),
        f(FieldIndex::of(s)),
        chance(p.cells, dt),
        commitment_cox2_left(
            cox2_share_left(p.inflammation.progenitor_cox2_share, p.inflammation, s.effects)),
        progenitor(p, s.effects, dt, s.grid.dx_um, commitment_cox2_left) {}

  // Blocks already computed for some slots (propose_all sets it in each
  // thread's copy of the context); null: every stream computes its own.
  const StreamPrefetch* prefetch = nullptr;
  // The step's open map (biology/open_map.hpp), set by propose_all where the
  // batched hop reads it; null: hop_targets takes the cells one by one.
  const std::uint32_t* open_map = nullptr;

  [[nodiscard]] RandomStream stream(std::size_t slot, RngPurpose purpose) const {
    const auto step = static_cast<std::uint64_t>(state.step);
    if (prefetch != nullptr) {
      const std::size_t k = slot - prefetch->first;
      const int p = StreamPrefetch::index(purpose);
      if (k < prefetch->count && p >= 0)
        return {state.seed, step, state.cells.id[slot], purpose, prefetch->block(p, k)};
    }
    return {state.seed, step, state.cells.id[slot], purpose};
  }
  [[nodiscard]] double field(int index, std::size_t voxel) const {
    return index >= 0 ? state.fields[index].values[voxel] : 0.0;
  }
  [[nodiscard]] double po2(std::size_t v) const { return field(f.o2, v); }
  [[nodiscard]] double ph(std::size_t v) const {
    return f.acid >= 0 ? ph_of(field(f.acid, v), params.acid) : 7.4;
  }
  // Below oxygen.anoxia (never when the model has no oxygen field).
  [[nodiscard]] bool anoxic(std::size_t voxel) const {
    return f.o2 >= 0 && po2(voxel) < params.oxygen.anoxia_mmHg;
  }
  // Whether the cell in `slot` dies this step: its type's apoptosis, plus
  // its anoxic death rate when `anoxic`.
  [[nodiscard]] bool dies(std::size_t slot, bool anoxic) const {
    const int t = static_cast<int>(state.cells.type[slot]);
    return occurs(slot, RngPurpose::Death, anoxic ? chance.anoxic_death[t] : chance.death[t]);
  }
  [[nodiscard]] bool dies(std::size_t slot) const {
    return dies(slot, anoxic(state.cells.voxel[slot]));
  }
  // Whether an event with this per-step probability (one of `chance`) occurs,
  // from the cell's stream for `purpose`; probability 0 draws nothing.
  [[nodiscard]] bool occurs(std::size_t slot, RngPurpose purpose, double probability) const {
    return probability > 0 && stream(slot, purpose).bernoulli(probability);
  }
};

// One rule per cell type: returns the action the cell in `slot` proposes.
using CellRule = Proposal (*)(const RuleContext& ctx, std::size_t slot);

}  // namespace hosim
