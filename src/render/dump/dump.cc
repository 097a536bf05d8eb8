#include "render/dump/dump.h"

#include "style/values.h"

#include <cmath>
#include <cstdio>
#include <filesystem>

namespace jakpum::render {
namespace {

std::string fixed(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", std::abs(v) < 0.005 ? 0.0 : v);
  return buf;
}

}  // namespace

std::string dump_pages(const page::PageModel& model) {
  std::string out;
  out += "title " + model.info.title + "\n";
  for (std::size_t i = 0; i < model.fonts.size(); ++i)
    if (!model.fonts[i].path.empty())  // else a face never opened, which sets nothing
      out += "font " + std::to_string(i) + " " + model.fonts[i].name + " " +
             std::filesystem::path(model.fonts[i].path).filename().string() + "\n";
  for (std::size_t i = 0; i < model.images.size(); ++i)
    out += "image " + std::to_string(i) + " " + std::filesystem::path(model.images[i].path).filename().string() + " " +
           std::to_string(model.images[i].width) + " x " + std::to_string(model.images[i].height) + " px\n";
  for (const auto& e : model.outline)
    out += "outline " + std::to_string(e.level) + " page " + std::to_string(model.pages[e.page].number) + " y " +
           fixed(e.y) + " " + e.title + "\n";
  for (const auto& page : model.pages) {
    out += "page " + std::to_string(page.number) + (page.number % 2 ? " recto " : " verso ") + fixed(page.width) +
           " x " + fixed(page.height) + " label " + page.label + (page.blank ? " blank" : "") + "\n";
    for (const auto& r : page.rules)
      out += "  rule " + fixed(r.x0) + "," + fixed(r.y0) + " " + fixed(r.x1) + "," + fixed(r.y1) + " width " +
             fixed(r.thickness) + " " + style::to_string(r.color) + "\n";
    for (const auto& run : page.runs) {
      // The text, then where each word after the first starts: enough to see
      // justification and letter spacing without a line per glyph.
      std::string text, starts;
      bool after_space = false, hyphen = false;
      for (const auto& g : run.glyphs) {
        std::string_view chars = run.text_of(g);
        bool space = chars == " " || chars == "\xC2\xA0";
        if (after_space && !space) starts += (starts.empty() ? "" : " ") + fixed(g.x);
        after_space = space;
        hyphen |= g.hyphen;
        if (g.hyphen) continue;  // shown as `hyphen` after the text
        for (char c : chars) text += c == '\n' ? std::string("\\n") : c == '"' ? std::string("\\\"") : std::string(1, c);
      }
      Pt end = run.glyphs.empty() ? 0 : run.glyphs.back().x;
      out += "  text " + run.style + " font " + std::to_string(run.font) + " size " + fixed(run.size) + " at " +
             fixed(run.x) + "," + fixed(run.y) + " to " + fixed(run.x + end) + " " + style::to_string(run.color) +
             " \"" + text + "\"" + (hyphen ? " hyphen" : "") + (starts.empty() ? "" : " words " + starts) + "\n";
    }
    for (const auto& im : page.images)
      out += "  image " + std::to_string(im.image) + " at " + fixed(im.x) + "," + fixed(im.y) + " " + fixed(im.width) +
             " x " + fixed(im.height) + "\n";
    for (const auto& l : page.links)
      out += "  link " + fixed(l.x) + "," + fixed(l.y) + " " + fixed(l.width) + " x " + fixed(l.height) + " " +
             (l.address.empty() ? "to page " + std::to_string(model.pages[l.page].number) + " y " + fixed(l.page_y)
                                : l.address) +
             "\n";
  }
  return out;
}

}  // namespace jakpum::render
