hosim_bench(bench_cells SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/bench_cells.cpp
            LIBS hosim_biology hosim_config hosim_model)
