// Reading inputs and writing outputs, with errors as diagnostics.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

#include "core/diagnostics.h"

namespace jakpum {

// The whole file as bytes; an error names the path and what went wrong.
Result<std::string> read_file(const std::string& path);

// Where bytes are written as they are made; false when they could not be.
using ByteSink = std::function<bool(std::string_view)>;

// The sink write_file_atomically gives a producer gathers small pieces and
// writes pieces of this size or more straight to the file.
constexpr std::size_t whole_write = 64 * 1024;

// Writes `bytes` to a temporary file beside `path` and renames it over `path`
// once complete, so a reader (or a failed run) never sees a partial file.
// The file is left to the system to put on disk, as a compiler's output is.
Status write_file_atomically(const std::string& path, std::string_view bytes);

// The same for bytes made while they are written: `produce` hands them to the
// sink it is given. If it fails, or a write does, nothing is left at `path`
// (the write's error is the one reported).
// A `path` of `-` (standard_stream) is standard output, written once the
// bytes are all made: nothing of a failed output goes down a pipe either.
Status write_file_atomically(const std::string& path, const std::function<Status(const ByteSink&)>& produce);

// `-`, which names standard input as an input and standard output as an output.
inline constexpr std::string_view standard_stream = "-";

// Writes text to standard output or standard error as one write. The
// program's messages go this way rather than through iostreams: linked in,
// those set up eight streams and their locales before main, a millisecond
// of a booklet's run on a virtual machine.
void write_out(std::string_view text);
void write_err(std::string_view text);

// From now on, SIGINT, SIGTERM and SIGHUP first remove the temporary files
// write_file_atomically has open, then end the process as they would have:
// an interrupted run leaves nothing behind.
void remove_partial_files_on_signal();

// The folder part of a path ("." for a bare file name), and a path joined to it.
std::string parent_folder(const std::string& path);
std::string resolve_relative(const std::string& base_folder, const std::string& path);

}  // namespace jakpum
