# The whole model step over lattice sizes (bench/README.md).
hosim_bench(bench_model SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/bench_model.cpp
            LIBS hosim_sim hosim_config)
target_compile_definitions(bench_model PRIVATE HOSIM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
