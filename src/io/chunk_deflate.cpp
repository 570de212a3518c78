#include "io/chunk_deflate.hpp"

#include <zlib.h>

#include <algorithm>
#include <stdexcept>
#include <string>

namespace hosim::io {

namespace {

// Byte j of element i at i·s + j (interleaved) or at j·n + i (grouped);
// `group` = true goes from the first to the second (HDF5's shuffle).
void move_bytes(std::span<const std::uint8_t> in, std::size_t element_bytes,
                std::span<std::uint8_t> out, bool group, const char* who) {
  if (out.size() != in.size())
    throw std::invalid_argument(std::string(who) + ": the output must have the input's size");
  const std::size_t s = element_bytes;
  const std::size_t n = s > 1 ? in.size() / s : 0;
  for (std::size_t j = 0; j < s && n > 0; ++j)
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t interleaved = i * s + j, grouped = j * n + i;
      out[group ? grouped : interleaved] = in[group ? interleaved : grouped];
    }
  // Trailing bytes that make no whole element (all of them when n is 0).
  std::copy(in.begin() + static_cast<std::ptrdiff_t>(n * s), in.end(),
            out.begin() + static_cast<std::ptrdiff_t>(n * s));
}

}  // namespace

void shuffle_bytes(std::span<const std::uint8_t> in, std::size_t element_bytes,
                   std::span<std::uint8_t> out) {
  move_bytes(in, element_bytes, out, true, "shuffle_bytes");
}

void unshuffle_bytes(std::span<const std::uint8_t> in, std::size_t element_bytes,
                     std::span<std::uint8_t> out) {
  move_bytes(in, element_bytes, out, false, "unshuffle_bytes");
}

void shuffle_deflate(std::span<const std::uint8_t> raw, std::size_t element_bytes, int level,
                     std::vector<std::uint8_t>& out) {
  if (level < 1 || level > 9)
    throw std::invalid_argument("shuffle_deflate: level " + std::to_string(level) +
                                " is not in 1–9");
  std::vector<std::uint8_t> shuffled(raw.size());
  shuffle_bytes(raw, element_bytes, shuffled);
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  out.resize(size);
  const int status =
      compress2(out.data(), &size, shuffled.data(), static_cast<uLong>(shuffled.size()), level);
  if (status != Z_OK)
    throw std::runtime_error("deflate of a " + std::to_string(raw.size()) +
                             "-byte chunk failed (zlib status " + std::to_string(status) + ")");
  out.resize(size);
}

}  // namespace hosim::io
