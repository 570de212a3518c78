#pragma once
// A flat, 64-byte aligned, fixed-size array: the storage of every lattice
// field. Cache-line alignment lets the compiler vectorise the hot loops and
// keeps threads from sharing lines at chunk edges.
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <span>
#include <type_traits>

namespace hosim {

inline constexpr std::size_t kAlignment = 64;

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
    std::size_t bytes = ((n * sizeof(T) + kAlignment - 1) / kAlignment) * kAlignment;
    void* p = std::aligned_alloc(kAlignment, bytes);
    if (p == nullptr) throw std::bad_alloc();
    data_.reset(static_cast<T*>(p));
  }

  std::unique_ptr<T[], Free> data_;
  std::size_t n_ = 0;
};

}  // namespace hosim
