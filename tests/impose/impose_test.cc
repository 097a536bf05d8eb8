// Imposition: which page goes where on which sheet.
#include <doctest/doctest.h>

#include "impose/impose.h"

using namespace jakpum;
using impose::booklet_order;
using impose::nup_order;

namespace {

page::PageModel pages(int n, Pt w = mm_to_pt(148), Pt h = mm_to_pt(210)) {
  page::PageModel m;
  for (int i = 1; i <= n; ++i) {
    page::Page p;
    p.width = w, p.height = h, p.number = i;
    m.pages.push_back(p);
  }
  return m;
}

}  // namespace

TEST_CASE("booklet order: padded to a multiple of four, outer pages first, folding order per side") {
  using Sides = std::vector<std::pair<int, int>>;
  CHECK(booklet_order(8) == Sides{{8, 1}, {2, 7}, {6, 3}, {4, 5}});
  CHECK(booklet_order(4) == Sides{{4, 1}, {2, 3}});
  CHECK(booklet_order(1) == Sides{{0, 1}, {0, 0}});
  CHECK(booklet_order(6) == Sides{{0, 1}, {2, 0}, {6, 3}, {4, 5}});
  for (int n = 1; n <= 17; ++n) {
    CAPTURE(n);
    auto sides = booklet_order(n);
    const int padded = (n + 3) / 4 * 4;
    CHECK(static_cast<int>(sides.size()) == padded / 2);
    std::vector<int> seen(static_cast<std::size_t>(padded + 1), 0);
    for (std::size_t k = 0; k < sides.size(); ++k) {
      auto [left, right] = sides[k];
      // Facing pages on a side sum to padded + 1 (blanks stand for the pages past n).
      int l = left ? left : 0, r = right ? right : 0;
      if (l && r) CHECK(l + r == padded + 1);
      // A front side carries an odd page on the right; the back an even one on the left.
      if (k % 2 == 0 && r) CHECK(r % 2 == 1);
      if (k % 2 == 1 && l) CHECK(l % 2 == 0);
      ++seen[static_cast<std::size_t>(l)], ++seen[static_cast<std::size_t>(r)];
    }
    for (int p = 1; p <= n; ++p) CHECK(seen[static_cast<std::size_t>(p)] == 1);  // every page once
    CHECK(seen[0] == padded - n);                                                // the rest blank
  }
}

TEST_CASE("n-up order: reading order, the last sheet padded with blanks") {
  using Sheets = std::vector<std::vector<int>>;
  CHECK(nup_order(5, 2) == Sheets{{1, 2}, {3, 4}, {5, 0}});
  CHECK(nup_order(5, 4) == Sheets{{1, 2, 3, 4}, {5, 0, 0, 0}});
  CHECK(nup_order(8, 4) == Sheets{{1, 2, 3, 4}, {5, 6, 7, 8}});
}

TEST_CASE("single pages: the sheet is the page unless bleed and marks need room") {
  impose::Params p;
  auto plain = impose::impose(pages(3), p);
  REQUIRE(plain.ok());
  CHECK(plain->flat());
  CHECK(plain->sheets.size() == 3);
  p.bleed = mm_to_pt(3), p.crop_marks = true;
  auto marked = impose::impose(pages(3), p);
  REQUIRE(marked.ok());
  CHECK_FALSE(marked->flat());
  const auto& s = marked->sheets.front();
  CHECK(s.trim.width == doctest::Approx(mm_to_pt(148)));
  CHECK(s.bleed.width == doctest::Approx(mm_to_pt(154)));
  CHECK(s.width > s.bleed.width);
  CHECK(s.marks.size() == 8);  // two at each corner
  for (const auto& m : s.marks) {
    // Marks stay outside the bleed.
    bool outside = m.x0 < s.bleed.x || m.x0 > s.bleed.x + s.bleed.width || m.y0 < s.bleed.y ||
                   m.y0 > s.bleed.y + s.bleed.height;
    CHECK(outside);
  }
}

TEST_CASE("a booklet puts two pages side by side, unscaled, and creep moves inner pages to the fold") {
  impose::Params p;
  p.method = impose::Method::booklet;
  p.sheet_width = mm_to_pt(210), p.sheet_height = mm_to_pt(297);
  p.creep = mm_to_pt(1);
  auto b = impose::impose(pages(8), p);
  REQUIRE(b.ok());
  REQUIRE(b->sheets.size() == 4);
  const auto& first = b->sheets[0];
  CHECK(first.width == doctest::Approx(mm_to_pt(297)));  // turned to landscape
  CHECK(first.placements[0].page == 7);                   // page 8 on the left
  CHECK(first.placements[1].page == 0);                   // page 1 on the right
  CHECK(first.placements[0].scale == 1);
  CHECK(first.placements[1].dx - first.placements[0].dx == doctest::Approx(mm_to_pt(148)));
  // The innermost sheet (sheets 2 and 3 are its two sides): pages moved 1 mm towards the fold.
  const auto& inner = b->sheets[2];
  const Pt fold = inner.trim.x + inner.trim.width / 2;
  CHECK(fold - (inner.placements[0].dx + mm_to_pt(148)) == doctest::Approx(-mm_to_pt(1)));
  CHECK(inner.placements[1].dx - fold == doctest::Approx(-mm_to_pt(1)));
}

TEST_CASE("2-up and 4-up: pages in reading order, scaled to their cells") {
  impose::Params p;
  p.method = impose::Method::four_up;
  p.sheet_width = mm_to_pt(210), p.sheet_height = mm_to_pt(297);
  auto four = impose::impose(pages(5), p);
  REQUIRE(four.ok());
  REQUIRE(four->sheets.size() == 2);
  const auto& s = four->sheets[0];
  CHECK(s.placements[0].dx < s.placements[1].dx);  // left to right,
  CHECK(s.placements[0].dy < s.placements[2].dy);  // then down
  CHECK(s.placements[0].scale == doctest::Approx(0.707).epsilon(0.01));
  CHECK(four->sheets[1].placements[1].blank);
  p.method = impose::Method::two_up;
  auto two = impose::impose(pages(4), p);
  REQUIRE(two.ok());
  CHECK(two->sheets.size() == 2);
  CHECK(two->sheets[0].width > two->sheets[0].height);  // A5 pages side by side on landscape A4
  CHECK(two->sheets[0].placements[0].scale == doctest::Approx(1));
}
