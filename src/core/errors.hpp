#pragma once
// Error types. Each carries the process exit code of DESIGN.md §3, so only
// src/app decides to exit and everything below just throws.
#include <stdexcept>
#include <string>

namespace hosim {

enum class ExitCode : int {
  Success = 0,
  BadInput = 2,
  IoFailure = 3,
  NumericalFailure = 4,
  Stopped = 99,
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& what) : std::runtime_error(what), code_(code) {}
  [[nodiscard]] ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

// Bad config, bad command line, bad value: exit 2.
class ConfigError : public Error {
 public:
  explicit ConfigError(const std::string& what) : Error(ExitCode::BadInput, what) {}
};

// File cannot be read, written or parsed as HDF5: exit 3.
class IoError : public Error {
 public:
  explicit IoError(const std::string& what) : Error(ExitCode::IoFailure, what) {}
};

// NaN, negative concentration, instability: exit 4.
class NumericalError : public Error {
 public:
  explicit NumericalError(const std::string& what) : Error(ExitCode::NumericalFailure, what) {}
};

}  // namespace hosim
