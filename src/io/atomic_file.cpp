#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "core/errors.hpp"

namespace hosim {

namespace {

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
  throw IoError("cannot " + what + " " + path + ": " + std::strerror(err));
}

// Closes a POSIX descriptor on every path; close() errors on the success
// path are checked explicitly by the caller.
class Fd {
 public:
  explicit Fd(int fd) noexcept : fd_(fd) {}
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() {
    if (fd_ >= 0) (void)::close(fd_);
  }
  [[nodiscard]] int get() const noexcept { return fd_; }
  int release_and_close() noexcept {
    const int r = ::close(fd_);
    fd_ = -1;
    return r;
  }

 private:
  int fd_;
};

}  // namespace

std::string temporary_path(const std::string& path) {
  return path + ".tmp";
}

void sync_file(const std::string& path) {
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) fail("open", path, errno);
  if (::fsync(fd.get()) != 0) fail("sync", path, errno);
  if (fd.release_and_close() != 0) fail("close", path, errno);
}

void replace_file(const std::string& from, const std::string& to) {
  if (std::rename(from.c_str(), to.c_str()) != 0) {
    const int err = errno;
    (void)std::remove(from.c_str());
    throw IoError("cannot rename " + from + " to " + to + ": " + std::strerror(err));
  }
}

void write_file_atomically(const std::string& path, std::string_view content, Writers writers) {
  std::string tmp = temporary_path(path);
  if (writers == Writers::Many) {
    char host[256] = {};
    (void)::gethostname(host, sizeof host - 1);
    tmp += "." + std::string(host) + "." + std::to_string(::getpid());
  }
  {
    Fd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
    if (fd.get() < 0) fail("create", tmp, errno);
    const char* p = content.data();
    std::size_t left = content.size();
    while (left > 0) {
      const ssize_t n = ::write(fd.get(), p, left);
      if (n < 0) {
        if (errno == EINTR) continue;
        const int err = errno;
        (void)std::remove(tmp.c_str());
        fail("write", tmp, err);
      }
      p += n;
      left -= static_cast<std::size_t>(n);
    }
    if (::fsync(fd.get()) != 0 || fd.release_and_close() != 0) {
      const int err = errno;
      (void)std::remove(tmp.c_str());
      fail("write", tmp, err);
    }
  }
  replace_file(tmp, path);
}

}  // namespace hosim
