#pragma once
// Replacing an output file so that a reader (ParaView polling run.xmf, a
// resume after a crash reading checkpoint.h5) only ever sees the old or the
// new complete file: write "<path>.tmp", flush it to disk, rename it over
// "<path>". rename() is atomic on POSIX file systems.
#include <string>
#include <string_view>

namespace hosim {

// "<path>.tmp": the one temporary name, so a leftover from a crash is simply
// overwritten by the next attempt.
[[nodiscard]] std::string temporary_path(const std::string& path);

// Who may write the file at the same moment: one process (the run that owns
// it), or many (the tasks of a sweep recording the same sweep.json), which
// then each write their own "<path>.tmp.<host>.<pid>" and the last rename wins.
enum class Writers { One, Many };

// Writes `content` to temporary_path(path) and renames it to `path`.
// Throws IoError naming the file and the failing step.
void write_file_atomically(const std::string& path, std::string_view content,
                           Writers writers = Writers::One);

// fsync a finished file, so that the rename that follows cannot land on disk
// before the data (which would leave an empty file after a power loss).
void sync_file(const std::string& path);

// rename(from, to), removing `from` on failure. Throws IoError.
void replace_file(const std::string& from, const std::string& to);

}  // namespace hosim
