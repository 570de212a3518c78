# LOD diffusion solver against a STREAM triad (bench/README.md).
hosim_bench(bench_diffusion SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/bench_diffusion.cpp LIBS hosim_transport)
