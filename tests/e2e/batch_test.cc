// `jakpum batch`: many documents side by side, in shards, with failures
// reported and the rest finished.
#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <set>

#include "app/batch.h"
#include "support.h"

using namespace jakpum;
using test::shell_quoted;

namespace {

namespace fs = std::filesystem;

test::Run jakpum_run(const std::string& args) { return test::run(shell_quoted(JAKPUM_BINARY) + " " + args); }

// A batch of eight documents in three layouts: the samples, the book, and
// small documents of their own. Outputs go to `folder`/out.
std::string write_batch(const std::string& folder, const std::string& extra = "") {
  const std::string samples = test::source_path("samples");
  for (int i = 1; i <= 4; ++i)
    test::write_file(folder + "/note-" + std::to_string(i) + ".md",
                     "# 메모 " + std::to_string(i) + "\n\n" + std::string(static_cast<std::size_t>(i), '*') +
                         "짧은 글" + std::string(static_cast<std::size_t>(i), '*') + "입니다. 같은 말을 " +
                         std::to_string(i * 7) + "번 되풀이합니다.\n");
  std::string manifest = "output-folder = \"out\"\nlayout = \"booklet-a5\"\n\n";
  auto document = [&](const std::string& input, const std::string& more = "") {
    manifest += "[[document]]\ninput = \"" + input + "\"\n" + more + "\n";
  };
  document(samples + "/work-as-art.md");
  document(samples + "/shared-experience.md", "layout = \"handout-a4\"\n");
  document(samples + "/booklet.toml", "output = \"out/book.pdf\"\n");
  document(samples + "/work-as-art.md", "output = \"out/art-2up.pdf\"\nlayout = \"handout-a4-2up\"\n");
  for (int i = 1; i <= 4; ++i) document("note-" + std::to_string(i) + ".md");
  return test::write_file(folder + "/batch.toml", manifest + extra);
}

// Every PDF under a folder, by name, with its bytes.
std::map<std::string, std::string> outputs(const std::string& folder) {
  std::map<std::string, std::string> out;
  if (!fs::exists(folder)) return out;
  for (const auto& e : fs::directory_iterator(folder))
    if (e.path().extension() == ".pdf") out[e.path().filename().string()] = test::read_text(e.path().string());
  return out;
}

}  // namespace

TEST_CASE("batch with one worker and with two gives byte-identical PDFs") {
  std::map<std::string, std::string> made[2];
  for (int j : {1, 2}) {
    std::string folder = test::scratch_folder("batch-j" + std::to_string(j));
    std::string manifest = write_batch(folder);
    auto r = jakpum_run("batch -j " + std::to_string(j) + " " + shell_quoted(manifest));
    REQUIRE_MESSAGE(r.status == 0, r.err);
    CHECK(r.err.find("batch done: 8 of 8 documents") != std::string::npos);
    CHECK(r.err.find(" documents a second)") != std::string::npos);
    made[j - 1] = outputs(folder + "/out");
  }
  REQUIRE(made[0].size() == 8);
  CHECK(made[0] == made[1]);
  // And the same bytes as a run of the plain command.
  std::string folder = test::scratch_folder("batch-single");
  auto r = jakpum_run("-q -o " + shell_quoted(folder + "/book.pdf") + " " +
                      shell_quoted(test::source_path("samples/booklet.toml")));
  REQUIRE(r.status == 0);
  CHECK(test::read_text(folder + "/book.pdf") == made[0]["book.pdf"]);
}

TEST_CASE("shards cover the manifest exactly once, whatever their number") {
  std::string reference_folder = test::scratch_folder("batch-all");
  REQUIRE(jakpum_run("batch -q " + shell_quoted(write_batch(reference_folder))).status == 0);
  const auto all = outputs(reference_folder + "/out");
  REQUIRE(all.size() == 8);
  for (int n : {1, 3, 8, 11}) {
    std::map<std::string, int> seen;
    for (int k = 1; k <= n; ++k) {
      std::string folder = test::scratch_folder("batch-shard-" + std::to_string(k) + "-of-" + std::to_string(n));
      auto r = jakpum_run("batch -q --shard " + std::to_string(k) + "/" + std::to_string(n) + " " +
                          shell_quoted(write_batch(folder)));
      REQUIRE_MESSAGE(r.status == 0, r.err);
      for (const auto& [name, bytes] : outputs(folder + "/out")) {
        ++seen[name];
        CHECK_MESSAGE(bytes == all.at(name), name << " differs in shard " << k << "/" << n);
      }
    }
    CHECK(seen.size() == all.size());
    for (const auto& [name, times] : seen) CHECK_MESSAGE(times == 1, name << " made " << times << " times in " << n << " shards");
  }
  // The slices themselves: contiguous, in order, sizes differing by at most one.
  for (std::size_t count : {0u, 1u, 7u, 100u})
    for (std::size_t n : {1u, 2u, 3u, 16u}) {
      std::size_t next = 0, smallest = count, largest = 0;
      for (std::size_t k = 1; k <= n; ++k) {
        auto [begin, end] = app::shard_range(count, k, n);
        CHECK(begin == next);
        next = end;
        smallest = std::min(smallest, end - begin), largest = std::max(largest, end - begin);
      }
      CHECK(next == count);
      CHECK(largest - smallest <= 1);
    }
}

TEST_CASE("a failing document is reported and the others still finish") {
  std::string folder = test::scratch_folder("batch-failure");
  test::write_file(folder + "/broken.md", std::string("좋은 글\xFF\xFE 나쁜 바이트\n"));
  std::string manifest = write_batch(folder, "[[document]]\ninput = \"broken.md\"\n\n[[document]]\ninput = \"gone.md\"\n");
  auto r = jakpum_run("batch -j 2 " + shell_quoted(manifest));
  CHECK(r.status == 1);
  CHECK(outputs(folder + "/out").size() == 8);
  CHECK_FALSE(fs::exists(folder + "/out/broken.pdf"));
  CHECK(r.err.find("batch done: 8 of 10 documents") != std::string::npos);
  CHECK(r.err.find("2 failed:") != std::string::npos);
  CHECK(r.err.find("broken.md:1:5: error: ") != std::string::npos);
  CHECK(r.err.find("gone.md") != std::string::npos);
  // Not a terminal: a plain line a document, numbered.
  CHECK(r.err.find("jakpum: [10/10] ") != std::string::npos);
}

TEST_CASE("on a terminal, the progress bar is drawn in place and fits the terminal's width") {
  std::string folder = test::scratch_folder("batch-terminal");
  std::string manifest = write_batch(folder, "[[document]]\ninput = \"gone.md\"\n");
  for (int columns : {60, 120}) {
    CAPTURE(columns);
    // `script` runs the batch on a terminal of its own, of that width.
    auto r = test::run("script -qec " +
                       shell_quoted("stty cols " + std::to_string(columns) + "; " + shell_quoted(JAKPUM_BINARY) +
                                    " batch -j 2 " + shell_quoted(manifest)) +
                       " /dev/null");
    CHECK(r.status == 1);
    // Each drawing of the bar returns to the line's start and clears it; a
    // failure gets a line of its own; none of them wraps.
    std::vector<std::string> bars;
    for (std::size_t at = r.out.find("\r\033[K"); at != std::string::npos;) {
      const std::size_t from = at + 4;
      at = r.out.find_first_of("\r\n", from);
      const std::string drawn = r.out.substr(from, at == std::string::npos ? std::string::npos : at - from);
      if (drawn.starts_with("jakpum: [=") || drawn.starts_with("jakpum: [>")) bars.push_back(drawn);
      at = r.out.find("\r\033[K", from);
    }
    REQUIRE(bars.size() == 9);
    CHECK(bars.back().find("] 9/9 documents (100%), ") != std::string::npos);
    // The bar keeps one width as the figures beside it grow: 30 where
    // there is room, less on a narrow terminal.
    const std::size_t width = bars.front().find(']') - bars.front().find('[') - 1;
    CHECK(width == (columns >= 100 ? 30 : std::size_t{4}));
    for (const std::string& bar : bars) {
      CHECK(bar.size() < static_cast<std::size_t>(columns));
      CHECK(bar.find(']') - bar.find('[') - 1 == width);
    }
    CHECK(r.out.find("gone.md") != std::string::npos);
    CHECK(r.out.find("batch done: 8 of 9 documents") != std::string::npos);
  }
}

TEST_CASE("batch manifests and options: clear errors with file, line and column") {
  std::string folder = test::scratch_folder("batch-errors");
  struct Case {
    std::string manifest, expected;
  };
  const Case cases[] = {
      {"[[document]]\ninput = \"a.md\"\nouptut = \"a.pdf\"\n", "batch.toml:3:1: error: unknown key `ouptut` in [[document]] (did you mean `output`?)"},
      {"[[document]]\noutput = \"a.pdf\"\n", "batch.toml:1:1: error: this [[document]] has no `input`"},
      {"[[document]]\ninput = \"a.md\"\n[[document]]\ninput = \"b.md\"\noutput = \"a.pdf\"\n", "both write"},
      {"layuot = \"x\"\n", "batch.toml:1:1: error: unknown key `layuot` in batch manifest (did you mean `layout`?)"},
      {"title = \"x\"\n", "batch.toml:1:1: error: unknown key `title` in batch manifest"},
      {"[[document]]\ninput = \"a.md\"\noutput = \"a.txt\"\n", "batch.toml:3:10: error: output `a.txt` must end in .pdf"},
      {"layout = \"x\"\n", "batch.toml:1:1: error: the batch names no documents"},
  };
  for (const Case& c : cases) {
    std::string manifest = test::write_file(folder + "/batch.toml", c.manifest);
    auto r = jakpum_run("batch " + shell_quoted(manifest));
    CHECK_MESSAGE(r.status == 1, c.manifest);
    CHECK_MESSAGE(r.err.find(c.expected) != std::string::npos, r.err);
  }
  for (const char* bad : {"--shard 0/3", "--shard 4/3", "--shard 3", "-j 0", "--jobs=many", "--frobnicate"}) {
    auto r = jakpum_run(std::string("batch ") + bad + " " + shell_quoted(folder + "/batch.toml"));
    CHECK_MESSAGE(r.status == 2, bad);
    CHECK_MESSAGE(r.err.find("try `jakpum batch --help`") != std::string::npos, r.err);
  }
  CHECK(jakpum_run("batch --help").out.find("--shard K/N") != std::string::npos);
}
