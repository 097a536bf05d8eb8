// Invariants on generated documents: every character of the input is in the
// PDF's text, in order (nothing lost), and the same input gives the same
// bytes, whatever the threads.
#include <doctest/doctest.h>

#include <random>
#include <regex>
#include <sstream>

#include "support.h"

using namespace jakpum;
using test::shell_quoted;

namespace {

// Words of the sample essays, without their punctuation: text the fonts cover.
std::vector<std::string> vocabulary() {
  std::vector<std::string> words;
  for (const char* name : {"samples/work-as-art.md", "samples/shared-experience.md"}) {
    std::string text = test::read_text(test::source_path(name));
    text = text.substr(text.find("\n+++\n") + 5);
    std::istringstream in(text);
    for (std::string w; in >> w;) {
      std::string clean;
      for (std::size_t i = 0; i < w.size(); ++i) {
        auto b = static_cast<unsigned char>(w[i]);
        if (b >= 0xEA && b <= 0xED && i + 2 < w.size()) clean += w.substr(i, 3), i += 2;  // Hangul syllables
        else if (std::isalnum(b)) clean += w[i];
        else if (b >= 0x80) while (i + 1 < w.size() && (static_cast<unsigned char>(w[i + 1]) & 0xC0) == 0x80) ++i;
      }
      if (!clean.empty()) words.push_back(clean);
    }
  }
  return words;
}

struct Generated {
  std::string markdown;
  std::string text;  // what the PDF must show, without spaces, in order
};

// A document of headings, paragraphs with emphasis and punctuation, nested
// lists and block quotes, from a seed.
Generated generate(unsigned seed, const std::vector<std::string>& words, std::size_t more_blocks = 0) {
  std::mt19937 rng(seed);
  auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
  auto sentence = [&](std::string& md, std::string& text) {
    static const char* stops[] = {".", ",", "!", "?", "…", ":"};
    const std::size_t n = 3 + pick(14);
    for (std::size_t i = 0; i < n; ++i) {
      std::string w = words[pick(words.size())];
      std::string shown = w;
      switch (pick(12)) {
        case 0: md += "*" + w + "*"; break;
        case 1: md += "**" + w + "**"; break;
        case 2: md += "(" + w + ")", shown = "(" + w + ")"; break;
        case 3: md += "\u201C" + w + "\u201D", shown = "\u201C" + w + "\u201D"; break;
        case 4: md += "\u300A" + w + "\u300B", shown = "\u300A" + w + "\u300B"; break;
        default: md += w;
      }
      text += shown;
      if (i + 1 < n) md += ' ';
    }
    std::string stop = stops[pick(std::size(stops))];
    md += stop, text += stop;
  };
  Generated g;
  g.markdown = "+++\ntitle = \"시험 " + std::to_string(seed) + "\"\n+++\n\n";
  g.text = "시험" + std::to_string(seed);
  const std::size_t blocks = 20 + pick(30) + more_blocks;
  for (std::size_t b = 0; b < blocks; ++b) {
    switch (pick(8)) {
      case 0: {
        std::string hashes(1 + pick(3), '#');
        g.markdown += hashes + " ";
        sentence(g.markdown, g.text);
        g.markdown += "\n\n";
        break;
      }
      case 1: {  // a list, two levels deep
        for (std::size_t i = 0, n = 2 + pick(4); i < n; ++i) {
          const bool inner = i > 0 && pick(3) == 0;
          g.markdown += inner ? "  - " : "- ";
          g.text += inner ? "\u25E6" : "\u2022";
          sentence(g.markdown, g.text);
          g.markdown += "\n";
        }
        g.markdown += "\n";
        break;
      }
      case 2:
        g.markdown += "> ";
        sentence(g.markdown, g.text);
        g.markdown += "\n\n";
        break;
      default:
        for (std::size_t i = 0, n = 1 + pick(6); i < n; ++i) {
          sentence(g.markdown, g.text);
          g.markdown += ' ';
        }
        g.markdown += "\n\n";
    }
  }
  return g;
}

// Strips every kind of space (and the line ends pdftotext adds), and the
// soft hyphens of words cut at a line's end.
std::string squeeze(const std::string& s) { return test::without_space(test::without_soft_hyphens(s)); }

}  // namespace

TEST_CASE("generated documents: nothing lost, in order, and the same bytes every time") {
  const auto words = vocabulary();
  REQUIRE(words.size() > 500);
  std::string folder = test::scratch_folder("invariants");
  // No running heads or page numbers: the PDF's text is the document's.
  std::string layout = test::write_file(folder + "/plain.toml",
                                        "extends = \"booklet-a5\"\n[header]\nverso = { outer = \"\" }\nrecto = { outer = \"\" }\n"
                                        "[footer]\nverso = { outer = \"\" }\nrecto = { outer = \"\" }\n");
  for (unsigned seed : {1u, 2u, 3u, 4u, 5u, 6u}) {
    CAPTURE(seed);
    // The last is long enough (over 20 KB of text) that a second thread sets
    // paragraphs when it may; shorter ones are set on one thread whatever -j says.
    Generated g = generate(seed, words, seed == 6 ? 1000 : 0);
    if (seed == 6) CHECK(g.markdown.size() > 100 * 1024);
    std::string md = test::write_file(folder + "/doc-" + std::to_string(seed) + ".md", g.markdown);
    std::string pdfs[3];
    for (int run = 0; run < 3; ++run) {
      pdfs[run] = folder + "/doc-" + std::to_string(seed) + "-" + std::to_string(run) + ".pdf";
      // Threads: one, two, and one again.
      auto r = test::run(shell_quoted(JAKPUM_BINARY) + " -q --threads " + (run == 1 ? "2" : "1") + " --layout " +
                         shell_quoted(layout) + " -o " + shell_quoted(pdfs[run]) + " " + shell_quoted(md));
      REQUIRE_MESSAGE(r.status == 0, r.err);
    }
    const std::string got = squeeze(test::run("pdftotext -raw " + shell_quoted(pdfs[0]) + " -").out);
    const std::string want = squeeze(g.text);
    CHECK(want.size() > 2000);  // a few pages, not a line
    std::size_t i = 0;
    while (i < got.size() && i < want.size() && got[i] == want[i]) ++i;
    CHECK_MESSAGE(got == want, "first difference at byte " << i << ": got …" << got.substr(i > 40 ? i - 40 : 0, 100)
                                                          << "… want …" << want.substr(i > 40 ? i - 40 : 0, 100) << "…");
    CHECK(test::read_text(pdfs[0]) == test::read_text(pdfs[1]));
    CHECK(test::read_text(pdfs[0]) == test::read_text(pdfs[2]));
  }
}
