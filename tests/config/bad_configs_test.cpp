// Every file in tests/config/bad must fail to load with the exit code and a
// message containing the text its header names:
//   # expect-exit: 2
//   # expect-message: <substring of the error>
// Files marked "# stage: run" fail only when a run starts (e.g. an
// unwritable output folder), and "# stage: schedule" when src/interventions
// checks the `interventions:` entries (`hosim check` and `hosim run`); both
// are checked by the app tests, and the loader alone must accept them.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "core/errors.hpp"

namespace hosim {
namespace {

namespace fs = std::filesystem;

const fs::path kBadDir = fs::path(HOSIM_SOURCE_DIR) / "tests" / "config" / "bad";

struct BadConfig {
  fs::path path;
  int exit_code = -1;
  std::string message;
  bool run_stage = false;
};

// Without this gtest prints the raw bytes of the struct into every test
// name, which makes CTest's names long and different from run to run.
void PrintTo(const BadConfig& b, std::ostream* os) {
  *os << b.path.filename().string();
}

BadConfig read_header(const fs::path& path) {
  BadConfig b;
  b.path = path;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line) && line.rfind('#', 0) == 0) {
    const auto field = [&](const std::string& name) -> std::string {
      const std::string prefix = "# " + name + ":";
      if (line.rfind(prefix, 0) != 0) return {};
      std::string v = line.substr(prefix.size());
      v.erase(0, v.find_first_not_of(' '));
      return v;
    };
    if (auto v = field("expect-exit"); !v.empty()) b.exit_code = std::stoi(v);
    if (auto v = field("expect-message"); !v.empty()) b.message = v;
    if (field("stage") == "run" || field("stage") == "schedule") b.run_stage = true;
  }
  return b;
}

std::vector<BadConfig> bad_configs() {
  std::vector<BadConfig> out;
  for (const auto& e : fs::directory_iterator(kBadDir))
    if (e.path().extension() == ".yaml") out.push_back(read_header(e.path()));
  std::sort(out.begin(), out.end(),
            [](const BadConfig& a, const BadConfig& b) { return a.path < b.path; });
  return out;
}

class BadConfigTest : public ::testing::TestWithParam<BadConfig> {};

TEST_P(BadConfigTest, FailsWithExpectedMessage) {
  const BadConfig& b = GetParam();
  ASSERT_NE(b.exit_code, -1) << b.path << " lacks '# expect-exit: N'";
  ASSERT_FALSE(b.message.empty()) << b.path << " lacks '# expect-message: ...'";
  if (b.run_stage) {
    // Its error comes later (from `hosim run`, checked by the app tests), so
    // the loader itself must accept it: otherwise that test checks nothing.
    EXPECT_NO_THROW((void)load_config_file(b.path.string()));
    return;
  }
  try {
    (void)load_config_file(b.path.string());
    FAIL() << b.path << " loaded without error";
  } catch (const Error& e) {
    EXPECT_EQ(static_cast<int>(e.code()), b.exit_code) << e.what();
    EXPECT_NE(std::string(e.what()).find(b.message), std::string::npos)
        << "message:  " << e.what() << "\nexpected: " << b.message;
  }
}

std::string test_name(const ::testing::TestParamInfo<BadConfig>& info) {
  std::string name = info.param.path.stem().string();
  for (char& c : name)
    if (std::isalnum(static_cast<unsigned char>(c)) == 0) c = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Files, BadConfigTest, ::testing::ValuesIn(bad_configs()), test_name);

TEST(BadConfigs, AtLeastFortyFour) {
  EXPECT_GE(bad_configs().size(), 44u);
}

}  // namespace
}  // namespace hosim
