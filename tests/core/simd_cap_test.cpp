// HOSIM_SIMD's values (core/simd_cap.hpp): the three names, unset meaning
// no cap, and anything else refused with a message naming what is accepted.
#include "core/simd_cap.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/errors.hpp"

namespace hosim {
namespace {

TEST(SimdCap, NamesTheThreeLevelsAndUnsetIsNoCap) {
  EXPECT_EQ(parse_simd_level("portable"), SimdLevel::Portable);
  EXPECT_EQ(parse_simd_level("avx2"), SimdLevel::Avx2);
  EXPECT_EQ(parse_simd_level("avx512"), SimdLevel::Avx512);
  EXPECT_EQ(parse_simd_level(nullptr), SimdLevel::Avx512);
}

TEST(SimdCap, RefusesOtherValuesNamingTheAcceptedOnes) {
  for (const char* bad : {"", "AVX2", "sse", "avx512 ", "native"}) {
    try {
      (void)parse_simd_level(bad);
      ADD_FAILURE() << "accepted \"" << bad << "\"";
    } catch (const ConfigError& e) {
      const std::string what = e.what();
      EXPECT_NE(what.find(std::string("\"") + bad + "\""), std::string::npos) << what;
      EXPECT_NE(what.find("portable, avx2 or avx512"), std::string::npos) << what;
      EXPECT_EQ(e.code(), ExitCode::BadInput);
    }
  }
}

}  // namespace
}  // namespace hosim
