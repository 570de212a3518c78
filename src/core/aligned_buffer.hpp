#pragma once
// A flat, 64-byte aligned, fixed-size array: the storage of every lattice
// field. Cache-line alignment lets the compiler vectorise the hot loops and
// keeps threads from sharing lines at chunk edges.
//
// Arrays of kHugePageBytes or more start on a 2 MiB boundary, span whole
// 2 MiB pages and are advised to the kernel as huge-page candidates
// (madvise MADV_HUGEPAGE; Linux's default transparent huge pages setting
// honours only advised memory). Why: the z sweeps and the 7-point stencils
// step a plane (512 KiB on 256³) at a time, so with 4 KiB pages nearly
// every such access misses the TLB. With 2 MiB pages BM_ModelStep/256³ took
// about 7 % less (bench/README.md, 2026-12-06 night). Where the kernel refuses
// (no THP, or THP off), nothing changes but the alignment.
#include <sys/mman.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <type_traits>

namespace hosim {

inline constexpr std::size_t kAlignment = 64;
// Arrays this large get huge-page-aligned storage. A huge page is backed
// whole, so an array's last page may hold up to 2 MiB it does not use: from
// 4 MiB that is less than half the array, and a few per cent on the
// lattices where TLB misses matter (their arrays hold tens of MiB). The
// default 60×60×40 grid's largest arrays (1.15 MB) stay below it.
inline constexpr std::size_t kHugePage = std::size_t{2} << 20;
inline constexpr std::size_t kHugePageBytes = std::size_t{4} << 20;

template <class T>
class AlignedBuffer {
  static_assert(std::is_trivially_copyable_v<T>, "AlignedBuffer holds plain values only");

 public:
  AlignedBuffer() = default;
  explicit AlignedBuffer(std::size_t n, T fill = T{}) { resize(n, fill); }

  AlignedBuffer(const AlignedBuffer& o) { *this = o; }
  AlignedBuffer& operator=(const AlignedBuffer& o) {
    if (this != &o) {
      allocate(o.n_);
      if (n_ > 0) std::memcpy(data_.get(), o.data_.get(), n_ * sizeof(T));
    }
    return *this;
  }
  AlignedBuffer(AlignedBuffer&&) noexcept = default;
  AlignedBuffer& operator=(AlignedBuffer&&) noexcept = default;

  void resize(std::size_t n, T fill = T{}) {
    allocate(n);
    std::fill(data_.get(), data_.get() + n_, fill);
  }
  void fill(T v) { std::fill(data_.get(), data_.get() + n_, v); }

  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  [[nodiscard]] T* data() noexcept { return data_.get(); }
  [[nodiscard]] const T* data() const noexcept { return data_.get(); }
  T& operator[](std::size_t i) noexcept { return data_[i]; }
  const T& operator[](std::size_t i) const noexcept { return data_[i]; }
  [[nodiscard]] std::span<T> span() noexcept { return {data_.get(), n_}; }
  [[nodiscard]] std::span<const T> span() const noexcept { return {data_.get(), n_}; }
  T* begin() noexcept { return data_.get(); }
  T* end() noexcept { return data_.get() + n_; }
  const T* begin() const noexcept { return data_.get(); }
  const T* end() const noexcept { return data_.get() + n_; }

 private:
  struct Free {
    void operator()(T* p) const noexcept { std::free(p); }
  };
  void allocate(std::size_t n) {
    n_ = n;
    if (n == 0) {
      data_.reset();
      return;
    }
    const bool huge = n * sizeof(T) >= kHugePageBytes;
    const std::size_t align = huge ? kHugePage : kAlignment;
    // aligned_alloc wants a size that is a multiple of the alignment.
    const std::size_t bytes = ((n * sizeof(T) + align - 1) / align) * align;
    void* p = std::aligned_alloc(align, bytes);
    if (p == nullptr) throw std::bad_alloc();
    // Advice only: a kernel without transparent huge pages says no (EINVAL),
    // and the array works the same in small pages.
    if (huge) (void)madvise(p, bytes, MADV_HUGEPAGE);
    data_.reset(static_cast<T*>(p));
  }

  std::unique_ptr<T[], Free> data_;
  std::size_t n_ = 0;
};

}  // namespace hosim
