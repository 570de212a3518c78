// HOSIM_SIMD's values (core/simd_cap.hpp): the three names, unset meaning
// no cap, and anything else refused with a message naming what is accepted.
#include "core/simd_cap.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
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

TEST(SimdCap, NamesAreHosimSimdsSpellings) {
  for (const SimdLevel l : {SimdLevel::Portable, SimdLevel::Avx2, SimdLevel::Avx512})
    EXPECT_EQ(parse_simd_level(std::string(simd_name(l)).c_str()), l);
}

// The description starts with the level the kernels use, names the
// processor's, and says whether the cap was set: no wider than the
// processor's, and no wider than the cap this process read.
TEST(SimdCap, DescriptionNamesLevelProcessorAndCap) {
  const std::string d = simd_description();
  const std::string used(simd_name(simd_level()));
  EXPECT_EQ(d.rfind(used + " (processor: ", 0), 0u) << d;
  EXPECT_LE(simd_level(), simd_cap());
  const bool set = std::getenv("HOSIM_SIMD") != nullptr;
  EXPECT_NE(d.find(set ? "; HOSIM_SIMD=" + std::string(simd_name(simd_cap())) + ")"
                       : std::string("; HOSIM_SIMD unset)")),
            std::string::npos)
      << d;
  bool processor_named = false;
  for (const SimdLevel l : {SimdLevel::Portable, SimdLevel::Avx2, SimdLevel::Avx512}) {
    if (d.find("(processor: " + std::string(simd_name(l)) + ";") == std::string::npos) continue;
    processor_named = true;
    EXPECT_LE(simd_level(), l) << d;
  }
  EXPECT_TRUE(processor_named) << d;
}

}  // namespace
}  // namespace hosim
