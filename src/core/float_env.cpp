#include "core/float_env.hpp"

#if defined(__SSE2__)
#include <pmmintrin.h>
#include <xmmintrin.h>
#endif

namespace hosim {

namespace {

void set_on_this_thread() {
#if defined(__SSE2__)
  _MM_SET_FLUSH_ZERO_MODE(_MM_FLUSH_ZERO_ON);
  _MM_SET_DENORMALS_ZERO_MODE(_MM_DENORMALS_ZERO_ON);
#endif
}

}  // namespace

void flush_subnormals_to_zero() {
  set_on_this_thread();
#pragma omp parallel
  set_on_this_thread();
}

}  // namespace hosim
