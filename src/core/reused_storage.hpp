#pragma once
// Work memory lent from one operator to the next.
//
// Why: several operators of a step need a per-voxel scratch array only while
// they run (the cell engine's renumbering scratch and claims, tissue
// kinetics' new vessel layer and neighbour flags, recruitment's marks), and
// the source and uptake arrays of the transport are idle outside it. The
// operators run one after another, never two at once, and none keeps
// anything in its scratch from one step to the next, so they can share that
// memory: 14 bytes per voxel less, and the renumbering 29 bytes per cell
// (issue 4's memory target; experiments/ODD.md §3).
//
// reuse_as<U>(buffer, count, offset) starts the lifetime of `count` objects
// of the trivial type U in the buffer's storage at byte `offset` (the old
// values become indeterminate) and returns them as a span. The caller
// writes before it reads.
#include <cstddef>
#include <new>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "core/aligned_buffer.hpp"

namespace hosim {

template <class U, class T>
std::span<U> reuse_as(AlignedBuffer<T>& buffer, std::size_t count, std::size_t offset = 0) {
  static_assert(std::is_trivial_v<U>, "only trivial types can reuse storage");
  if (offset % alignof(U) != 0 || offset + count * sizeof(U) > buffer.size() * sizeof(T))
    throw std::logic_error("reuse_as: " + std::to_string(count) + " objects of " +
                           std::to_string(sizeof(U)) + " bytes at offset " +
                           std::to_string(offset) + " do not fit a buffer of " +
                           std::to_string(buffer.size() * sizeof(T)) + " bytes");
  std::byte* base = reinterpret_cast<std::byte*>(buffer.data()) + offset;
  // Default-initialising placement new of a trivial type emits no code; it
  // only makes the U objects exist there.
  for (std::size_t i = 0; i < count; ++i) ::new (static_cast<void*>(base + i * sizeof(U))) U;
  return {std::launder(reinterpret_cast<U*>(base)), count};
}

}  // namespace hosim
