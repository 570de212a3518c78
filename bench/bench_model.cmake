# The whole model step over lattice sizes (bench/README.md).
hosim_bench(bench_model SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/bench_model.cpp
            LIBS hosim_sim hosim_config)
target_compile_definitions(bench_model PRIVATE HOSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")

# Smoke test: the tiled lattice builds (its occupancy checked against the
# state it copies) and steps; about 10 s.
add_test(NAME bench_model_tiled_smoke
         COMMAND bench_model --benchmark_filter=BM_ModelStepTiled/tiles:2)
set_tests_properties(bench_model_tiled_smoke PROPERTIES LABELS regression TIMEOUT 300
                     ENVIRONMENT "OMP_NUM_THREADS=2")
