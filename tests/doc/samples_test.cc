// The samples are the essays word for word: only markup is added (front
// matter, heading marks, pull-quote blocks that repeat a sentence).
#include <doctest/doctest.h>

#include "core/files.h"
#include "doc/read.h"
#include "support.h"

using namespace jakpum;
using namespace jakpum::doc;

namespace {

std::vector<std::string> nonempty_lines(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at <= text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    if (end > at) out.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

struct Sample {
  Document doc;
  std::vector<std::string> seed;
  std::string seed_text;
};

Sample load(const std::string& sample, const std::string& seed) {
  Diagnostics diags;
  auto doc = read_document(test::source_path("samples/" + sample), diags);
  REQUIRE_MESSAGE(doc.ok(), (doc.ok() ? "" : format(doc.error())));
  CHECK(diags.empty());
  auto text = read_file(test::source_path("tests/seeds/" + seed));
  REQUIRE(text.ok());
  return {std::move(*doc), nonempty_lines(*text), *text};
}

// The sample's text in reading order, without its pull quotes.
std::vector<std::string> text_lines(const Document& d, bool with_title) {
  std::vector<std::string> out;
  if (with_title) out.push_back(d.meta.title);
  for (const auto& b : d.blocks)
    if (b.kind != BlockKind::pullquote) out.push_back(b.text());
  if (!d.meta.copyright.empty()) out.push_back(d.meta.copyright);
  return out;
}

std::vector<std::string> pull_quotes(const Document& d) {
  std::vector<std::string> out;
  for (const auto& b : d.blocks)
    if (b.kind == BlockKind::pullquote) out.push_back(b.text());
  return out;
}

}  // namespace

TEST_CASE("work-as-art.md is the first essay word for word") {
  Sample s = load("work-as-art.md", "work-as-art.txt");
  CHECK(s.doc.meta.title == s.seed.front());
  CHECK(text_lines(s.doc, true) == s.seed);
  int headings = 0;
  for (const auto& b : s.doc.blocks) headings += b.kind == BlockKind::heading;
  CHECK(headings == 5);
  // One pull quote: the essay's closing lines.
  CHECK(pull_quotes(s.doc) == std::vector<std::string>{s.seed.back()});
}

TEST_CASE("shared-experience.md is the second essay word for word, its copyright line the credit") {
  Sample s = load("shared-experience.md", "shared-experience.txt");
  CHECK_FALSE(s.doc.meta.title.empty());
  CHECK(text_lines(s.doc, false) == s.seed);
  CHECK(s.doc.meta.copyright == s.seed.back());
  auto quotes = pull_quotes(s.doc);
  REQUIRE(quotes.size() == 1);
  CHECK(s.seed_text.find(quotes.front()) != std::string::npos);
}

TEST_CASE("the booklet manifest lists both essays, its title and its layout") {
  Diagnostics diags;
  auto pub = read_publication({test::source_path("samples/booklet.toml")}, diags);
  REQUIRE(pub.ok());
  CHECK_FALSE(pub->title.empty());
  CHECK(pub->layout == "booklet-a5");
  REQUIRE(pub->documents.size() == 2);
  CHECK(pub->documents[0].meta.title == "work as art");
}

TEST_CASE("manifest errors point into the manifest") {
  std::string folder = test::scratch_folder("manifest");
  Diagnostics diags;
  std::string bad = test::write_file(folder + "/m.toml", "title = \"x\"\ndocuments = [\"a.md\", \"missing.md\"]\n");
  test::write_file(folder + "/a.md", "본문\n");
  auto pub = read_publication({bad}, diags);
  REQUIRE_FALSE(pub.ok());
  CHECK(pub.error().path == bad);
  CHECK(pub.error().pos == Position{2, 22});
  CHECK(pub.error().message.find("missing.md") != std::string::npos);

  std::string typo = test::write_file(folder + "/t.toml", "documents = [\"a.md\"]\nlayuot = \"x\"\n");
  auto pub2 = read_publication({typo}, diags);
  REQUIRE_FALSE(pub2.ok());
  CHECK(format(pub2.error()) == typo + ":2:1: error: unknown key `layuot` in manifest (did you mean `layout`?)");
}

TEST_CASE("inputs that are not UTF-8 are refused at the byte that is wrong") {
  std::string folder = test::scratch_folder("utf8");
  Diagnostics diags;
  std::string bad = test::write_file(folder + "/bad.md", "첫 줄\n둘\xFF째\n");
  auto pub = read_publication({bad}, diags);
  REQUIRE_FALSE(pub.ok());
  CHECK(format(pub.error()) == bad + ":2:2: error: invalid UTF-8 at byte offset 11 (save the file as UTF-8)");
}
