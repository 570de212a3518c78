#include "io/provenance.hpp"

#include <hdf5.h>

#include <string>

#include "core/simd_cap.hpp"

// Build facts arrive as compile definitions set in src/io/CMakeLists.txt on
// this file only; the git commit comes from git_commit.hpp, rewritten at every
// build when the commit changes, so a new commit recompiles one file.
#include "git_commit.hpp"
#ifndef HOSIM_VERSION
#define HOSIM_VERSION "unknown"
#endif
#ifndef HOSIM_GIT_COMMIT
#define HOSIM_GIT_COMMIT "unknown"
#endif
#ifndef HOSIM_COMPILER
#define HOSIM_COMPILER "unknown"
#endif
#ifndef HOSIM_BUILD_TYPE
#define HOSIM_BUILD_TYPE "unknown"
#endif
#ifndef HOSIM_CXX_FLAGS
#define HOSIM_CXX_FLAGS ""
#endif

namespace hosim {

std::string software_version() {
  return HOSIM_VERSION;
}

std::string git_commit() {
  return HOSIM_GIT_COMMIT;
}

std::string build_info() {
  std::string info;
  info += "compiler: " HOSIM_COMPILER;
#ifdef __VERSION__
  info += " (" __VERSION__ ")";
#endif
  info += "\nbuild type: " HOSIM_BUILD_TYPE;
  info += "\nflags: " HOSIM_CXX_FLAGS;
  info += "\nC++ standard: " + std::to_string(__cplusplus);

  // The library actually loaded can differ from the headers compiled against.
  unsigned major = 0;
  unsigned minor = 0;
  unsigned release = 0;
  if (H5get_libversion(&major, &minor, &release) >= 0) {
    info += "\nHDF5: " + std::to_string(major) + "." + std::to_string(minor) + "." +
            std::to_string(release);
  }
  info += " (headers " + std::to_string(H5_VERS_MAJOR) + "." + std::to_string(H5_VERS_MINOR) + "." +
          std::to_string(H5_VERS_RELEASE) + ")";

#ifdef _OPENMP
  info += "\nOpenMP: " + std::to_string(_OPENMP);
#else
  info += "\nOpenMP: off";
#endif
  // The vector kernels chosen at run time (core/simd_cap.hpp): the same
  // results on every level, but a timing is of these.
  info += "\nvector kernels: " + simd_description();
  return info;
}

}  // namespace hosim
