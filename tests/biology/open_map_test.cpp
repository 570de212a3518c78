// The open map (biology/open_map.hpp) holds, for every voxel, exactly
// "empty and not closed_voxel", on every path: for lattices whose size is
// not a multiple of a word or of a vector, for every anatomy, and for
// mineral at, just below and just above bone_block, not a number and
// subnormal, with a bone_block a float cannot hold.
#include "biology/open_map.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <limits>
#include <vector>

#include "biology/environment.hpp"
#include "config/config.hpp"
#include "test_state.hpp"

namespace hosim {
namespace {

ModelState random_lattice(const Params& p, int nx, int ny, int nz, std::uint64_t seed) {
  ModelState s = test::lattice(p, nx, ny, nz, {});
  RandomStream r(seed, 0, 0, RngPurpose::Test);
  float* mineral = s.tissue.layer(TissueLayer::Mineral);
  const auto bb = static_cast<float>(p.tissue.bone_block);
  const float special[] = {bb,
                           std::nextafter(bb, 0.0f),
                           std::nextafter(bb, 2.0f),
                           std::numeric_limits<float>::quiet_NaN(),
                           std::numeric_limits<float>::denorm_min(),
                           0.0f,
                           -0.0f,
                           std::numeric_limits<float>::infinity()};
  for (std::size_t v = 0; v < s.grid.size(); ++v) {
    s.occupancy[v] = r.uniform() < 0.4 ? static_cast<std::int32_t>(v) : -1;
    const double x = r.uniform();
    s.tissue.anatomy[v] = static_cast<std::uint8_t>(x < 0.1   ? Anatomy::CorticalBone
                                                    : x < 0.2 ? Anatomy::Outside
                                                              : Anatomy::Muscle);
    mineral[v] = r.uniform() < 0.3 ? special[r.below(8)] : static_cast<float>(r.uniform());
  }
  return s;
}

// Returns how many voxels are open.
std::size_t expect_exact(const ModelState& s, const Params& p, HopPath path) {
  const std::size_t n = s.grid.size();
  // One word more than needed, dirty: the map writes its own words only.
  std::vector<std::uint32_t> words(open_map_words(n) + 1, 0xA5A5A5A5u);
  build_open_map(s, p.tissue, words, path);
  std::size_t open = 0;
  for (std::size_t v = 0; v < n; ++v) {
    const bool expected = s.occupancy[v] < 0 && !closed_voxel(s, v, p.tissue);
    EXPECT_EQ(open_bit(words.data(), static_cast<std::uint32_t>(v)), expected)
        << "voxel " << v << " path " << static_cast<int>(path);
    open += expected ? 1 : 0;
  }
  // Bits past the last voxel are 0; the word after the map is untouched.
  for (std::size_t v = n; v < open_map_words(n) * 32; ++v)
    EXPECT_FALSE(open_bit(words.data(), static_cast<std::uint32_t>(v))) << "past the end " << v;
  EXPECT_EQ(words.back(), 0xA5A5A5A5u);
  return open;
}

TEST(OpenMap, HoldsEmptyAndNotClosedForEveryVoxel) {
  Params p = default_params();
  for (const double bone_block : {p.tissue.bone_block, 0.1, 0.0}) {
    std::size_t open = 0, voxels = 0;
    for (const auto& size : {std::array{23, 17, 11}, std::array{32, 4, 3}, std::array{5, 3, 1}}) {
      p.tissue.bone_block = bone_block;
      const ModelState s = random_lattice(p, size[0], size[1], size[2], 7);
      for (const HopPath path : {HopPath::Portable, HopPath::Avx2, HopPath::Avx512}) {
        open += expect_exact(s, p, path);
        voxels += s.grid.size();
      }
    }
    // Neither all open nor all closed: the lattices test both answers.
    EXPECT_GT(open, 0u) << "bone_block " << bone_block;
    EXPECT_LT(open, voxels / 2) << "bone_block " << bone_block;
  }
}

TEST(OpenMap, RefusesTooFewWords) {
  const Params p = default_params();
  const ModelState s = random_lattice(p, 10, 10, 10, 8);
  std::vector<std::uint32_t> words(open_map_words(s.grid.size()) - 1);
  EXPECT_THROW(build_open_map(s, p.tissue, words), std::logic_error);
}

}  // namespace
}  // namespace hosim
