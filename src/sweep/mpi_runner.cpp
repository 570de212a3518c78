#include "sweep/mpi_runner.hpp"

#include <mpi.h>
#include <omp.h>
#include <spdlog/spdlog.h>

#include <chrono>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

#include "core/errors.hpp"
#include "sweep/point_runner.hpp"

namespace hosim {

namespace {

constexpr int kTagRequest = 1;  // worker -> rank 0: {finished index or -1, its exit code}
constexpr int kTagAssign = 2;   // rank 0 -> worker: point index, or -1 = no more work
constexpr std::int64_t kNone = -1;

// The queue of points and the tally, shared by rank 0's two threads.
struct Dispatcher {
  std::mutex m;
  std::deque<std::int64_t> pending;
  std::int64_t finished = 0, failed = 0, stopped = 0;
  int first_failure = 0;
  bool halt = false;  // a signal or a stopped point: hand out nothing more

  std::int64_t next() {
    std::lock_guard lock(m);
    if (halt || pending.empty()) return kNone;
    const std::int64_t i = pending.front();
    pending.pop_front();
    return i;
  }
  void record(std::int64_t index, int code) {
    if (index < 0) return;
    std::lock_guard lock(m);
    if (code == 0) {
      ++finished;
    } else if (code == static_cast<int>(ExitCode::Stopped)) {
      ++stopped;
      halt = true;
    } else {
      ++failed;
      if (first_failure == 0) first_failure = code;
    }
  }
};

// One point in this process; never throws (the point records its failure).
int run_one(const Sweep& sweep, std::int64_t index, const MpiOptions& opt, int rank) {
  JobOptions job;
  job.quiet = true;
  job.command_line = opt.command_line;
  job.stop = opt.stop;
  // Signalled before it began: leave the point for the re-run.
  if (opt.stop != nullptr && opt.stop->load()) return static_cast<int>(ExitCode::Stopped);
  try {
    const int code = run_point(sweep, index, opt.sweepdir, job);
    if (!opt.quiet && code == 0) spdlog::info("rank {}: point {} finished", rank, index);
    return code;
  } catch (const Error& e) {
    spdlog::warn("rank {}: point {} failed (exit {}): {}", rank, index, static_cast<int>(e.code()),
                 e.what());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    spdlog::warn("rank {}: point {} failed: internal error: {}", rank, index, e.what());
    return 1;
  }
}

void check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) throw IoError(std::string("MPI failure in ") + what);
}

int dispatch(const Sweep& sweep, const MpiOptions& opt, int size, Dispatcher& d,
             std::int64_t skipped) {
  if (!opt.quiet)
    spdlog::info("{}: {} points, {} already finished, {} to run on {} MPI ranks → {}",
                 sweep.spec.name, sweep.points.size(), skipped, d.pending.size(), size,
                 opt.sweepdir);

  // Rank 0's own worker: a plain thread with its own OpenMP team.
  std::thread local([&] {
    omp_set_num_threads(opt.threads);
    for (std::int64_t i; (i = d.next()) != kNone;) d.record(i, run_one(sweep, i, opt, 0));
  });

  int active = size - 1;  // remote workers not yet told to stop
  while (active > 0) {
    std::int64_t msg[2];
    MPI_Request req;
    MPI_Status status;
    check(MPI_Irecv(msg, 2, MPI_INT64_T, MPI_ANY_SOURCE, kTagRequest, MPI_COMM_WORLD, &req),
          "MPI_Irecv");
    for (int done = 0;;) {
      check(MPI_Test(&req, &done, &status), "MPI_Test");
      if (done) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    d.record(msg[0], static_cast<int>(msg[1]));
    if (opt.stop != nullptr && opt.stop->load()) {
      std::lock_guard lock(d.m);
      d.halt = true;
    }
    const std::int64_t next = d.next();
    if (next == kNone) --active;
    check(MPI_Send(&next, 1, MPI_INT64_T, status.MPI_SOURCE, kTagAssign, MPI_COMM_WORLD),
          "MPI_Send");
  }
  local.join();
  const bool stopped = d.stopped > 0 || (opt.stop != nullptr && opt.stop->load());
  if (!opt.quiet)
    spdlog::info("{}: {} finished now, {} already finished, {} failed, {} stopped, {} not started",
                 sweep.spec.name, d.finished, skipped, d.failed, d.stopped, d.pending.size());
  if (stopped) return static_cast<int>(ExitCode::Stopped);
  return d.failed > 0 ? d.first_failure : 0;
}

void worker(const Sweep& sweep, const MpiOptions& opt, int rank) {
  std::int64_t msg[2] = {kNone, 0};
  for (;;) {
    check(MPI_Send(msg, 2, MPI_INT64_T, 0, kTagRequest, MPI_COMM_WORLD), "MPI_Send");
    std::int64_t index = kNone;
    check(MPI_Recv(&index, 1, MPI_INT64_T, 0, kTagAssign, MPI_COMM_WORLD, MPI_STATUS_IGNORE),
          "MPI_Recv");
    if (index == kNone) return;
    msg[0] = index;
    msg[1] = run_one(sweep, index, opt, rank);
  }
}

}  // namespace

bool mpi_available() {
  return true;
}

int run_sweep_mpi(const Sweep& sweep, const MpiOptions& opt) {
  int provided = 0;
  if (MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS)
    throw IoError("MPI_Init_thread failed");
  if (provided < MPI_THREAD_FUNNELED) {
    MPI_Finalize();
    throw IoError("the MPI library does not support MPI_THREAD_FUNNELED");
  }
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  int code = 0;
  int error = 0;  // rank 0 could not plan the sweep (bad input, I/O)
  std::string message;
  if (rank == 0) {
    Dispatcher d;
    std::int64_t skipped = 0;
    try {
      write_sweep_record(opt.sweepdir, sweep);
      const auto todo = unfinished_points(sweep, opt.sweepdir, skipped);
      d.pending.assign(todo.begin(), todo.end());
    } catch (const Error& e) {
      error = static_cast<int>(e.code());
      message = e.what();
    }
    if (error != 0) {
      // Nothing was handed out yet: answer each worker's first request with
      // "no work", so the job ends instead of hanging.
      const std::int64_t none = kNone;
      for (int r = 1; r < size; ++r) {
        std::int64_t msg[2];
        MPI_Recv(msg, 2, MPI_INT64_T, r, kTagRequest, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        MPI_Send(&none, 1, MPI_INT64_T, r, kTagAssign, MPI_COMM_WORLD);
      }
      code = error;
    } else {
      try {
        code = dispatch(sweep, opt, size, d, skipped);
      } catch (const std::exception& e) {
        // Workers may be mid-point; a clean hand-back is no longer possible.
        spdlog::error("rank 0: {}; aborting the MPI job (re-run the sweep to resume)", e.what());
        MPI_Abort(MPI_COMM_WORLD, static_cast<int>(ExitCode::IoFailure));
      }
    }
  } else {
    omp_set_num_threads(opt.threads);
    worker(sweep, opt, rank);
  }
  MPI_Bcast(&code, 1, MPI_INT, 0, MPI_COMM_WORLD);
  MPI_Finalize();
  if (error != 0) throw Error(static_cast<ExitCode>(error), message);
  return code;
}

}  // namespace hosim
