#include "io/hdf5_handle.hpp"

#include "core/errors.hpp"

namespace hosim::h5 {

namespace {

// H5Ewalk2 callback: keep the first record, which walking upward is the
// innermost one, where the problem was detected (e.g. "unable to open file:
// name = '...', errno = 2, error message = 'No such file or directory'").
herr_t keep_innermost(unsigned n, const H5E_error2_t* err, void* out) {
  if (n == 0 && err != nullptr && err->desc != nullptr) *static_cast<std::string*>(out) = err->desc;
  return 0;
}

std::string innermost_hdf5_message() {
  std::string message;
  // Errors of the walk itself are ignored: the detail is a courtesy.
  (void)H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, keep_innermost, &message);
  return message;
}

}  // namespace

void silence_errors() noexcept {
  (void)H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

Ctx::Ctx(std::string file) : file_(std::move(file)) {
  silence_errors();
}

void Ctx::fail(const std::string& what) const {
  // Read the error stack before any other HDF5 call clears it.
  fail(what, innermost_hdf5_message());
}

void Ctx::fail(const std::string& what, const std::string& reason) const {
  std::string message = "cannot " + what + " in " + file_;
  if (!reason.empty()) message += ": " + reason;
  throw IoError(message);
}

void Ctx::fail_file(const std::string& verb) const {
  const std::string reason = innermost_hdf5_message();
  std::string message = "cannot " + verb + " " + file_;
  if (!reason.empty()) message += ": " + reason;
  throw IoError(message);
}

}  // namespace hosim::h5
