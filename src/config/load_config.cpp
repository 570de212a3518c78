// Loading a YAML config: read the file, collect the values it assigns (with
// their lines), apply --set overrides, convert each value through the
// parameter table, then check the cross-parameter rules.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "config/config.hpp"
#include "config/param_table.hpp"
#include "config/suggest.hpp"
#include "config/validate.hpp"
#include "config/yaml_value.hpp"
#include "core/errors.hpp"

namespace hosim {

namespace {

using yaml_detail::ValueContext;

std::string join(const std::string& prefix, const std::string& name) {
  return prefix.empty() ? name : prefix + "." + name;
}

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

std::string comma_list(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

// The key hierarchy the table defines: the names valid under each section.
struct KeyTree {
  std::map<std::string, std::vector<std::string>> children;  // section ("" = top) -> names
  std::set<std::string> leaves;
  std::vector<std::string> all_keys;  // sections and leaves, for suggestions

  explicit KeyTree(const ParamTable& table) {
    for (const auto& s : table.specs) {
      leaves.insert(s.key);
      std::string prefix;
      std::size_t start = 0;
      for (;;) {
        const std::size_t dot = s.key.find('.', start);
        const std::string name =
            s.key.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        auto& kids = children[prefix];
        if (std::find(kids.begin(), kids.end(), name) == kids.end()) {
          kids.push_back(name);
          all_keys.push_back(join(prefix, name));
        }
        if (dot == std::string::npos) break;
        prefix = s.key.substr(0, dot);
        start = dot + 1;
      }
    }
  }
  [[nodiscard]] bool is_section(const std::string& key) const { return children.count(key) > 0; }
  [[nodiscard]] bool is_leaf(const std::string& key) const { return leaves.count(key) > 0; }

  // "(did you mean 'grid.voxel'?)" or the list of valid keys at that level.
  [[nodiscard]] std::string unknown_key(const std::string& prefix, const std::string& name) const {
    const std::string full = join(prefix, name);
    const auto& kids = children.at(prefix);
    std::string guess;
    if (auto g = closest_match(name, kids)) {
      guess = join(prefix, *g);  // a sibling: "grid.vxel" -> "grid.voxel"
    } else {
      for (const auto& k : all_keys) {  // the right name at another level: "voxel" -> "grid.voxel"
        const auto dot = k.rfind('.');
        if ((dot == std::string::npos ? k : k.substr(dot + 1)) == name) {
          guess = k;
          break;
        }
      }
      if (guess.empty()) {
        // A whole-key match ("gird.voxel" -> "grid.voxel"), leaving out the
        // siblings already compared above: their shared prefix would make
        // any short name look close.
        std::vector<std::string> others;
        for (const auto& k : all_keys) {
          const auto dot = k.rfind('.');
          if ((dot == std::string::npos ? std::string() : k.substr(0, dot)) != prefix)
            others.push_back(k);
        }
        if (auto g = closest_match(full, others)) guess = *g;
      }
    }
    if (!guess.empty()) return "unknown key '" + full + "' (did you mean '" + guess + "'?)";
    return "unknown key '" + full + "'; valid keys " +
           (prefix.empty() ? std::string("at the top level") : "under '" + prefix + "'") + ": " +
           comma_list(kids);
  }
};

std::string node_kind(const YAML::Node& n) {
  if (n.IsSequence()) return "a list";
  if (n.IsMap()) return "a map";
  if (n.IsScalar()) return "a scalar";
  return "empty";
}

struct Assigned {
  YAML::Node node;
  std::string where;
  std::string written;
};

class Loader {
 public:
  explicit Loader(std::string source) : source_(std::move(source)), tree_(parameter_table()) {}

  void read_document(const std::string& text) {
    std::vector<YAML::Node> docs;
    try {
      docs = YAML::LoadAll(text);
    } catch (const YAML::Exception& e) {
      throw ConfigError(source_ + (e.mark.is_null() ? "" : ":" + std::to_string(e.mark.line + 1)) +
                        ": YAML syntax error: " + e.msg);
    }
    const std::string sections = comma_list(tree_.children.at(""));
    if (docs.empty() || (docs.size() == 1 && docs[0].IsNull()))
      throw ConfigError(source_ + ": the config is empty; expected a map of sections (" + sections +
                        ")");
    if (docs.size() > 1)
      throw ConfigError(line_of(docs[1]) + ": the file holds " + std::to_string(docs.size()) +
                        " YAML documents (separated by '---'); expected one");
    const YAML::Node& root = docs[0];
    if (!root.IsMap())
      throw ConfigError(line_of(root) + ": the top level must be a map of sections (" + sections +
                        "), not " + node_kind(root) + " \"" + yaml_detail::written_text(root) +
                        "\"");
    walk(root, "", [this](const YAML::Node& key) { return line_of(key); });
  }

  void apply_override(const std::string& text) {
    const std::string where = source_ + " (from --set " + text + ")";
    const auto eq = text.find('=');
    const std::string key = eq == std::string::npos ? "" : trim(text.substr(0, eq));
    if (key.empty()) throw ConfigError(where + ": expected key.path=value, e.g. grid.nx=50");
    const std::string value = trim(text.substr(eq + 1));
    YAML::Node node;
    try {
      node = YAML::Load(value);
    } catch (const YAML::Exception& e) {
      throw ConfigError(where + ": " + key + " = \"" + value + "\": YAML syntax error: " + e.msg);
    }
    if (key == kInterventions) {
      read_interventions(node, where, [&where](const YAML::Node&) { return where; });
    } else if (key.rfind(std::string(kInterventions) + "[", 0) == 0) {
      override_intervention_setting(key, node, value, where);
    } else if (tree_.is_leaf(key)) {
      assigned_[key] = Assigned{node, where, value};
    } else if (tree_.is_section(key)) {
      if (!node.IsMap())
        throw ConfigError(where + ": " + key + " = \"" + value + "\": must be a map of keys (" +
                          comma_list(tree_.children.at(key)) + "), e.g. " + key + "={" +
                          tree_.children.at(key).front() + ": ...}");
      walk(node, key, [&where](const YAML::Node&) { return where; });
    } else {
      // Report against the deepest section that exists.
      std::string prefix = key;
      while (!prefix.empty() && !tree_.is_section(prefix)) {
        const auto dot = prefix.rfind('.');
        prefix = dot == std::string::npos ? "" : prefix.substr(0, dot);
      }
      const std::string name = prefix.empty() ? key : key.substr(prefix.size() + 1);
      throw ConfigError(where + ": " + tree_.unknown_key(prefix, name));
    }
  }

  [[nodiscard]] Params convert(std::map<std::string, ValueOrigin>& origins) const {
    Params p = default_params();
    for (const auto& spec : parameter_table().specs) {
      const auto it = assigned_.find(spec.key);
      if (it == assigned_.end()) {
        origins[spec.key] =
            ValueOrigin{source_ + " (default)",
                        spec.format_value(spec.default_value, ParamSpec::Style::Short), "", false};
        continue;
      }
      const Assigned& a = it->second;
      std::string unit;
      const ParamValue v =
          yaml_detail::read_value(spec, a.node, ValueContext{a.where, spec.key, a.written}, &unit);
      spec.set(p, v);
      origins[spec.key] = ValueOrigin{a.where, a.written, unit, true};
    }
    p.interventions = interventions_;
    return p;
  }

 private:
  static constexpr const char* kInterventions = "interventions";
  std::vector<InterventionEntry> interventions_;

  // The `interventions:` list: a list of maps whose values are scalars,
  // lists of scalars, {value, unit} maps or maps of those (flattened to
  // dotted keys). Their meaning is checked by src/interventions.
  template <class Where>
  void read_interventions(const YAML::Node& list, const std::string& at, const Where& where) {
    interventions_.clear();  // a later assignment (--set) replaces the list
    if (list.IsNull()) return;
    if (!list.IsSequence())
      throw ConfigError(at + ": interventions = \"" + yaml_detail::written_text(list) +
                        "\": must be a list of entries, each a map with a 'type' (e.g. "
                        "interventions: [{type: nsaid, start: 0 day, end: 14 day}])");
    int k = 0;
    for (const auto& item : list) {
      const std::string label = "interventions[" + std::to_string(k++) + "]";
      if (!item.IsMap())
        throw ConfigError(where(item) + ": " + label + " = \"" + yaml_detail::written_text(item) +
                          "\": must be a map of keys with a 'type', not " + node_kind(item));
      InterventionEntry e;
      e.where = where(item);
      flatten_entry(item, "", label, e, where);
      interventions_.push_back(std::move(e));
    }
  }

  // `interventions[N].key.path=value` (what a sweep axis over a treatment's
  // timing or dose sets): replaces that setting of entry N, or adds it. The
  // interventions module checks the key and the value like any other.
  void override_intervention_setting(const std::string& key, const YAML::Node& node,
                                     const std::string& value, const std::string& where) {
    const std::size_t open = std::string(kInterventions).size();
    const std::size_t close = key.find(']', open);
    const std::string digits =
        close == std::string::npos ? "" : key.substr(open + 1, close - open - 1);
    const bool numeric = !digits.empty() && digits.size() < 10 &&
                         digits.find_first_not_of("0123456789") == std::string::npos;
    if (!numeric || close + 1 >= key.size() || key[close + 1] != '.' || close + 2 >= key.size())
      throw ConfigError(where + ": '" + key +
                        "' is not a setting of an intervention entry; write "
                        "interventions[N].key=value, e.g. interventions[0].start=7 day");
    const std::size_t n = std::stoul(digits);
    if (n >= interventions_.size())
      throw ConfigError(where + ": " + key + ": there is no intervention entry " + digits +
                        " (the config has " + std::to_string(interventions_.size()) +
                        (interventions_.size() == 1 ? " entry" : " entries") +
                        ", numbered from 0)");
    const std::string label = "interventions[" + digits + "]";
    const std::string setting = key.substr(close + 2);
    InterventionSetting set{setting, {}, false, where};
    if (const auto text = plain_value(node)) {
      set.items.push_back(*text);
    } else if (node.IsSequence()) {
      set.list = true;
      for (const auto& x : node) {
        const auto item = plain_value(x);
        if (!item)
          throw ConfigError(where + ": " + label + "." + setting + " = \"" + value +
                            "\": a list here holds plain values, not " + node_kind(x));
        set.items.push_back(*item);
      }
    } else {
      throw ConfigError(where + ": " + label + "." + setting + " = \"" + value +
                        "\": give a plain value (e.g. 7 day) or a list of them");
    }
    auto& settings = interventions_[n].settings;
    const auto it = std::find_if(settings.begin(), settings.end(),
                                 [&](const InterventionSetting& s) { return s.key == setting; });
    if (it != settings.end())
      *it = std::move(set);
    else
      settings.push_back(std::move(set));
  }

  // A plain value: a scalar, or {value, unit} written as "value unit".
  static std::optional<std::string> plain_value(const YAML::Node& x) {
    if (x.IsScalar()) return x.Scalar();
    if (x.IsMap() && x.size() == 2 && x["value"] && x["unit"] && x["value"].IsScalar() &&
        x["unit"].IsScalar())
      return x["value"].Scalar() + " " + x["unit"].Scalar();
    return std::nullopt;
  }

  template <class Where>
  void flatten_entry(const YAML::Node& map, const std::string& prefix, const std::string& label,
                     InterventionEntry& e, const Where& where) {
    for (const auto& kv : map) {
      if (!kv.first.IsScalar())
        throw ConfigError(where(kv.first) + ": " + label + ": a key must be a plain name, not " +
                          node_kind(kv.first));
      const std::string key = join(prefix, kv.first.Scalar());
      for (const auto& s : e.settings)
        if (s.key == key)
          throw ConfigError(where(kv.first) + ": " + label + ": duplicate key '" + key +
                            "' (first given at " + s.where + ")");
      const YAML::Node& v = kv.second;
      InterventionSetting set{key, {}, false, where(kv.first)};
      const auto plain = [](const YAML::Node& x) { return plain_value(x); };
      if (const auto text = plain(v)) {
        set.items.push_back(*text);
      } else if (v.IsMap()) {
        flatten_entry(v, key, label, e, where);
        continue;
      } else if (v.IsSequence()) {
        set.list = true;
        for (const auto& x : v) {
          if (const auto text = plain(x)) {
            set.items.push_back(*text);
          } else {
            throw ConfigError(where(kv.first) + ": " + label + "." + key + " = \"" +
                              yaml_detail::written_text(v) +
                              "\": a list here holds plain values, not " + node_kind(x));
          }
        }
      } else {
        throw ConfigError(where(kv.first) + ": " + label + "." + key + " is empty; give a value");
      }
      e.settings.push_back(std::move(set));
    }
  }
  std::string source_;
  KeyTree tree_;
  std::map<std::string, Assigned> assigned_;

  [[nodiscard]] std::string line_of(const YAML::Node& n) const {
    const YAML::Mark m = n.Mark();
    return m.is_null() ? source_ : source_ + ":" + std::to_string(m.line + 1);
  }

  template <class Where>
  void walk(const YAML::Node& map, const std::string& prefix, const Where& where) {
    std::map<std::string, std::string> seen;  // name -> where it was first given
    for (const auto& kv : map) {
      const YAML::Node& key = kv.first;
      const YAML::Node& value = kv.second;
      if (!key.IsScalar())
        throw ConfigError(where(key) + ": a key must be a plain name, not " + node_kind(key) +
                          (prefix.empty() ? "" : " (under '" + prefix + "')"));
      const std::string name = key.Scalar();
      const std::string full = join(prefix, name);
      if (const auto [it, fresh] = seen.emplace(name, where(key)); !fresh)
        throw ConfigError(where(key) + ": duplicate key '" + full + "' (first given at " +
                          it->second + ")");
      if (full == kInterventions) {
        read_interventions(value, where(key), where);
      } else if (tree_.is_leaf(full)) {
        assigned_[full] = Assigned{value, where(key), yaml_detail::written_text(value)};
      } else if (tree_.is_section(full)) {
        // An empty section ("checks:" with every key commented out) is fine.
        if (value.IsNull()) continue;
        if (!value.IsMap())
          throw ConfigError(where(key) + ": " + full + " = \"" + yaml_detail::written_text(value) +
                            "\": must be a map of keys (" + comma_list(tree_.children.at(full)) +
                            "), not " + node_kind(value));
        walk(value, full, where);
      } else {
        throw ConfigError(where(key) + ": " + tree_.unknown_key(prefix, name));
      }
    }
  }
};

}  // namespace

LoadedConfig load_config_text(const std::string& yaml_text, const std::string& source_name,
                              const std::vector<std::string>& overrides) {
  Loader loader(source_name);
  loader.read_document(yaml_text);
  for (const auto& o : overrides) loader.apply_override(o);
  std::map<std::string, ValueOrigin> origins;
  LoadedConfig out;
  out.params = loader.convert(origins);
  validate_params(out.params, [&origins](const std::string& key) { return origins.at(key); });
  out.source_name = source_name;
  out.input_yaml = yaml_text;
  out.resolved_yaml = describe_resolved(out.params);
  out.overrides = overrides;
  return out;
}

std::string read_yaml_file(const std::string& path, const std::string& what) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  // A wrong path is bad input (exit 2); a file that exists but cannot be read is I/O (exit 3).
  if (st.type() == fs::file_type::not_found)
    throw ConfigError(what + " '" + path + "' does not exist");
  if (ec) throw IoError("cannot access " + what + " '" + path + "': " + ec.message());
  if (fs::is_directory(st))
    throw ConfigError(what + " '" + path + "' is a directory, not a YAML file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw IoError("cannot read " + what + " '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw IoError("error while reading " + what + " '" + path + "'");
  return text.str();
}

LoadedConfig load_config_file(const std::string& path, const std::vector<std::string>& overrides) {
  return load_config_text(read_yaml_file(path, "config file"), path, overrides);
}

}  // namespace hosim
