#pragma once
// Elementwise loops over one row of a grid in vectors, the row's remainder
// in narrower vectors (halving the width each time) instead of one value at
// a time.
//
// Why: a row of a model grid is short (60 voxels on the default lattice) and
// rarely a whole number of vectors long. A `#pragma omp simd` loop over it
// ends in a scalar remainder (GCC 12), which on 60 values took about as long
// as the whole vectors before it: the steady oxygen solver ran 243 M voxel-
// iterations/s on 60 × 60 × 40 against 290 M on 64 × 56 × 40 (one thread,
// 2026-12-07, AMD EPYC Zen 4, BM_SteadySolve), nearly all of the difference
// in the residual and in the y sweep's rows. A last vector overlapping the one
// before would cover the remainder too, but the y sweep reads each row back
// at once as the next row's neighbour, and a load spanning two stores cannot
// take its value from them (the store-to-load forward): that form made the
// y sweep slower, not faster. Pieces that partition the row are read back
// exactly as they were written.
//
// The vectors are GCC vector types (64 bytes: one AVX-512 register, two AVX2
// or four SSE registers in narrower builds) with the same IEEE operation in
// every lane, and a piece of one lane is a plain scalar, so the bits do not
// depend on the instruction set or on where a value falls in the row.
#include <cstddef>
#include <cstring>
#include <type_traits>

namespace hosim::rows {

// L values of T: a GCC vector, or T itself for L = 1.
template <class T, int L>
struct VecOf {
  typedef T type __attribute__((vector_size(L * sizeof(T))));
};
template <class T>
struct VecOf<T, 1> {
  typedef T type;
};
template <class T, int L>
using Vec = typename VecOf<T, L>::type;

// Lanes of T in 64 bytes.
template <class T>
inline constexpr int kLanes = static_cast<int>(64 / sizeof(T));

template <class T, int L>
[[gnu::always_inline]] inline Vec<T, L> load(const T* p) {
  Vec<T, L> v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

template <class T, int L>
[[gnu::always_inline]] inline void store(T* p, const Vec<T, L>& v) {
  std::memcpy(p, &v, sizeof v);
}

// Each lane converted to To (rounded to nearest, as static_cast).
template <class To, class From, int L>
[[gnu::always_inline]] inline Vec<To, L> convert(const Vec<From, L>& v) {
  if constexpr (L == 1) {
    return static_cast<To>(v);
  } else {
    return __builtin_convertvector(v, Vec<To, L>);
  }
}

// Lane j of v (v itself for one lane).
template <class T, int L>
[[gnu::always_inline]] inline T lane(const Vec<T, L>& v, int j) {
  if constexpr (L == 1) {
    (void)j;
    return v;
  } else {
    return v[j];
  }
}

// Calls piece(x, std::integral_constant<int, L>{}) for pieces [x, x + L)
// that partition [first, end): L = kMax while a whole one fits, then at most
// one piece of each of kMax/2, kMax/4, …, 1 (kMax a power of two).
template <int kMax, class Piece>
[[gnu::always_inline]] inline void in_pieces(std::ptrdiff_t first, std::ptrdiff_t end,
                                             Piece&& piece) {
  static_assert(kMax >= 1 && (kMax & (kMax - 1)) == 0, "kMax must be a power of two");
  std::ptrdiff_t x = first;
  for (; x + kMax <= end; x += kMax) piece(x, std::integral_constant<int, kMax>{});
  if constexpr (kMax > 1) in_pieces<kMax / 2>(x, end, piece);
}

}  // namespace hosim::rows
