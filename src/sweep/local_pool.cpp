#include "sweep/local_pool.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spdlog/spdlog.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <deque>
#include <filesystem>
#include <map>
#include <thread>

#include "core/errors.hpp"

namespace hosim {

namespace {

struct Running {
  std::int64_t index;
  std::chrono::steady_clock::time_point started;
};

// Fork and exec one point; its stdout and stderr go to the point's log.txt.
pid_t start_point(const PoolOptions& opt, std::int64_t index, int threads) {
  const std::string dir = point_dir(opt.sweepdir, index);
  const std::string log = dir + "/log.txt";
  std::vector<std::string> args{
      opt.exe,      "sweep",     opt.spec_path,           "--point", std::to_string(index), "-o",
      opt.sweepdir, "--threads", std::to_string(threads), "--quiet"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid < 0) throw IoError(std::string("cannot start a point: fork failed: ") + strerror(errno));
  if (pid == 0) {
    // Only async-signal-safe calls between fork and exec.
    const int fd = open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    const int null_in = open("/dev/null", O_RDONLY);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
    if (null_in >= 0) dup2(null_in, STDIN_FILENO);
    execv(argv[0], argv.data());
    _exit(127);
  }
  return pid;
}

}  // namespace

int run_all_local(const Sweep& sweep, const PoolOptions& opt) {
  const auto total = static_cast<std::int64_t>(sweep.points.size());
  std::int64_t skipped = 0;
  const auto todo = unfinished_points(sweep, opt.sweepdir, skipped);
  std::deque<std::int64_t> pending(todo.begin(), todo.end());
  // The child opens its log.txt there before it runs.
  for (const std::int64_t i : pending) {
    const std::string dir = point_dir(opt.sweepdir, i);
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw IoError("cannot create '" + dir + "': " + ec.message());
  }
  const int jobs = std::max(1, std::min<int>(opt.jobs, static_cast<int>(pending.size())));
  // The threads are shared among the points that actually run at once.
  const int threads = std::max(1, opt.threads / jobs);
  if (!opt.quiet)
    spdlog::info(
        "{}: {} points, {} already finished, {} to run, {} at a time with {} thread{} "
        "each → {}",
        sweep.spec.name, total, skipped, pending.size(), jobs, threads, threads == 1 ? "" : "s",
        opt.sweepdir);

  std::map<pid_t, Running> running;
  std::int64_t finished = 0, failed = 0, stopped = 0;
  int first_failure = 0;
  bool forwarded = false;
  const auto stop_seen = [&] { return opt.stop != nullptr && opt.stop->load(); };
  while (!running.empty() || (!pending.empty() && !stop_seen())) {
    if (stop_seen() && !forwarded) {
      forwarded = true;
      if (!opt.quiet)
        spdlog::warn("stop requested: {} running point(s) checkpoint and stop; {} not started",
                     running.size(), pending.size());
      for (const auto& [pid, r] : running) kill(pid, SIGTERM);
    }
    while (!stop_seen() && !pending.empty() && static_cast<int>(running.size()) < jobs) {
      const std::int64_t i = pending.front();
      pending.pop_front();
      running.emplace(start_point(opt, i, threads), Running{i, std::chrono::steady_clock::now()});
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, WNOHANG);
    if (pid == 0 || (pid < 0 && errno == EINTR)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    if (pid < 0) throw IoError(std::string("waiting for a point failed: ") + strerror(errno));
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const Running r = it->second;
    running.erase(it);
    const double secs =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - r.started).count();
    const std::string dir = point_dir(opt.sweepdir, r.index);
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == 0) {
      ++finished;
      if (!opt.quiet)
        spdlog::info("[{}/{}] point {} finished in {:.1f} s", skipped + finished + failed, total,
                     r.index, secs);
    } else if (code == static_cast<int>(ExitCode::Stopped)) {
      ++stopped;
    } else {
      ++failed;
      std::string why;
      if (WIFSIGNALED(status)) {
        why = "killed by signal " + std::to_string(WTERMSIG(status));
      } else if (code == 127) {
        why = "could not start " + opt.exe;
      }
      // The child records its own errors; a crash or a failed exec is
      // recorded here.
      if (!why.empty()) write_failure_record(dir, r.index, code < 0 ? 1 : code, why);
      if (first_failure == 0) first_failure = code <= 0 ? 1 : code;
      spdlog::warn("[{}/{}] point {} failed (exit {}{}); see {}/log.txt",
                   skipped + finished + failed, total, r.index, code, why.empty() ? "" : ", " + why,
                   dir);
    }
  }
  if (!opt.quiet)
    spdlog::info("{}: {} finished now, {} already finished, {} failed, {} stopped, {} not started",
                 sweep.spec.name, finished, skipped, failed, stopped,
                 stop_seen() ? pending.size() : 0);
  if (stop_seen()) return static_cast<int>(ExitCode::Stopped);
  return failed > 0 ? first_failure : 0;
}

}  // namespace hosim
