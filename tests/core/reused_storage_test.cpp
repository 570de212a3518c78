// Work memory lent between operators (core/reused_storage.hpp).
#include "core/reused_storage.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <stdexcept>

namespace hosim {
namespace {

TEST(ReusedStorage, ViewsShareTheBuffersBytes) {
  AlignedBuffer<double> buf(10, 1.5);
  auto keys = reuse_as<std::uint64_t>(buf, 10);
  ASSERT_EQ(keys.size(), 10u);
  EXPECT_EQ(static_cast<void*>(keys.data()), static_cast<void*>(buf.data()));
  keys[3] = 42;
  EXPECT_EQ(keys[3], 42u);
  // Two arrays side by side in the same 80 bytes: 10 floats, then 10 bytes.
  auto f = reuse_as<float>(buf, 10);
  auto b = reuse_as<std::uint8_t>(buf, 10, 10 * sizeof(float));
  for (int i = 0; i < 10; ++i) {
    f[i] = static_cast<float>(i);
    b[i] = static_cast<std::uint8_t>(100 + i);
  }
  for (int i = 0; i < 10; ++i) {
    EXPECT_EQ(f[i], static_cast<float>(i));
    EXPECT_EQ(b[i], 100 + i);
  }
  auto d = reuse_as<double>(buf, 10);
  d[9] = 2.5;
  EXPECT_EQ(buf[9], 2.5);
}

TEST(ReusedStorage, RefusesWhatDoesNotFit) {
  AlignedBuffer<double> buf(10);
  EXPECT_THROW(reuse_as<std::uint64_t>(buf, 11), std::logic_error);
  EXPECT_THROW(reuse_as<std::uint8_t>(buf, 41, 40), std::logic_error);
  EXPECT_THROW(reuse_as<float>(buf, 2, 2), std::logic_error);  // misaligned
  EXPECT_NO_THROW(reuse_as<std::uint8_t>(buf, 40, 40));
}

}  // namespace
}  // namespace hosim
