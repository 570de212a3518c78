// summary.json and the build facts recorded in /provenance.
#include <gtest/gtest.h>

#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>

#include "core/errors.hpp"
#include "core/simd_cap.hpp"
#include "io/provenance.hpp"
#include "io/summary.hpp"
#include "io_test_support.hpp"

namespace hosim {
namespace {

using test::ScratchDir;

TEST(Summary, WritesTheContractFields) {
  ScratchDir dir;
  const std::string path = dir.file("summary.json");
  write_summary(path, "fracture_2d", 18446744073709551557ULL, 28.0, 12.5, "sha256:abc",
                {{"callus_volume", "mm^3", 1.25},
                 {"bone_fraction", "1", 0.5},
                 {"bad", "1", std::numeric_limits<double>::quiet_NaN()}});
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  const std::string text = test::read_text(path);
  const auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j.at("name"), "fracture_2d");
  EXPECT_EQ(j.at("seed").get<std::uint64_t>(), 18446744073709551557ULL);
  EXPECT_EQ(j.at("time_days"), 28.0);
  EXPECT_EQ(j.at("wall_seconds"), 12.5);
  EXPECT_EQ(j.at("status"), "completed");
  EXPECT_EQ(j.at("config_hash"), "sha256:abc");
  EXPECT_EQ(j.at("readouts").at("callus_volume").at("value"), 1.25);
  EXPECT_EQ(j.at("readouts").at("callus_volume").at("unit"), "mm^3");
  EXPECT_EQ(j.at("readouts").at("bone_fraction").at("value"), 0.5);
  EXPECT_TRUE(j.at("readouts").at("bad").at("value").is_null());
  // Pretty-printed, readouts in the given order.
  EXPECT_NE(text.find("\n  \"name\""), std::string::npos);
  EXPECT_LT(text.find("callus_volume"), text.find("bone_fraction"));
}

TEST(Summary, StatusCanBeGiven) {
  ScratchDir dir;
  const std::string path = dir.file("summary.json");
  write_summary(path, "x", 1, 1.0, 1.0, "h", {}, "stopped");
  const auto j = nlohmann::json::parse(test::read_text(path));
  EXPECT_EQ(j.at("status"), "stopped");
  EXPECT_TRUE(j.at("readouts").is_object());
  EXPECT_TRUE(j.at("readouts").empty());
}

TEST(Summary, MissingDirectoryIsIoError) {
  try {
    write_summary("/nonexistent-hosim-dir/summary.json", "x", 1, 0, 0, "", {});
    FAIL() << "expected IoError";
  } catch (const IoError& e) {
    EXPECT_NE(std::string(e.what()).find("/nonexistent-hosim-dir/summary.json"), std::string::npos)
        << e.what();
  }
}

TEST(Provenance, BuildFactsAreFilledIn) {
  EXPECT_FALSE(software_version().empty());
  EXPECT_NE(software_version(), "unknown");
  EXPECT_FALSE(git_commit().empty());
  const std::string info = build_info();
  EXPECT_NE(info.find("compiler: "), std::string::npos) << info;
  EXPECT_NE(info.find("build type: "), std::string::npos) << info;
  EXPECT_NE(info.find("flags: "), std::string::npos) << info;
  EXPECT_NE(info.find("HDF5: 1."), std::string::npos) << info;
  EXPECT_NE(info.find("OpenMP: "), std::string::npos) << info;
  EXPECT_NE(info.find("\nvector kernels: " + simd_description()), std::string::npos) << info;
}

}  // namespace
}  // namespace hosim
