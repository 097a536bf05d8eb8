// Golden dumps: a whole document typeset, its page model printed as text and
// compared with tests/golden/*.pages.txt. After an intended change, rewrite
// them with JAKPUM_UPDATE_GOLDEN=1 and read the diff.
#include <doctest/doctest.h>

#include <cstdlib>
#include <sstream>

#include "app/typeset.h"
#include "doc/read.h"
#include "render/dump/dump.h"
#include "support.h"

using namespace jakpum;

namespace {

void check_golden(const std::string& input, const std::string& layout_name, const std::string& golden) {
  Diagnostics diags;
  auto pub = doc::read_publication({test::source_path(input)}, diags);
  REQUIRE(pub.ok());
  auto layout = style::load_layout(layout_name, {{test::source_path("layouts")}});
  REQUIRE(layout.ok());
  app::Context ctx;
  auto model = app::typeset(*pub, *layout, ctx);
  REQUIRE(model.ok());
  std::string dump = render::dump_pages(*model);
  std::string path = test::source_path(golden);
  if (std::getenv("JAKPUM_UPDATE_GOLDEN")) test::write_file(path, dump);
  std::string expected = test::read_text(path);
  // Compare line by line, so a failure shows the first line that differs.
  std::istringstream got_lines(dump), want_lines(expected);
  std::string got, want;
  int line = 0;
  while (true) {
    bool more_got = static_cast<bool>(std::getline(got_lines, got));
    bool more_want = static_cast<bool>(std::getline(want_lines, want));
    ++line;
    CAPTURE(line);
    if (!more_got || !more_want) {
      CHECK(more_got == more_want);
      break;
    }
    REQUIRE(got == want);
  }
}

}  // namespace

TEST_CASE("golden: every block style on A5") { check_golden("tests/golden/mixed.md", "booklet-a5", "tests/golden/mixed.pages.txt"); }

TEST_CASE("golden: the booklet") {
  check_golden("samples/booklet.toml", "booklet-a5", "tests/golden/booklet-a5.pages.txt");
}
