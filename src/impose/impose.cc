#include "impose/impose.h"

#include <algorithm>
#include <cmath>

namespace jakpum::impose {
namespace {

// Marks stand clear of the bleed, this long, in registration colour (all inks).
constexpr Pt mark_gap = mm_to_pt(1);
constexpr Pt mark_length = mm_to_pt(5);
constexpr Pt mark_width = 0.25;
const Color registration = Color::cmyk(1, 1, 1, 1);

Pt mark_room(const Params& p) { return p.crop_marks ? p.bleed + mark_gap + mark_length + mm_to_pt(1) : p.bleed; }

void line(Sheet& s, Pt x0, Pt y0, Pt x1, Pt y1) { s.marks.push_back({x0, y0, x1, y1, mark_width, registration}); }

// Crop marks at the trim's corners, outside the bleed; with `centre`, marks
// at the middle of each edge too (for a fold or a cut).
void crop_marks(Sheet& s, const Box& t, Pt bleed, bool centre) {
  const Pt off = bleed + mark_gap, len = mark_length;
  const Pt left = t.x, right = t.x + t.width, top = t.y, bottom = t.y + t.height;
  for (Pt x : {left, right}) {
    line(s, x, top - off, x, top - off - len);
    line(s, x, bottom + off, x, bottom + off + len);
  }
  for (Pt y : {top, bottom}) {
    line(s, left - off, y, left - off - len, y);
    line(s, right + off, y, right + off + len, y);
  }
  if (centre) {
    const Pt cx = left + t.width / 2, cy = top + t.height / 2;
    line(s, cx, top - off, cx, top - off - len);
    line(s, cx, bottom + off, cx, bottom + off + len);
    line(s, left - off, cy, left - off - len, cy);
    line(s, right + off, cy, right + off + len, cy);
  }
}

Sheet sheet_around(Pt content_width, Pt content_height, const Params& p) {
  // The media is the sheet, turned the way the content runs, or larger where
  // bleed and marks need the room.
  Sheet s;
  const Pt room = mark_room(p);
  Pt sw = p.sheet_width, sh = p.sheet_height;
  if ((content_width > content_height) != (sw > sh)) std::swap(sw, sh);
  s.width = std::max(sw, content_width + 2 * room);
  s.height = std::max(sh, content_height + 2 * room);
  s.trim = {(s.width - content_width) / 2, (s.height - content_height) / 2, content_width, content_height};
  s.bleed = {s.trim.x - p.bleed, s.trim.y - p.bleed, s.trim.width + 2 * p.bleed, s.trim.height + 2 * p.bleed};
  return s;
}

}  // namespace

bool Imposed::flat() const {
  for (const auto& s : sheets) {
    if (s.placements.size() != 1 || !s.marks.empty()) return false;
    const Placement& p = s.placements.front();
    if (p.blank || p.scale != 1 || p.dx != 0 || p.dy != 0 || s.trim.x != 0 || s.trim.y != 0) return false;
  }
  return true;
}

std::vector<std::pair<int, int>> booklet_order(int pages) {
  const int n = (pages + 3) / 4 * 4;
  auto real = [&](int p) { return p <= pages ? p : 0; };
  std::vector<std::pair<int, int>> sides;
  for (int s = 0; s < n / 4; ++s) {
    sides.emplace_back(real(n - 2 * s), real(1 + 2 * s));      // front: outer pages
    sides.emplace_back(real(2 + 2 * s), real(n - 1 - 2 * s));  // back
  }
  return sides;
}

std::vector<std::vector<int>> nup_order(int pages, int n) {
  std::vector<std::vector<int>> sheets;
  for (int first = 1; first <= pages; first += n) {
    std::vector<int> sheet;
    for (int k = 0; k < n; ++k) sheet.push_back(first + k <= pages ? first + k : 0);
    sheets.push_back(std::move(sheet));
  }
  return sheets;
}

Result<Imposed> impose(const page::PageModel& model, const Params& p) {
  Imposed out;
  if (model.pages.empty()) return out;
  const Pt w = model.pages.front().width, h = model.pages.front().height;

  if (p.method == Method::none) {
    for (std::size_t i = 0; i < model.pages.size(); ++i) {
      Params single = p;
      single.sheet_width = single.sheet_height = 0;
      Sheet s = sheet_around(w, h, single);
      s.placements.push_back({i, false, 1, s.trim.x, s.trim.y});
      if (p.crop_marks) crop_marks(s, s.trim, p.bleed, false);
      out.sheets.push_back(std::move(s));
    }
    return out;
  }

  if (p.method == Method::booklet) {
    // Two pages side by side, folded at the middle; unscaled, as printed.
    const auto sides = booklet_order(static_cast<int>(model.pages.size()));
    const std::size_t sheets = sides.size() / 2;
    for (std::size_t k = 0; k < sides.size(); ++k) {
      Sheet s = sheet_around(2 * w, h, p);
      // Creep: inner sheets' pages move towards the fold (the fore-edge is trimmed more).
      const std::size_t sheet = k / 2;
      const Pt shift = sheets > 1 ? p.creep * static_cast<double>(sheet) / static_cast<double>(sheets - 1) : 0;
      auto place = [&](int page, Pt x) {
        s.placements.push_back({page > 0 ? static_cast<std::size_t>(page - 1) : 0, page == 0, 1, x, s.trim.y});
      };
      place(sides[k].first, s.trim.x + shift);
      place(sides[k].second, s.trim.x + w - shift);
      if (p.crop_marks) crop_marks(s, s.trim, p.bleed, true);  // the centre marks show the fold
      out.sheets.push_back(std::move(s));
    }
    return out;
  }

  // n-up: a grid of cells in reading order, pages scaled down to fit if need be.
  const int n = p.method == Method::two_up ? 2 : 4;
  const int cols = 2, rows = n / 2;
  Pt sw = p.sheet_width, sh = p.sheet_height;
  // Turn the sheet to suit the grid: two portrait pages sit side by side on a landscape sheet.
  if ((cols * w > rows * h) != (sw > sh)) std::swap(sw, sh);
  const Pt room = mark_room(p);
  const Pt cell_w = (sw - 2 * room) / cols, cell_h = (sh - 2 * room) / rows;
  if (cell_w <= 0 || cell_h <= 0)
    return error("", {}, "the sheet is too small for " + std::to_string(n) + " pages with their marks");
  const double scale = std::min({1.0, cell_w / w, cell_h / h});
  for (const auto& order : nup_order(static_cast<int>(model.pages.size()), n)) {
    Sheet s;
    s.width = sw, s.height = sh;
    s.trim = {room, room, sw - 2 * room, sh - 2 * room};
    s.bleed = {s.trim.x - p.bleed, s.trim.y - p.bleed, s.trim.width + 2 * p.bleed, s.trim.height + 2 * p.bleed};
    for (int k = 0; k < n; ++k) {
      const int col = k % cols, row = k / cols;
      const Pt x = room + col * cell_w + (cell_w - w * scale) / 2, y = room + row * cell_h + (cell_h - h * scale) / 2;
      const int page = order[static_cast<std::size_t>(k)];
      s.placements.push_back({page > 0 ? static_cast<std::size_t>(page - 1) : 0, page == 0, scale, x, y});
      if (p.crop_marks) crop_marks(s, {x, y, w * scale, h * scale}, 0, false);
    }
    out.sheets.push_back(std::move(s));
  }
  return out;
}

Result<Method> parse_method(const std::string& name) {
  if (name == "none") return Method::none;
  if (name == "booklet") return Method::booklet;
  if (name == "2-up") return Method::two_up;
  if (name == "4-up") return Method::four_up;
  return error("", {}, "unknown imposition `" + name + "`", "use none, booklet, 2-up or 4-up");
}

const char* to_string(Method m) {
  switch (m) {
    case Method::none: return "none";
    case Method::booklet: return "booklet";
    case Method::two_up: return "2-up";
    case Method::four_up: return "4-up";
  }
  return "?";
}

}  // namespace jakpum::impose
