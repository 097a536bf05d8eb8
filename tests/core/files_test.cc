// Reading inputs and writing outputs: errors as diagnostics, and no partial
// file left behind, even when the process is stopped by a signal mid-write.
#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "core/files.h"
#include "support.h"

using namespace jakpum;

namespace {

namespace fs = std::filesystem;

std::vector<std::string> partial_files(const std::string& folder) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.path().filename().string().find(".partial-") != std::string::npos) out.push_back(e.path().string());
  return out;
}

}  // namespace

TEST_CASE("a write stopped by SIGTERM or SIGINT removes its temporary file") {
  for (int signal : {SIGTERM, SIGINT, SIGHUP}) {
    std::string folder = test::scratch_folder("signal-" + std::to_string(signal));
    const std::string path = folder + "/big.pdf";
    pid_t child = ::fork();
    if (child == 0) {
      remove_partial_files_on_signal();
      std::string bytes(256u << 20, 'x');  // long enough to be caught in the middle
      (void)write_file_atomically(path, bytes);
      ::_exit(0);
    }
    // Wait for the temporary file to appear, then stop the writer.
    bool seen = false;
    for (int i = 0; i < 20000 && !seen; ++i) {
      seen = !partial_files(folder).empty();
      if (!seen) std::this_thread::sleep_for(std::chrono::microseconds(200));
    }
    ::kill(child, signal);
    int status = 0;
    ::waitpid(child, &status, 0);
    REQUIRE(seen);
    if (WIFSIGNALED(status)) {
      CHECK(WTERMSIG(status) == signal);
      CHECK_FALSE(fs::exists(path));
    }
    CHECK(partial_files(folder).empty());
  }
}

TEST_CASE("read_file: the whole file, or an error naming it") {
  std::string folder = test::scratch_folder("read");
  std::string text(200000, 'a');
  CHECK(*read_file(test::write_file(folder + "/a.txt", text)) == text);
  auto missing = read_file(folder + "/none.txt");
  REQUIRE_FALSE(missing.ok());
  CHECK(format(missing.error()) == folder + "/none.txt: error: cannot read input: No such file or directory");
  auto dir = read_file(folder);
  REQUIRE_FALSE(dir.ok());
  CHECK(dir.error().message == "cannot read input: is a directory");
  // A read that fails midway is an error, not a short file.
  auto proc = read_file("/proc/self/mem");
  REQUIRE_FALSE(proc.ok());
  CHECK(proc.error().message.starts_with("cannot read input: "));
}

TEST_CASE("write_file_atomically replaces whole files and keeps old ones on failure") {
  std::string folder = test::scratch_folder("write");
  const std::string path = folder + "/out.pdf";
  REQUIRE(write_file_atomically(path, "first").ok());
  REQUIRE(write_file_atomically(path, "second").ok());
  CHECK(test::read_text(path) == "second");
  CHECK((fs::status(path).permissions() & fs::perms::owner_read) != fs::perms::none);
  auto full = write_file_atomically("/dev/full", "bytes");
  REQUIRE_FALSE(full.ok());
  CHECK(full.error().message == "cannot write output: No space left on device");
  auto nowhere = write_file_atomically(folder + "/none/out.pdf", "x");
  REQUIRE_FALSE(nowhere.ok());
  CHECK(test::read_text(path) == "second");
  CHECK(partial_files(folder).empty());
}

TEST_CASE("bytes made while written: whole files only, and the write's own error first") {
  std::string folder = test::scratch_folder("write-streamed");
  const std::string path = folder + "/out.pdf";
  // Many small pieces and one larger than any buffer arrive whole and in order.
  const std::string big(200 * 1024, 'x');
  std::string want;
  auto made = write_file_atomically(path, [&](const ByteSink& sink) -> Status {
    for (int i = 0; i < 20000; ++i) {
      std::string piece = std::to_string(i) + ' ';
      want += piece;
      if (!sink(piece)) return error("", {}, "a piece was refused");
    }
    want += big;
    return sink(big) ? ok() : error("", {}, "a piece was refused");
  });
  REQUIRE(made.ok());
  CHECK(test::read_text(path) == want);

  // A producer that fails after writing leaves the old file as it was.
  auto broken = write_file_atomically(path, [&](const ByteSink& sink) -> Status {
    (void)sink("half a file");
    return error("fonts/x.ttf", {}, "cannot embed font");
  });
  REQUIRE_FALSE(broken.ok());
  CHECK(broken.error().path == "fonts/x.ttf");
  CHECK(broken.error().message == "cannot embed font");
  CHECK(test::read_text(path) == want);
  CHECK(partial_files(folder).empty());

  // A full device: the failed write is the error, whatever the producer says after.
  auto full = write_file_atomically("/dev/full", [&](const ByteSink& sink) -> Status {
    return sink(big) ? ok() : error("", {}, "the producer's own message");
  });
  REQUIRE_FALSE(full.ok());
  CHECK(full.error().message == "cannot write output: No space left on device");
}
