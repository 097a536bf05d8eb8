// Helpers shared by the tests: paths into the source tree, scratch files,
// and running commands.
#pragma once

#include <string>

namespace jakpum::test {

// A path inside the source tree, e.g. source_path("samples/booklet.toml").
std::string source_path(const std::string& relative);

// The two sample essays as a manifest without cover, contents or colophon:
// the essays' own pages and nothing else, for checks of their text.
std::string essays_manifest();

// A fresh, empty scratch folder for one test.
std::string scratch_folder(const std::string& name);

// Writes `text` to `path` and returns the path.
std::string write_file(const std::string& path, const std::string& text);
std::string read_text(const std::string& path);

struct Run {
  int status = -1;  // exit code
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs a shell command line; captures both output streams.
Run run(const std::string& command);

// Quotes a string for the shell.
std::string shell_quoted(const std::string& s);

// Removes all Unicode white space (ASCII spaces, newlines, form feeds, no-break spaces).
std::string without_space(const std::string& s);

}  // namespace jakpum::test
