#pragma once
// The first Philox4x32-10 block of many random streams at once.
//
// Why: a cell rule draws from up to four streams per cell (death,
// commitment, division, migration), each starting with one Philox block.
// Computed one at a time inside the rules, the ten dependent rounds of
// each block (two 32×32→64-bit products per round) were about a third of
// the cell step. Here the blocks of a batch of streams that share the seed,
// the step and the purpose (so they differ only in the id) go through the
// rounds side by side, which the compiler turns into vector products; the
// result is the same 128 bits RandomStream would compute, bit for bit
// (tests/core/philox_batch_test.cpp compares them against Random123).
#include <array>
#include <cstddef>
#include <cstdint>

#include "core/rng.hpp"

namespace hosim {

// One stream's four words of one block (RandomStream takes its first).
using PhiloxBlock = std::array<std::uint32_t, 4>;

// The vector units the batch can use, narrowest first.
enum class PhiloxIsa : int { Scalar = 0, Avx2 = 1, Avx512 = 2 };

// The widest this processor has, no wider than HOSIM_SIMD allows
// (core/simd_cap.hpp: simd_level).
[[nodiscard]] PhiloxIsa best_philox_isa();

// The first block of RandomStream(seed, step, ids[k], purpose) for k < n,
// laid out by word: word j of stream k at words[j·stride + k] (stride ≥ n),
// so that a loop over streams reads each word contiguously. Uses `isa`, or
// the widest the processor has if that is narrower (the default: the
// widest); the integer arithmetic gives the same bits on every path.
void philox_first_words(std::uint64_t seed, std::uint64_t step, RngPurpose purpose,
                        const std::uint64_t* ids, std::size_t n, std::uint32_t* words,
                        std::size_t stride, PhiloxIsa isa = PhiloxIsa::Avx512);

// Block number `block` (0: the first; < 65536) of the same streams, laid
// out by word as above: the words a stream yields after 4·block others.
void philox_block_words(std::uint64_t seed, std::uint64_t step, RngPurpose purpose,
                        std::uint32_t block, const std::uint64_t* ids, std::size_t n,
                        std::uint32_t* words, std::size_t stride,
                        PhiloxIsa isa = PhiloxIsa::Avx512);

}  // namespace hosim
