#include "biology/hop_batch.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

#include "biology/chemotaxis.hpp"
#include "biology/environment.hpp"
#include "biology/hop_kernels.hpp"
#include "biology/rules.hpp"
#include "core/simd_cap.hpp"

namespace hosim {

HopPath hop_path_taken(const RuleContext& ctx, HopPath path) {
  // The vector paths read the open map; without one (a context made outside
  // propose_all) the cells go one by one.
  const HopPath use = std::min(path, best_hop_path());
  if (use == HopPath::Portable || ctx.open_map == nullptr) return HopPath::Portable;
  if (use == HopPath::Avx2 &&
      ctx.state.grid.size() > static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    return HopPath::Portable;
  return use;
}

void hop_targets(const RuleContext& ctx, const std::uint32_t* voxel, const double* u01,
                 std::size_t n, double chi, const GradientAttraction& attraction,
                 std::uint32_t* target, bool* found, HopPath path) {
  if (n > kHopBatch)
    throw std::logic_error("hop_targets: " + std::to_string(n) + " cells, at most " +
                           std::to_string(kHopBatch) + " per call");
  if (n == 0) return;
  const ModelState& s = ctx.state;
  const HopPath use = hop_path_taken(ctx, path);
  if (use == HopPath::Portable) {
    for (std::size_t j = 0; j < n; ++j)
      found[j] = hop_target(ctx, voxel[j], chi, u01[j], attraction, target[j]);
    return;
  }
  const bool attracted = chi != 0;
  const std::size_t plane =
      static_cast<std::size_t>(s.grid.nx) * static_cast<std::size_t>(s.grid.ny);
  const hop_detail::Lattice lat{static_cast<std::uint32_t>(s.grid.nx),
                                static_cast<std::uint32_t>(s.grid.ny),
                                static_cast<std::uint32_t>(s.grid.nz),
                                static_cast<std::uint32_t>(plane),
                                static_cast<std::uint32_t>(s.grid.size() - plane),
                                ctx.open_map,
                                attracted ? attraction.field[0] : nullptr,
                                attracted ? attraction.field[1] : nullptr,
                                attraction.half[0],
                                attraction.half[1],
                                chi,
                                tanh_table::nodes()};
  hop_detail::Outcome out;
  if (use == HopPath::Avx512)
    hop_detail::hops_avx512(lat, voxel, u01, n, out);
  else
    hop_detail::hops_avx2(lat, voxel, u01, n, out);
  for (std::size_t j = 0; j < n; ++j) {
    if (out.exact[j] != 0) {
      found[j] = hop_target(ctx, voxel[j], chi, u01[j], attraction, target[j]);
    } else {
      found[j] = out.last[j] >= 0;
      if (found[j]) target[j] = out.chosen[j];
    }
  }
}

void hops_from_blocks(const RuleContext& ctx, const std::uint8_t* which, std::size_t count,
                      double chi, const GradientAttraction& attraction, Proposal* out) {
  if (count == 0) return;
  if (ctx.prefetch == nullptr)
    throw std::logic_error("hops_from_blocks: the hoppers' random blocks are not in the context");
  const StreamPrefetch& pf = *ctx.prefetch;
  const ModelState& s = ctx.state;
  constexpr std::size_t kSlots = StreamPrefetch::kSlots;
  static_assert(kSlots <= kHopBatch);
  constexpr int kMigration = StreamPrefetch::index(RngPurpose::Migration);
  static_assert(kMigration >= 0);
  const auto& m = pf.word[kMigration];
  // The hop itself was words 0–1; the neighbour's draw is words 2–3 of the
  // same block.
  alignas(64) std::array<std::uint32_t, kSlots> from, to{};
  alignas(64) std::array<double, kSlots> u;
  std::array<bool, kSlots> found;
  for (std::size_t j = 0; j < count; ++j) {
    const std::size_t k = which[j];
    from[j] = s.cells.voxel[pf.first + k];
    u[j] = RandomStream::uniform_of(m[2][k], m[3][k]);
  }
  hop_targets(ctx, from.data(), u.data(), count, chi, attraction, to.data(), found.data());
  std::array<std::uint8_t, kSlots> moving;
  std::array<std::uint32_t, kSlots> origin, target;
  std::array<std::uint64_t, kSlots> ids{};  // zeroed: GCC cannot see n bounds the reads
  std::size_t n = 0;
  for (std::size_t j = 0; j < count; ++j) {
    moving[n] = which[j];
    origin[n] = from[j];
    target[n] = to[j];
    ids[n] = s.cells.id[pf.first + which[j]];
    n += found[j] ? 1 : 0;
  }
  // The priorities: word 0 of block 1 of each mover's migration stream,
  // its lowest 3 bits the direction's code (model/proposal.hpp).
  alignas(64) std::array<std::array<std::uint32_t, kSlots>, 4> second;
  philox_block_words(s.seed, static_cast<std::uint64_t>(s.step), RngPurpose::Migration, 1,
                     ids.data(), n, second[0].data(), kSlots);
  const ClaimCodes codes(s.grid);
  for (std::size_t j = 0; j < n; ++j)
    out[moving[j]] = Proposal{ActionKind::Move, CellType::None, target[j],
                              codes.priority(second[0][j], origin[j], target[j])};
}

}  // namespace hosim
