#pragma once
// One log line per progress interval on stderr: simulated day, wall time, ETA
// and key readouts.
#include "model/observer.hpp"

namespace hosim {

class ProgressLog : public Observer {
 public:
  void on_progress(const ModelState& s, const TimeseriesRow& row, double wall_s,
                   double fraction_done) override;
};

}  // namespace hosim
