#include "io/summary.hpp"

#include <nlohmann/json.hpp>

#include "io/atomic_file.hpp"

namespace hosim {

void write_summary(const std::string& path, const std::string& run_name, std::uint64_t seed,
                   double time_days, double wall_seconds, const std::string& config_hash,
                   const std::vector<SummaryEntry>& readouts, const std::string& status) {
  // ordered_json keeps keys as written, so the file reads top-down like the
  // contract and readouts appear in the order the readout list defines.
  nlohmann::ordered_json j;
  j["name"] = run_name;
  j["seed"] = seed;
  j["time_days"] = time_days;
  j["wall_seconds"] = wall_seconds;
  j["status"] = status;
  nlohmann::ordered_json r = nlohmann::ordered_json::object();
  for (const SummaryEntry& e : readouts) r[e.name] = {{"value", e.value}, {"unit", e.unit}};
  j["readouts"] = std::move(r);
  j["config_hash"] = config_hash;
  // Invalid UTF-8 in a name must not throw a json type_error out of io.
  write_file_atomically(
      path, j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
}

}  // namespace hosim
