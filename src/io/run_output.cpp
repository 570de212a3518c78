#include "io/run_output.hpp"

#include <algorithm>
#include <cstdio>

#include "io/summary.hpp"
#include "model/acid_ph.hpp"
#include "model/cell_types.hpp"
#include "model/scenario.hpp"
#include "readouts/radiograph.hpp"

namespace hosim {

namespace {

std::string cell_type_enum() {
  std::string m;
  for (int k = 0; k < kCellTypeCount; ++k) {
    if (k > 0) m += ",";
    m += std::to_string(k) + "=" + std::string(kCellTypeNames[k]);
  }
  return m;
}

}  // namespace

std::string text_hash(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

RunOutput::RunOutput(std::string outdir, const Params& params, const Provenance& prov)
    : outdir_(std::move(outdir)), params_(params), file_(outdir_ + "/run.h5", make_grid(params)) {
  meta_.config_input_yaml = prov.config_input_yaml;
  meta_.config_resolved_yaml = prov.config_resolved_yaml;
  meta_.command_line = prov.command_line;
  file_.create(prov);
}

RunOutput::RunOutput(std::string outdir, const Params& params, const CheckpointMeta& meta)
    : outdir_(std::move(outdir)),
      params_(params),
      meta_(meta),
      file_(outdir_ + "/run.h5", make_grid(params)) {
  file_.truncate(meta_.last_snapshot_step, meta_.timeseries_rows);
  snapshots_ = file_.list_snapshots();
  write_xdmf(outdir_ + "/run.xmf", "run.h5", make_grid(params_), snapshots_);
}

bool RunOutput::selected(const std::string& mesh) const {
  const auto& f = params_.output.fields;
  return std::find(f.begin(), f.end(), "all") != f.end() ||
         std::find(f.begin(), f.end(), mesh) != f.end();
}

void RunOutput::on_timeseries(const ModelState& s, const TimeseriesRow& row) {
  if (columns_.empty())
    for (std::size_t i = 0; i < row.names.size(); ++i)
      columns_.push_back({row.names[i], row.units[i]});
  pending_.insert(pending_.end(), row.values.begin(), row.values.end());
  events_at_row_ = static_cast<std::int64_t>(s.intervention_log.size());
  if (pending_rows() >= kMaxPendingRows || since_flush_.seconds() >= kMaxPendingSeconds) flush(s);
}

void RunOutput::flush(const ModelState& s) {
  if (!pending_.empty()) {
    file_.append_timeseries(columns_, pending_);
    meta_.timeseries_rows += pending_rows();
    pending_.clear();
  }
  // The events up to the last row, as the table stood when each row was
  // written one at a time (an abort's failed step may have logged more).
  write_interventions(s, events_at_row_);
  since_flush_.reset();
}

void RunOutput::on_abort(const ModelState& s) {
  flush(s);
}

void RunOutput::write_interventions(const ModelState& s, std::int64_t events) {
  if (schedule_.empty() || events < 0 || events_written_ == events) return;
  InterventionTable t;
  t.schedule = schedule_;
  for (std::int64_t i = 0; i < events; ++i) {
    const auto& e = s.intervention_log[static_cast<std::size_t>(i)];
    const auto h = static_cast<std::size_t>(e.hook);
    t.events.push_back({e.time_s / 86400.0, e.step,
                        h < schedule_.size() ? schedule_[h].name : std::to_string(e.hook), e.action,
                        e.unit, e.amount});
  }
  file_.write_interventions(t);
  events_written_ = events;
}

void RunOutput::on_snapshot(const ModelState& s) {
  flush(s);  // the time series reaches the snapshot's time before it is written
  std::vector<MeshView> views;
  for (const auto& f : s.fields)
    if (selected(f.name))
      views.push_back({f.name, f.unit, MeshView::Type::Float64, f.values.data(), ""});
  AlignedBuffer<std::uint8_t> types;
  if (selected("cell_type")) {
    types.resize(s.grid.size(), 0);
    const auto n = static_cast<std::int64_t>(s.grid.size());
#pragma omp parallel for schedule(static)
    for (std::int64_t i = 0; i < n; ++i) {
      const std::int32_t slot = s.occupancy[i];
      types[i] = slot >= 0 ? static_cast<std::uint8_t>(s.cells.type[slot]) : 0;
    }
    views.push_back({"cell_type", "enum", MeshView::Type::UInt8, types.data(), cell_type_enum()});
  }
  if (selected("anatomy"))
    views.push_back({"anatomy", "enum", MeshView::Type::UInt8, s.tissue.anatomy.data(),
                     "0=muscle,1=cortical_bone,2=outside"});
  if (selected("injured"))
    views.push_back({"injured", "1", MeshView::Type::UInt8, s.tissue.injured.data(), ""});
  for (int l = 0; l < kTissueLayerCount; ++l)
    if (selected(kTissueLayerNames[l]))
      views.push_back({kTissueLayerNames[l], kTissueLayerUnits[l], MeshView::Type::Float32,
                       s.tissue.layers[l].data(), ""});
  AlignedBuffer<real> ph;
  const int acid = s.field_index("acid");
  if (acid >= 0 && selected("ph")) {
    ph.resize(s.grid.size(), 0.0);
    const real* a = s.fields[acid].values.data();
    for (std::size_t i = 0; i < s.grid.size(); ++i) ph[i] = ph_of(a[i], params_.acid);
    views.push_back({"ph", "pH", MeshView::Type::Float64, ph.data(), ""});
  }
  // The radiograph of this moment (readouts/radiograph.hpp), written as an
  // image beside the meshes.
  std::vector<ImageView> images;
  Radiograph drr;
  if (selected("radiograph")) {
    drr = project_radiograph(s, params_);
    images.push_back({"radiograph", "1",
                      "contrast of the mineral on a radiograph with the beam along z: 1 - "
                      "exp(-mu * lesion_scale * projected mineral); mirrored x/y left folded",
                      drr.nx, drr.ny, drr.contrast.data()});
  }
  snapshots_.push_back(file_.write_snapshot(s.step, s.time_s / 86400.0, views,
                                            params_.output.compression, params_.output.float64,
                                            images));
  meta_.last_snapshot_step = s.step;
  write_xdmf(outdir_ + "/run.xmf", "run.h5", s.grid, snapshots_);
}

void RunOutput::on_checkpoint(const ModelState& s) {
  flush(s);  // the checkpoint's row count is what run.h5 holds
  write_checkpoint(checkpoint_path(), s, meta_);
}

void RunOutput::on_finish(const ModelState& s, const TimeseriesRow& last, double wall_s) {
  flush(s);  // nothing left after the run's final checkpoint; the end does not rely on it
  write_interventions(s, static_cast<std::int64_t>(s.intervention_log.size()));
  std::vector<SummaryEntry> entries;
  for (std::size_t i = 0; i < last.names.size(); ++i)
    entries.push_back({last.names[i], last.units[i], last.values[i]});
  write_summary(outdir_ + "/summary.json", params_.run.name, s.seed, s.time_s / 86400.0, wall_s,
                text_hash(meta_.config_resolved_yaml), entries);
}

}  // namespace hosim
