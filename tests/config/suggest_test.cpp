#include "config/suggest.hpp"

#include <gtest/gtest.h>

namespace hosim {
namespace {

TEST(Suggest, EditDistance) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("voxel", "voxel"), 0u);
  EXPECT_EQ(edit_distance("vxel", "voxel"), 1u);
  EXPECT_EQ(edit_distance("gird", "grid"), 1u);  // a transposition counts once
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
}

TEST(Suggest, ClosestMatch) {
  const std::vector<std::string> keys{"nx", "ny", "nz", "voxel", "origin"};
  EXPECT_EQ(closest_match("vxel", keys), "voxel");
  EXPECT_EQ(closest_match("orgin", keys), "origin");
  EXPECT_EQ(closest_match("nq", keys), "nx");  // ties go to the first candidate
  EXPECT_FALSE(closest_match("compression", keys).has_value());
  EXPECT_FALSE(closest_match("abc", keys).has_value());
}

}  // namespace
}  // namespace hosim
