#include "biology/rules.hpp"

#include "biology/immune_screen.hpp"
#include "biology/mpc_screen.hpp"
#include "biology/open_map.hpp"
#include "core/split_ranges.hpp"

#include <algorithm>
#include <array>
#include <utility>
#include <vector>

#include <omp.h>

namespace hosim {

std::array<CellRule, kCellTypeCount> rule_table() {
  std::array<CellRule, kCellTypeCount> t{};
  t[static_cast<int>(CellType::Mpc)] = &mpc_rule;
  t[static_cast<int>(CellType::Neutrophil)] = &neutrophil_rule;
  t[static_cast<int>(CellType::MacrophageM1)] = &macrophage_rule;
  t[static_cast<int>(CellType::MacrophageM2)] = &macrophage_rule;
  t[static_cast<int>(CellType::Fibroblast)] = &fibroblast_rule;
  t[static_cast<int>(CellType::Chondrocyte)] = &chondrocyte_rule;
  t[static_cast<int>(CellType::HypertrophicChondrocyte)] = &chondrocyte_rule;
  t[static_cast<int>(CellType::Osteoblast)] = &osteoblast_rule;
  t[static_cast<int>(CellType::Osteocyte)] = &osteocyte_rule;
  return t;
}

void propose_all(const RuleContext& ctx, std::span<Proposal> out,
                 std::span<std::uint32_t> open_map) {
  static const auto table = rule_table();
  const ModelState& s = ctx.state;
  const std::size_t n = s.cells.size();
  // The open map, where the batched hop will read it, and where there are
  // cells enough to pay for it: one pass over three per-voxel arrays against
  // a third of the cells hopping, each about 10 ns faster with the map
  // (BM_HopTargets). Below one cell in 16 voxels the hops go without it
  // (the same targets either way).
  std::vector<std::uint32_t> own_map;
  const std::uint32_t* map = nullptr;
  if (best_hop_path() != HopPath::Portable && n * 16 >= s.grid.size()) {
    const std::size_t words = open_map_words(s.grid.size());
    if (open_map.size() < words) {
      own_map.resize(words);
      open_map = own_map;
    }
    build_open_map(s, ctx.params.tissue, open_map);
    map = open_map.data();
  }
  constexpr std::size_t kChunk = StreamPrefetch::kSlots;
  static_assert(kChunk <= 256, "a chunk's cells are numbered with one byte (by_rule, hopping)");
  const auto chunks = static_cast<std::int64_t>((n + kChunk - 1) / kChunk);
  // The rules read five fields at the cell's voxel (O2, BMP, inflammation,
  // acid, ROS) and the occupancy, and a moving cell reads its neighbours':
  // occupancy, anatomy, mineral and the two chemotactic fields. Asking for
  // them ahead changes no result. Only those are asked for: a prefetch of
  // every field at both places (18 per cell) cost more than it saved on the
  // 2-core Xeon (rules 73.5 → 69.6 ns per cell without the rest,
  // BM_CellStep/100/1, medians of 6 alternated runs), while the prefetches
  // themselves had paid on the EPYC (commits 8d1397c, a23b12a). Since the
  // screen, a chunk's prefetches go out before its random blocks are
  // computed rather than a few cells ahead of each rule (rules 64.4 → 61.7
  // ns per cell on 1 thread, 3 alternated rounds).
  const std::uint32_t* voxel = s.cells.voxel.data();
  const std::size_t plane =
      static_cast<std::size_t>(s.grid.nx) * static_cast<std::size_t>(s.grid.ny);
  const std::size_t nv = s.grid.size();
  const auto row = static_cast<std::size_t>(s.grid.nx);
  const float* mineral = s.tissue.layer(TissueLayer::Mineral);
  const float* muscle = s.tissue.layer(TissueLayer::Muscle);
  const float* vessels = s.tissue.layer(TissueLayer::Vessels);
  const auto field = [&](int k) -> const real* {
    return k >= 0 ? s.fields[static_cast<std::size_t>(k)].values.data() : nullptr;
  };
  const real* bmp = field(ctx.f.bmp);
  const real* inflammation = field(ctx.f.inflammation);
  // Of the five fields at the cell, a chunk asks ahead for those most of
  // its cells read: O2 (the screen) and BMP and inflammation (the
  // hop, and the rule). Acid and ROS only the full rule reads, for the few
  // cells the screens send to it (1.7 % of BM_CellStep/100's
  // progenitors): they are asked for once the screens have named those
  // cells, and the hops run before the rules to give the memory time.
  // Asked for every cell's voxel, nearly all of their lines came from
  // memory for nothing: BM_CellStep/100 (2026-12-07, AMD EPYC Zen 4, 5
  // alternated rounds, medians) rules 35.8 → 35.0 ns per cell on one
  // thread, 18.1 → 17.5 on two.
  const real* o2 = field(ctx.f.o2);
  const std::array<const real*, 3> at_cell{o2, bmp, inflammation};
  const std::array<const real*, 2> rule_only{field(ctx.f.acid), field(ctx.f.ros)};
  // What a moving or dividing cell reads at a neighbour: occupancy, anatomy,
  // mineral and the two chemotactic fields (base address, bytes per voxel).
  const std::array<std::pair<const char*, std::size_t>, 5> near_arrays{{
      {reinterpret_cast<const char*>(s.occupancy.data()), sizeof(std::int32_t)},
      {reinterpret_cast<const char*>(s.tissue.anatomy.data()), sizeof(std::uint8_t)},
      {reinterpret_cast<const char*>(mineral), sizeof(float)},
      {reinterpret_cast<const char*>(bmp), sizeof(real)},
      {reinterpret_cast<const char*>(inflammation), sizeof(real)},
  }};
  // Whether to ask for the neighbours' lines a row and two planes up as
  // well, once per block of eight voxels (below): only on lattices whose
  // state outgrows the last-level cache, here more than 2^18 voxels (39 MB
  // at the 147.5 B per voxel of a run, above the 32 MiB of L3 of the AMD
  // EPYC Zen 4 this was measured on). On 100³ they save a tenth of the
  // rules' time; on the default 60 × 60 × 40 lattice, which fits, they
  // have nothing to save, and there each cell asks for its own lines as
  // before.
  const bool far_ahead = nv > (std::size_t{1} << 18);
  // The cost per cell differs by type (a migrating progenitor scans its
  // neighbours, an osteocyte barely acts) and cells in voxel order cluster
  // by type, so equal halves of the slots are not equal work: each thread
  // walks its own stretch, then helps with the others (core/split_ranges.hpp).
  // Proposals do not depend on which thread makes them. Two chunks (512
  // cells) per grab, as eight of 64 cells were.
  SplitRanges work(chunks, omp_get_max_threads(), 2);
#pragma omp parallel
  {
    // Each thread's own copy of the context, pointing at its own blocks.
    StreamPrefetch prefetch;
    RuleContext local = ctx;
    local.prefetch = &prefetch;
    local.open_map = map;
    work.for_each_taken(omp_get_thread_num(), [&](std::int64_t c) {
      const std::size_t first = static_cast<std::size_t>(c) * kChunk;
      const std::size_t end = std::min(n, first + kChunk);
      // Ask for what the chunk's cells will read first, then compute their
      // random blocks (compute bound) while the memory answers. With the
      // lines ahead, only the first cell in each block of eight voxels (a
      // field's line) asks: the others would ask for the same lines (a
      // neighbour's lines that straddle two are the next block's). A test
      // per group of lines, each going either way, cost more than it saved.
      // The prefetches are written out here, not in a lambda: GCC 12 takes
      // a function that holds nothing but prefetches for one without
      // effects and drops its calls, as it did from 637e36d to 2026-12-07
      // with the lines a row and a plane up.
      if (!far_ahead) {
        for (std::size_t i = first; i < end; ++i) {
          const std::size_t v = voxel[i];
          for (const real* f : at_cell)
            if (f != nullptr) __builtin_prefetch(f + v);
          __builtin_prefetch(s.occupancy.data() + v);
        }
      } else {
        // The voxel of the first cell in each block of eight, listed
        // without a branch per cell (every cell's voxel is written at the
        // next place, and only the first of a block moves it on), then the
        // blocks' prefetches: whether a cell is in the block of the one
        // before is a coin toss at a lesion's occupancy, and a branch on it
        // (a `continue` per cell) was mispredicted at about every fourth
        // cell. BM_CellStep/100, the two loops alternated in one process
        // every four steps (2026-12-07, AMD EPYC Zen 4, 3 runs of 80 steps
        // each; bench/README.md, stop 57): rules 34.4 / 34.7 / 32.8 → 31.6
        // / 32.0 / 29.8 ns per cell on one thread, 17.4 / 17.8 / 17.2 →
        // 15.9 / 16.2 / 15.9 on two.
        std::array<std::uint32_t, kChunk> firsts;
        std::size_t blocks = 0;
        std::size_t before = nv;  // matches no block (v >> 3 < nv)
        for (std::size_t i = first; i < end; ++i) {
          const std::uint32_t v = voxel[i];
          firsts[blocks] = v;
          blocks += (v >> 3) != before ? 1 : 0;
          before = v >> 3;
        }
        for (std::size_t b = 0; b < blocks; ++b) {
          const std::size_t v = firsts[b];
          // With the lines ahead, the block's own lines of BMP, inflammation
          // and the occupancy were asked for a row ago (as the row up of the
          // block below) and two planes ago: only O2, which no hop reads at a
          // neighbour, is asked for here (and two planes ahead, below).
          // BM_CellStep/100 (2026-12-07, AMD EPYC Zen 4, 6 alternated rounds
          // on two threads, medians) rules 18.1 → 17.2 ns per cell, 38.8 →
          // 40.6 M cell-steps/s; one thread, 4 rounds, rules 34.5 → 32.7.
          if (o2 != nullptr) __builtin_prefetch(o2 + v);
          // What moving and dividing cells read a row up: the first touch of
          // that line in this pass (the row below was read a row ago).
          if (const std::size_t u = v + row; u < nv)
            for (const auto& [base, bytes] : near_arrays)
              if (base != nullptr) __builtin_prefetch(base + u * bytes);
          // And two planes up, into the second-level cache only. The lines a
          // plane up come from memory (nothing in this pass has read them),
          // and asked for a plane ahead into the first level they came too
          // late: a progenitor's hop in BM_CellStep/100 waited for them (32
          // ns per hop, against 26 with everything in cache). Asked for two
          // planes ahead, a plane of work before the first cell reads them,
          // they wait in the second level. BM_CellStep/100 (2026-12-07, AMD
          // EPYC Zen 4, 5 alternated rounds, medians): rules 40.1 → 35.4 ns
          // per cell on one thread, 20.3 → 18.0 on two.
          if (const std::size_t u = v + 2 * plane; u < nv) {
            for (const auto& [base, bytes] : near_arrays)
              if (base != nullptr) __builtin_prefetch(base + u * bytes, 0, 1);
            if (o2 != nullptr) __builtin_prefetch(o2 + u, 0, 1);
          }
        }
      }
      prefetch.fill(s, first, end - first);
      // The screens sort the chunk's cells (biology/mpc_screen.hpp for
      // progenitors, biology/immune_screen.hpp for neutrophils and
      // macrophages): those that do nothing keep the empty proposal; the
      // rule runs for those the screens cannot settle, and the hop alone
      // for the movers of each kind, each group in a loop of its own, so no
      // branch goes either way cell by cell.
      std::array<Screened, kChunk> screened;
      screen_progenitors(local, screened.data(), end - first);
      std::array<std::uint8_t, kChunk> by_rule, hopping, immune_hopping;
      const std::size_t n_immune =
          screen_immune(local, screened.data(), end - first, immune_hopping.data());
      std::size_t n_rule = 0, n_hop = 0;
      for (std::size_t i = first; i < end; ++i) {
        const auto k = static_cast<std::uint8_t>(i - first);
        out[i] = Proposal{};
        by_rule[n_rule] = k;
        n_rule += screened[k] == Screened::Rule ? 1 : 0;
        hopping[n_hop] = k;
        n_hop += screened[k] == Screened::Hop ? 1 : 0;
      }
      // Acid and ROS at the rule's cells (above); for a progenitor, which
      // the rule may divide, also the vessels at its voxel (the osteoblast
      // share) and the muscle layer at its neighbours (where a daughter
      // may go: divide, below), which nothing else in the pass reads.
      // BM_CellStep/100/1 (2026-12-07, AMD EPYC Zen 4, perf, 2 alternated
      // runs): `divide` and `mpc_rule` together 3.5 and 4.5 % of the
      // samples before, 3.3 and 2.9 % after.
      for (std::size_t j = 0; j < n_rule; ++j) {
        const std::size_t i = first + by_rule[j];
        const std::size_t v = voxel[i];
        for (const real* f : rule_only)
          if (f != nullptr) __builtin_prefetch(f + v);
        if (s.cells.type[i] != CellType::Mpc) continue;
        __builtin_prefetch(vessels + v);
        __builtin_prefetch(muscle + v);
        if (v >= row) __builtin_prefetch(muscle + v - row);
        if (v + row < nv) __builtin_prefetch(muscle + v + row);
        if (v >= plane) __builtin_prefetch(muscle + v - plane);
        if (v + plane < nv) __builtin_prefetch(muscle + v + plane);
      }
      mpc_hops(local, hopping.data(), n_hop, out.data() + first);
      immune_hops(local, immune_hopping.data(), n_immune, out.data() + first);
      for (std::size_t j = 0; j < n_rule; ++j) {
        const std::size_t i = first + by_rule[j];
        const CellRule rule = table[static_cast<int>(s.cells.type[i])];
        if (rule != nullptr) out[i] = rule(local, i);
      }
    });
  }
}

Proposal divide(const RuleContext& ctx, std::size_t slot, RandomStream& rs) {
  Proposal p;
  const ModelState& s = ctx.state;
  // Intact muscle fibres fill their voxel: daughters go into damaged tissue,
  // so progenitors expand in the lesion, not through healthy muscle.
  const float* muscle = s.tissue.layer(TissueLayer::Muscle);
  auto open = [&](std::uint32_t j) {
    return closed_voxel(s, j, ctx.params.tissue) ? 0.0 : 1.0 - static_cast<double>(muscle[j]);
  };
  std::uint32_t target = 0;
  if (pick_empty_neighbour(s, s.cells.voxel[slot], rs.uniform(), open, target)) {
    p.kind = ActionKind::Divide;
    p.target = target;
    p.priority = ClaimCodes(s.grid).priority(rs.next_u32(), s.cells.voxel[slot], target);
  }
  return p;
}

}  // namespace hosim
