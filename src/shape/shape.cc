#include "shape/shape.h"

#include <hb-ot.h>
#include <hb.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>

namespace jakpum::shape {

namespace {

// At most this many glyphs are kept in the word cache (about 4 MB); after
// that, new words are shaped each time they come.
constexpr std::size_t max_cached_glyphs = 200000;

// Whether any GSUB or GPOS lookup of the face takes the space glyph as input
// or context: then words cannot be shaped apart from their spaces.
bool space_in_lookups(hb_font_t* font) {
  hb_codepoint_t space = 0;
  if (!hb_font_get_nominal_glyph(font, ' ', &space)) return false;
  hb_face_t* face = hb_font_get_face(font);
  hb_set_t* glyphs[4] = {hb_set_create(), hb_set_create(), hb_set_create(), hb_set_create()};
  bool found = false;
  for (hb_tag_t table : {HB_OT_TAG_GSUB, HB_OT_TAG_GPOS}) {
    const unsigned lookups = hb_ot_layout_table_get_lookup_count(face, table);
    for (unsigned i = 0; i < lookups && !found; ++i) {
      for (hb_set_t* set : glyphs) hb_set_clear(set);
      hb_ot_layout_lookup_collect_glyphs(face, table, i, glyphs[0], glyphs[1], glyphs[2], glyphs[3]);
      for (hb_set_t* set : glyphs) found = found || hb_set_has(set, space);
    }
  }
  for (hb_set_t* set : glyphs) hb_set_destroy(set);
  return found;
}

// Which half of its em a CJK face leaves blank when it draws the character
// at `at` a full em wide: the left (-1) of an opening bracket (《 「 〈 （),
// the right (1) of a closing one and of the ideographic comma and full stop
// (》 」 、 。); 0 for any other character. The character is put in `c`.
int blank_half(std::string_view text, std::size_t at, UChar32& c) {
  const auto lead = static_cast<unsigned char>(text[at]);
  if (lead != 0xE3 && lead != 0xEF) return 0;  // U+3000 to U+3FFF, U+F000 to U+FFFF
  U8_NEXT(text.data(), at, text.size(), c);
  const int width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  if (width != U_EA_WIDE && width != U_EA_FULLWIDTH) return 0;
  const int type = u_charType(c);
  if (type == U_START_PUNCTUATION) return -1;
  if (type == U_END_PUNCTUATION || c == 0x3001 || c == 0x3002 || c == 0xFF0C || c == 0xFF0E) return 1;
  return 0;
}

// The blank half of the brackets and stops a CJK face draws a full em wide
// dropped, as the feature `halt` drops it in faces that have one: an opening
// bracket moved half an em back, each set half an em narrower. Only where
// the glyph is the character's own and its ink lies all in the other half
// (a face that draws them narrow, as Nanum Gothic does, keeps them).
void drop_blank_halves(hb_font_t* font, std::string_view text, std::size_t base, const hb_glyph_info_t* info,
                       hb_glyph_position_t* pos, unsigned count) {
  for (unsigned i = 0; i < count; ++i) {
    UChar32 c = 0;
    const int blank = blank_half(text, base + info[i].cluster, c);
    if (blank == 0) continue;
    hb_codepoint_t own = 0;
    hb_glyph_extents_t ink;
    if (!hb_font_get_nominal_glyph(font, static_cast<hb_codepoint_t>(c), &own) || own != info[i].codepoint ||
        !hb_font_get_glyph_extents(font, own, &ink))
      continue;
    const hb_position_t em = static_cast<hb_position_t>(hb_face_get_upem(hb_font_get_face(font))) * 64;
    const hb_position_t full = hb_font_get_glyph_h_advance(font, own), half = full / 2;
    if (full < em * 3 / 4) continue;
    if (blank < 0 ? ink.x_bearing < half : ink.x_bearing + ink.width > half) continue;
    if (blank < 0) pos[i].x_offset -= half;
    pos[i].x_advance -= half;
  }
}

}  // namespace

// Words are looked up by their text as it stands in the paragraph, without
// copying it into a key.
struct TextHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct Shaper::Face {
  hb_font_t* font = nullptr;
  bool by_word = false;
  using Words = std::unordered_map<std::string, std::vector<Shaped>, TextHash, std::equal_to<>>;
  std::unordered_map<std::string, Words> words;  // by script and features, then by text
  ~Face() { hb_font_destroy(font); }
};

void Shaper::BufferDeleter::operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }

Shaper::Shaper(const font::Library& fonts) : fonts_(fonts), buffer_(hb_buffer_create()) {}
Shaper::~Shaper() = default;

Shaper::Face& Shaper::face(font::FaceId id) {
  if (faces_.size() <= id) faces_.resize(id + 1);
  if (!faces_[id]) {
    // HarfBuzz's own OpenType functions, over the font file the library
    // mapped: faster than going through FreeType, and the same metrics.
    // The scale keeps positions in 26.6 font units.
    const font::FaceInfo& info = fonts_.info(id);
    auto f = std::make_unique<Face>();
    f->font = hb_font_create(fonts_.hb_face(id));
    const int scale = static_cast<int>(info.units_per_em) * 64;
    hb_font_set_scale(f->font, scale, scale);
    f->by_word = !space_in_lookups(f->font);
    faces_[id] = std::move(f);
  }
  return *faces_[id];
}

void Shaper::shape_segment(const std::string& text, std::size_t begin, std::size_t end, bool context, Face& face,
                           const std::string& script, const std::vector<hb_feature_t>& features, bool half_brackets,
                           std::vector<Shaped>& out) {
  hb_buffer_t* buf = buffer_.get();
  hb_buffer_clear_contents(buf);
  // With context, the whole paragraph is seen around the segment (for runs
  // shaped whole); a cached word must not depend on what surrounds it.
  if (context)
    hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), static_cast<unsigned>(begin),
                       static_cast<int>(end - begin));
  else
    hb_buffer_add_utf8(buf, text.data() + begin, static_cast<int>(end - begin), 0, static_cast<int>(end - begin));
  hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
  hb_buffer_set_script(buf, hb_script_from_string(script.c_str(), -1));
  hb_buffer_set_language(buf, hb_language_from_string("ko", -1));
  hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
  hb_shape(face.font, buf, features.data(), static_cast<unsigned>(features.size()));
  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
  hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, nullptr);
  const std::uint32_t base = context ? static_cast<std::uint32_t>(begin) : 0;
  if (half_brackets) drop_blank_halves(face.font, text, begin - base, info, pos, count);
  for (unsigned i = 0; i < count; ++i)
    out.push_back({info[i].codepoint, info[i].cluster - base, pos[i].x_advance, pos[i].x_offset, pos[i].y_offset});
}

ShapedParagraph Shaper::shape(const text::Paragraph& p, const Features& features) {
  std::vector<hb_feature_t> feats;
  std::string feature_key;
  for (const auto& f : features.settings) {
    hb_feature_t feature;
    if (hb_feature_from_string(f.c_str(), static_cast<int>(f.size()), &feature)) {
      feats.push_back(feature);
      feature_key += f + ',';
    }
  }
  ShapedParagraph out;
  out.glyphs.reserve(p.text.size() / 2);
  std::vector<Shaped> glyphs;
  std::string key;
  std::size_t quote = 0;  // the next of p.quotes
  std::size_t dash = 0;   // the next of p.dashes
  bool dash_set = false;  // whose glyph is set: its other hyphens are not
  for (std::uint32_t r = 0; r < p.runs.size(); ++r) {
    const text::Run& run = p.runs[r];
    Face& f = face(run.face);
    // The face is sized at one pixel per font unit (font/library.cc), so
    // positions are font units in 26.6 fixed point.
    const double scale = p.styles[run.style].size_in(run.face) / (fonts_.info(run.face).units_per_em * 64.0);
    const bool half_brackets = p.styles[run.style].half_width_brackets;
    auto emit = [&](const std::vector<Shaped>& shaped, std::size_t begin) {
      if (p.quotes.empty() && p.dashes.empty()) {
        for (const Shaped& g : shaped)
          out.glyphs.push_back({g.id, static_cast<std::uint32_t>(begin + g.cluster), g.advance * scale,
                                g.x_offset * scale, g.y_offset * scale, r});
        return;
      }
      for (const Shaped& g : shaped) {
        const std::size_t at = begin + g.cluster;
        while (quote < p.quotes.size() && p.quotes[quote].at < at) ++quote;
        hb_codepoint_t shown = 0;
        if (quote < p.quotes.size() && p.quotes[quote].at == at &&
            hb_font_get_nominal_glyph(f.font, p.quotes[quote].shown, &shown)) {
          // A straight quote shown as a typographic one: that glyph, at its
          // own advance, in the straight one's place (which no face shapes
          // with its neighbours).
          out.glyphs.push_back({shown, static_cast<std::uint32_t>(at), hb_font_get_glyph_h_advance(f.font, shown) * scale,
                                g.x_offset * scale, g.y_offset * scale, r, p.quotes[quote].shown});
          continue;
        }
        while (dash < p.dashes.size() && p.dashes[dash].at + p.dashes[dash].length <= at) ++dash, dash_set = false;
        if (dash < p.dashes.size() && p.dashes[dash].at <= at) {
          // Hyphens shown as a dash: its glyph in the first one's place,
          // standing for them all (the text read from the page keeps them).
          if (dash_set) continue;
          if (at == p.dashes[dash].at && hb_font_get_nominal_glyph(f.font, p.dashes[dash].shown, &shown)) {
            out.glyphs.push_back(
                {shown, static_cast<std::uint32_t>(at), hb_font_get_glyph_h_advance(f.font, shown) * scale, 0, 0, r});
            dash_set = true;
            continue;
          }
        }
        out.glyphs.push_back({g.id, static_cast<std::uint32_t>(at), g.advance * scale, g.x_offset * scale,
                              g.y_offset * scale, r});
      }
    };
    if (!f.by_word) {
      glyphs.clear();
      shape_segment(p.text, run.begin, run.end, true, f, run.script, feats, half_brackets, glyphs);
      emit(glyphs, run.begin);
      continue;
    }
    // Words and the spaces between them, each from the cache or shaped and kept.
    key.assign(run.script).append(1, half_brackets ? '\1' : '\0').append(feature_key);
    Face::Words& words = f.words[key];
    const std::string_view text(p.text);
    for (std::size_t begin = run.begin; begin < run.end;) {
      std::size_t end = begin;
      if (p.text[begin] == ' ') ++end;
      else
        while (end < run.end && p.text[end] != ' ') ++end;
      const std::string_view word = text.substr(begin, end - begin);
      auto it = words.find(word);
      if (it == words.end()) {
        glyphs.clear();
        shape_segment(p.text, begin, end, false, f, run.script, feats, half_brackets, glyphs);
        if (cached_glyphs_ + glyphs.size() <= max_cached_glyphs) {
          cached_glyphs_ += glyphs.size();
          it = words.emplace(std::string(word), glyphs).first;
        }
      }
      emit(it != words.end() ? it->second : glyphs, begin);
      begin = end;
    }
  }
  return out;
}

void Shaper::add_hyphens(const text::Paragraph& p, ShapedParagraph& shaped) {
  shaped.hyphens.assign(p.runs.size(), {});
  for (std::size_t r = 0; r < p.runs.size(); ++r) {
    const text::Run& run = p.runs[r];
    const auto from = p.breaks.begin() + static_cast<std::ptrdiff_t>(run.begin);
    const auto to = p.breaks.begin() + static_cast<std::ptrdiff_t>(run.end);
    if (std::find(from, to, text::Break::hyphen) == to) continue;
    Face& f = face(run.face);
    hb_codepoint_t id = 0;
    if (!hb_font_get_nominal_glyph(f.font, '-', &id)) hb_font_get_nominal_glyph(f.font, 0x2010, &id);
    const double scale = p.styles[run.style].size_in(run.face) / (fonts_.info(run.face).units_per_em * 64.0);
    shaped.hyphens[r] = {id, hb_font_get_glyph_h_advance(f.font, id) * scale};
  }
}

}  // namespace jakpum::shape
