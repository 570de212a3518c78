#pragma once
// The widest vector kernels a process may use, below what the processor has.
//
// Why: the kernels with AVX-512 or AVX2 bodies (core/philox_batch.hpp,
// biology/hop_batch.hpp, biology/open_map.hpp) pick their path at run time
// from the processor, so on a machine with AVX-512 the narrower paths never
// run in a whole simulation, whatever -march the build has. Capping them
// lets tests/regression/isa_identity_test.sh check that a run gives the
// same bits on every path, and lets the benchmarks show what a processor
// without AVX-512 gets. Every path gives the same results; only speed
// changes.
//
// The cap is the environment variable HOSIM_SIMD: "portable" (no vector
// kernels), "avx2", "avx512" or unset (no cap). It is read once per process.
#include <string>
#include <string_view>

namespace hosim {

enum class SimdLevel : int { Portable = 0, Avx2 = 1, Avx512 = 2 };

// The level a HOSIM_SIMD value names; a null pointer (unset) is Avx512.
// Throws ConfigError (exit 2) for anything else, naming the accepted values.
[[nodiscard]] SimdLevel parse_simd_level(const char* value);

// parse_simd_level(getenv("HOSIM_SIMD")), computed on the first call. The
// program calls it before any kernel runs (src/app/main.cpp), so a bad value
// stops it there with a clear message instead of inside a parallel region.
[[nodiscard]] SimdLevel simd_cap();

// The level the kernels use: the widest this processor has (Avx512 meaning
// AVX-512 F and VL, Avx2 AVX2), no wider than simd_cap(). Asked of the
// processor once; the one place that probes it.
[[nodiscard]] SimdLevel simd_level();

// The name of a level as HOSIM_SIMD spells it: "portable", "avx2", "avx512".
[[nodiscard]] std::string_view simd_name(SimdLevel level);

// What the kernels use and why, for provenance and --profile: e.g.
// "avx2 (processor: avx512; HOSIM_SIMD=avx2)" or "avx512 (processor:
// avx512; HOSIM_SIMD unset)". Results are the same on every level; the line
// tells a reader of a timing which kernels it measured.
[[nodiscard]] std::string simd_description();

}  // namespace hosim
