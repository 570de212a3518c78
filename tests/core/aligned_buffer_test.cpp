// AlignedBuffer: cache-line alignment for every array, and for arrays of
// kHugePageBytes or more a 2 MiB boundary and the kernel's huge-page advice
// (core/aligned_buffer.hpp), with the values untouched by either.
#include "core/aligned_buffer.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

namespace hosim {
namespace {

std::uintptr_t address(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p);
}

// The VmFlags of the mapping of this process that holds `p` ("" if none).
std::string vm_flags_at(const void* p) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    std::uintptr_t lo = 0, hi = 0;
    char dash = 0;
    std::istringstream range(line);
    if (range >> std::hex >> lo >> dash >> hi && dash == '-') {
      inside = lo <= address(p) && address(p) < hi;
    } else if (inside && line.rfind("VmFlags:", 0) == 0) {
      return line;
    }
  }
  return "";
}

// Whether the kernel offers transparent huge pages to advised memory.
bool thp_for_advised_memory() {
  std::ifstream f("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string s;
  std::getline(f, s);
  return s.find("[always]") != std::string::npos || s.find("[madvise]") != std::string::npos;
}

TEST(AlignedBuffer, SmallArraysAreCacheLineAligned) {
  for (const std::size_t n : {1, 7, 1000, 100000}) {
    AlignedBuffer<double> b(n, 2.5);
    EXPECT_EQ(address(b.data()) % kAlignment, 0u) << n;
    for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(b[i], 2.5);
  }
}

TEST(AlignedBuffer, LargeArraysStartOnAHugePage) {
  const std::size_t n = kHugePageBytes / sizeof(float) + 3;  // not a whole number of pages
  AlignedBuffer<float> b(n, 1.25f);
  ASSERT_EQ(b.size(), n);
  EXPECT_EQ(address(b.data()) % kHugePage, 0u);
  for (std::size_t i = 0; i < n; ++i) ASSERT_EQ(b[i], 1.25f);
  // A copy, and a resize through both sizes, keep the values and the rule.
  b[n - 1] = 7.0f;
  const AlignedBuffer<float> c = b;
  EXPECT_EQ(address(c.data()) % kHugePage, 0u);
  EXPECT_EQ(c[n - 1], 7.0f);
  EXPECT_EQ(c[0], 1.25f);
  b.resize(10, 3.0f);
  EXPECT_EQ(address(b.data()) % kAlignment, 0u);
  EXPECT_EQ(b[9], 3.0f);
  b.resize(n, 4.0f);
  EXPECT_EQ(address(b.data()) % kHugePage, 0u);
  EXPECT_EQ(b[n - 1], 4.0f);
}

TEST(AlignedBuffer, LargeArraysAreAdvisedAsHugePages) {
  if (!thp_for_advised_memory()) GTEST_SKIP() << "the kernel gives no huge pages to advised memory";
  const AlignedBuffer<double> big(kHugePageBytes / sizeof(double), 1.0);
  const AlignedBuffer<double> small(1000, 1.0);
  const std::string flags = vm_flags_at(big.data());
  ASSERT_FALSE(flags.empty()) << "no mapping holds the array";
  // "hg": the mapping carries MADV_HUGEPAGE (proc(5)).
  EXPECT_NE(flags.find(" hg"), std::string::npos) << flags;
  EXPECT_EQ(vm_flags_at(small.data()).find(" hg"), std::string::npos);
}

}  // namespace
}  // namespace hosim
