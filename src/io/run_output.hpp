#pragma once
// The observer that writes a run's folder: run.h5 (snapshots, time series),
// run.xmf, checkpoint.h5 and summary.json.
#include <cstdint>
#include <string>
#include <vector>

#include "config/params.hpp"
#include "core/timer.hpp"
#include "io/checkpoint.hpp"
#include "io/provenance.hpp"
#include "io/run_file.hpp"
#include "model/observer.hpp"

namespace hosim {

class RunOutput : public Observer {
 public:
  // A new run: creates OUTDIR/run.h5 with provenance (truncating an old one).
  RunOutput(std::string outdir, const Params& params, const Provenance& prov);
  // A resumed run: drops from run.h5 whatever lies beyond the checkpoint, so
  // the continued file equals an uninterrupted one.
  RunOutput(std::string outdir, const Params& params, const CheckpointMeta& meta);

  void on_timeseries(const ModelState& s, const TimeseriesRow& row) override;
  void on_snapshot(const ModelState& s) override;
  void on_checkpoint(const ModelState& s) override;
  void on_finish(const ModelState& s, const TimeseriesRow& last, double wall_s) override;
  void on_abort(const ModelState& s) override;

  // Time-series rows are kept back and appended together (each append opens
  // and closes run.h5, 2-3 ms however many rows it carries): at every
  // snapshot, checkpoint, the end, an abort, and once kMaxPendingRows rows or
  // kMaxPendingSeconds of wall time have gathered. A checkpoint's row count is
  // always what the file holds; a killed run loses at most those rows, and
  // resuming from its checkpoint drops the rows after it anyway.
  static constexpr std::size_t kMaxPendingRows = 256;
  static constexpr double kMaxPendingSeconds = 60.0;
  void flush(const ModelState& s);
  [[nodiscard]] std::size_t pending_rows() const {
    return columns_.empty() ? 0 : pending_.size() / columns_.size();
  }

  // The resolved treatment schedule; when not empty, run.h5 gets the
  // /interventions table (rewritten with each time-series write when the
  // event log has grown).
  void set_interventions(std::vector<InterventionTable::Entry> schedule) {
    schedule_ = std::move(schedule);
  }

  [[nodiscard]] std::string h5_path() const { return outdir_ + "/run.h5"; }
  [[nodiscard]] std::string checkpoint_path() const { return outdir_ + "/checkpoint.h5"; }

 private:
  [[nodiscard]] bool selected(const std::string& mesh) const;
  // (Re)write /interventions with the first `events` entries of the log.
  void write_interventions(const ModelState& s, std::int64_t events);

  std::string outdir_;
  Params params_;
  CheckpointMeta meta_;
  RunFile file_;
  std::vector<SnapshotInfo> snapshots_;
  std::vector<TimeseriesColumn> columns_;
  std::vector<double> pending_;  // rows not yet in run.h5, one after the other
  Stopwatch since_flush_;
  std::vector<InterventionTable::Entry> schedule_;
  std::int64_t events_written_ = -1;  // log length at the last write (-1: not yet)
  std::int64_t events_at_row_ = -1;   // log length at the last time-series row
};

// FNV-1a 64-bit hash of a text, as 16 hex digits (the resolved-config hash).
[[nodiscard]] std::string text_hash(const std::string& text);

}  // namespace hosim
