#pragma once
// RAII ownership of HDF5 ids, and the one place where HDF5 failures become
// IoError. The C API reports failure through negative return values; every
// call site says what it was doing, so the message names the operation, the
// object inside the file and the file itself (DESIGN.md §4: messages a user
// can act on).
#include <hdf5.h>

#include <string>
#include <utility>

namespace hosim::h5 {

using Closer = herr_t (*)(hid_t);

// Owns one hid_t and releases it with the matching H5?close on every path,
// including when an exception unwinds the stack.
class Handle {
 public:
  Handle() = default;
  Handle(hid_t id, Closer closer) noexcept : id_(id), closer_(closer) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : id_(std::exchange(o.id_, H5I_INVALID_HID)), closer_(o.closer_) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      (void)close();
      id_ = std::exchange(o.id_, H5I_INVALID_HID);
      closer_ = o.closer_;
    }
    return *this;
  }
  ~Handle() { (void)close(); }

  [[nodiscard]] hid_t get() const noexcept { return id_; }
  // Implicit so that handles pass straight into the C API.
  operator hid_t() const noexcept { return id_; }  // NOLINT(google-explicit-constructor)

  // Close now and report the status: closing a file flushes it, and a failed
  // flush must not go unnoticed.
  herr_t close() noexcept {
    herr_t status = 0;
    if (id_ >= 0 && closer_ != nullptr) status = closer_(id_);
    id_ = H5I_INVALID_HID;
    return status;
  }

 private:
  hid_t id_ = H5I_INVALID_HID;
  Closer closer_ = nullptr;
};

// Error context for one file: every failure message ends with "in <file>".
class Ctx {
 public:
  // Also switches off HDF5's automatic error printing: failures reach the
  // user once, as an IoError, not as a stack dump on stderr.
  explicit Ctx(std::string file);

  // Throws IoError("cannot <what> in <file>: <innermost HDF5 message>").
  [[noreturn]] void fail(const std::string& what) const;
  // Same, with our own reason instead of HDF5's error stack.
  [[noreturn]] void fail(const std::string& what, const std::string& reason) const;

  // Throws IoError("cannot <verb> <file>: <innermost HDF5 message>"), for
  // operations on the file as a whole.
  [[noreturn]] void fail_file(const std::string& verb) const;

  [[nodiscard]] Handle own(hid_t id, Closer closer, const std::string& what) const {
    if (id < 0) fail(what);
    return {id, closer};
  }
  void ok(herr_t status, const std::string& what) const {
    if (status < 0) fail(what);
  }
  [[nodiscard]] Handle own_file(hid_t id, const std::string& verb) const {
    if (id < 0) fail_file(verb);
    return {id, H5Fclose};
  }
  // Closes the file, checking the flush that closing implies.
  void close_file(Handle& file) const {
    if (file.close() < 0) fail_file("flush and close");
  }
  // For H5?exists-style calls: negative is an error, otherwise a bool.
  [[nodiscard]] bool truth(htri_t value, const std::string& what) const {
    if (value < 0) fail(what);
    return value > 0;
  }

  [[nodiscard]] const std::string& file() const noexcept { return file_; }

 private:
  std::string file_;
};

// Turns HDF5's automatic error printing off for the calling thread.
void silence_errors() noexcept;

}  // namespace hosim::h5
