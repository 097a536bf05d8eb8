#include "app/report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace jakpum::app {
namespace {

const char* name(linebreak::End e) {
  switch (e) {
    case linebreak::End::word: return "word";
    case linebreak::End::syllable: return "syllable";
    case linebreak::End::forced: return "forced";
    case linebreak::End::emergency: return "emergency";
    case linebreak::End::last: return "last";
    case linebreak::End::hyphen: return "hyphen";
  }
  return "?";
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else out += c;
  }
  return out + "\"";
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", std::abs(v) < 5e-5 ? 0.0 : v);
  return buf;
}

// Adds one block's (or all blocks') counts.
void count(const BlockFacts& b, Totals& t) {
  ++t.paragraphs;
  for (const auto& l : b.lines) {
    ++t.lines;
    t.justified += l.justified;
    t.overfull += l.overfull;
    t.underfull += l.justified && l.ratio > 1;
    t.emergency += l.ends == linebreak::End::emergency;
    t.syllable_breaks += l.ends == linebreak::End::syllable;
    t.hyphens += l.ends == linebreak::End::hyphen;
    t.prohibited_starts += l.prohibited_start;
    t.prohibited_ends += l.prohibited_end;
    t.runts += l.runt;
    if (l.justified) t.sum_squared_ratios += l.ratio * l.ratio;
  }
  t.widows += b.widow;
  t.orphans += b.orphan;
}

std::string totals_json(const Totals& t) {
  return "{\"paragraphs\": " + std::to_string(t.paragraphs) + ", \"lines\": " + std::to_string(t.lines) +
         ", \"justified\": " + std::to_string(t.justified) + ", \"overfull\": " + std::to_string(t.overfull) +
         ", \"underfull\": " + std::to_string(t.underfull) + ", \"emergency\": " + std::to_string(t.emergency) +
         ", \"syllable_breaks\": " + std::to_string(t.syllable_breaks) +
         ", \"prohibited_starts\": " + std::to_string(t.prohibited_starts) +
         ", \"prohibited_ends\": " + std::to_string(t.prohibited_ends) + ", \"widows\": " + std::to_string(t.widows) +
         ", \"orphans\": " + std::to_string(t.orphans) + ", \"hyphens\": " + std::to_string(t.hyphens) +
         ", \"runts\": " + std::to_string(t.runts) + ", \"sum_squared_ratios\": " + number(t.sum_squared_ratios) + "}";
}

}  // namespace

void Report::paginated(const page::PageModel& model) {
  // The baselines of each block's lines, page by page, in order: on each
  // page, a block's distinct baselines from the top.
  std::vector<std::vector<std::pair<int, Pt>>> lines_of(blocks.size());
  std::vector<std::pair<std::size_t, Pt>> baselines;  // block and baseline, one page's
  for (const auto& p : model.pages) {
    baselines.clear();
    for (const auto& r : p.runs)
      if (r.block >= 0 && static_cast<std::size_t>(r.block) < blocks.size())
        baselines.emplace_back(static_cast<std::size_t>(r.block), r.y);
    std::sort(baselines.begin(), baselines.end());
    baselines.erase(std::unique(baselines.begin(), baselines.end()), baselines.end());
    for (const auto& [block, y] : baselines) lines_of[block].emplace_back(p.number, y);
  }
  for (std::size_t b = 0; b < blocks.size(); ++b) {
    auto& facts = blocks[b];
    const auto& placed = lines_of[b];
    for (std::size_t i = 0; i < facts.lines.size() && i < placed.size(); ++i) facts.lines[i].page = placed[i].first;
    if (placed.size() >= 2) {
      facts.orphan = placed[0].first != placed[1].first;
      facts.widow = placed[placed.size() - 1].first != placed[placed.size() - 2].first;
    }
  }
}

Totals Report::totals() const {
  Totals t;
  for (const auto& b : blocks)
    if (!b.lines.empty()) count(b, t);
  return t;
}

std::string Report::json() const {
  std::string out = "{\n  \"totals\": " + totals_json(totals()) + ",\n  \"paragraphs\": [";
  bool first = true;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const auto& b = blocks[i];
    if (b.lines.empty()) continue;
    Totals t;
    count(b, t);
    out += first ? "\n" : ",\n";
    first = false;
    out += "    {\"block\": " + std::to_string(i) + ", \"document\": " + quoted(b.document) +
           ", \"style\": " + quoted(b.style) + ", \"pages\": [" +
           std::to_string(b.lines.front().page) + ", " + std::to_string(b.lines.back().page) + "]" +
           ", \"widow\": " + (b.widow ? "true" : "false") + ", \"orphan\": " + (b.orphan ? "true" : "false") +
           ", \"totals\": " + totals_json(t) + ",\n     \"lines\": [";
    for (std::size_t j = 0; j < b.lines.size(); ++j) {
      const auto& l = b.lines[j];
      out += (j ? ", " : "") + std::string("{\"page\": ") + std::to_string(l.page) + ", \"ratio\": " + number(l.ratio) +
             ", \"ends\": \"" + name(l.ends) + "\"" + (l.overfull ? ", \"overfull\": true" : "") +
             (l.prohibited_start ? ", \"prohibited_start\": true" : "") +
             (l.prohibited_end ? ", \"prohibited_end\": true" : "") + (l.runt ? ", \"runt\": true" : "") + "}";
    }
    out += "]}";
  }
  out += "\n  ]\n}\n";
  return out;
}

std::string counted(long long n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string Report::summary() const {
  Totals t = totals();
  char buf[400];
  std::snprintf(buf, sizeof buf,
                ": %d overfull, %d underfull (stretched past the limit), %d inside words (%.1f%%), "
                "%d hyphenated, %d emergency, %d prohibited starts/ends, ",
                t.overfull, t.underfull, t.syllable_breaks, t.justified ? 100.0 * t.syllable_breaks / t.justified : 0.0,
                t.hyphens, t.emergency, t.prohibited_starts + t.prohibited_ends);
  char ratios[64];
  std::snprintf(ratios, sizeof ratios, ", sum of squared ratios %.2f", t.sum_squared_ratios);
  return counted(t.lines, "line") + buf + counted(t.widows, "widow") + ", " + counted(t.orphans, "orphan") + ", " +
         counted(t.runts, "runt") + ratios;
}

}  // namespace jakpum::app
