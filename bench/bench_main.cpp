// The main of every benchmark program: Google Benchmark's own, after two
// things of hosim's.
//
// HOSIM_SIMD (core/simd_cap.hpp) is checked before any benchmark runs, so a
// bad value ends the program with hosim's message and exit 2 rather than an
// uncaught exception inside the first kernel. The vector kernels the run
// used go into the report's context ("vector_kernels"), so a JSON file says
// whether it timed the AVX-512, AVX2 or portable paths.
#include <benchmark/benchmark.h>

#include <cstdio>

#include "core/errors.hpp"
#include "core/simd_cap.hpp"

int main(int argc, char** argv) {
  try {
    (void)hosim::simd_cap();
  } catch (const hosim::ConfigError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 2;
  }
  benchmark::AddCustomContext("vector_kernels", hosim::simd_description());
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
