#include <doctest/doctest.h>

#include "core/diagnostics.h"
#include "core/files.h"
#include "core/utf8.h"
#include "support.h"

using namespace jakpum;

TEST_CASE("a diagnostic is one line: path:line:col: error: message (hint)") {
  CHECK(format(error("a.toml", {3, 7}, "unknown key `leadng`", "did you mean `leading`?")) ==
        "a.toml:3:7: error: unknown key `leadng` (did you mean `leading`?)");
  CHECK(format(warning("a.md", {12, 0}, "table set as plain text")) == "a.md:12: warning: table set as plain text");
  CHECK(format(error("", {}, "no input files")) == "error: no input files");
  CHECK(format(error("x", {1, 1}, "two\nlines")).find('\n') == std::string::npos);
  // As printed, one that names no file is the program's own.
  CHECK(line_of(error("", {}, "no input files")) == "jakpum: error: no input files");
  CHECK(line_of(warning("a.md", {12, 0}, "x")) == "a.md:12: warning: x");
}

TEST_CASE("hints name the nearest candidate, and only a near one") {
  std::vector<std::string> keys = {"leading", "size", "margin-left", "margin-right"};
  CHECK(nearest("leadng", keys) == "leading");
  CHECK(nearest("margin-lef", keys) == "margin-left");
  CHECK(nearest("colour-profile", keys).empty());
}

TEST_CASE("line and column of a byte offset count code points") {
  std::string text = "첫 줄\n둘째 줄 x\n";
  LineIndex index(text);
  CHECK(index.position(0) == Position{1, 1});
  CHECK(index.position(text.find('x')) == Position{2, 6});
  CHECK(index.position(text.find("둘")) == Position{2, 1});
}

TEST_CASE("ill-formed UTF-8 is found at its byte offset") {
  CHECK_FALSE(find_invalid_utf8("한글 and ASCII").has_value());
  CHECK(find_invalid_utf8("ab\xFF" "cd") == 2u);
  CHECK(find_invalid_utf8("가\xEA\xB0") == 3u);  // truncated sequence
}

TEST_CASE("an atomic write leaves the old file or the new one, never a part") {
  std::string folder = test::scratch_folder("atomic");
  std::string path = folder + "/out.pdf";
  REQUIRE(write_file_atomically(path, "first").ok());
  CHECK(test::read_text(path) == "first");
  REQUIRE(write_file_atomically(path, "second").ok());
  CHECK(test::read_text(path) == "second");
  Status missing = write_file_atomically(folder + "/no/such/folder/out.pdf", "x");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("does not exist") != std::string::npos);
  Status full = write_file_atomically("/dev/full", "x");  // a device is written in place, and this one is full
  REQUIRE_FALSE(full.ok());
  CHECK(full.error().message.find("No space left") != std::string::npos);
  Status folder_as_file = write_file_atomically(folder, "x");
  CHECK_FALSE(folder_as_file.ok());
}
