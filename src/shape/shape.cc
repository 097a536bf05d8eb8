#include "shape/shape.h"

#include <hb.h>

namespace jakpum::shape {

void Shaper::FontDeleter::operator()(hb_font_t* f) const { hb_font_destroy(f); }
void Shaper::BufferDeleter::operator()(hb_buffer_t* b) const { hb_buffer_destroy(b); }

Shaper::Shaper(const font::Library& fonts) : fonts_(fonts), buffer_(hb_buffer_create()) {}
Shaper::~Shaper() = default;

hb_font_t* Shaper::font(font::FaceId face) {
  if (cache_.size() <= face) cache_.resize(face + 1);
  if (!cache_[face]) {
    // HarfBuzz's own OpenType functions, over the font file mapped into
    // memory: faster than going through FreeType, and the same metrics.
    // The scale keeps positions in 26.6 font units.
    const font::FaceInfo& info = fonts_.info(face);
    hb_blob_t* blob = hb_blob_create_from_file(info.path.c_str());
    hb_face_t* hb_face = hb_face_create(blob, static_cast<unsigned>(info.index));
    hb_font_t* f = hb_font_create(hb_face);
    hb_face_destroy(hb_face);
    hb_blob_destroy(blob);
    const int scale = static_cast<int>(fonts_.info(face).units_per_em) * 64;
    hb_font_set_scale(f, scale, scale);
    cache_[face].reset(f);
  }
  return cache_[face].get();
}

ShapedParagraph Shaper::shape(const text::Paragraph& p, const Features& features) {
  std::vector<hb_feature_t> feats;
  for (const auto& f : features.settings) {
    hb_feature_t feature;
    if (hb_feature_from_string(f.c_str(), static_cast<int>(f.size()), &feature)) feats.push_back(feature);
  }
  hb_language_t korean = hb_language_from_string("ko", -1);
  ShapedParagraph out;
  out.glyphs.reserve(p.text.size() / 2);
  hb_buffer_t* buf = buffer_.get();
  for (std::uint32_t r = 0; r < p.runs.size(); ++r) {
    const text::Run& run = p.runs[r];
    hb_buffer_clear_contents(buf);
    // The whole paragraph is the context, so shaping sees across run edges.
    hb_buffer_add_utf8(buf, p.text.data(), static_cast<int>(p.text.size()), static_cast<unsigned>(run.begin),
                       static_cast<int>(run.end - run.begin));
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    hb_buffer_set_script(buf, hb_script_from_string(run.script.c_str(), -1));
    hb_buffer_set_language(buf, korean);
    hb_buffer_set_cluster_level(buf, HB_BUFFER_CLUSTER_LEVEL_MONOTONE_CHARACTERS);
    hb_shape(font(run.face), buf, feats.data(), static_cast<unsigned>(feats.size()));

    unsigned count = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, nullptr);
    // The face is sized at one pixel per font unit (font/library.cc), so
    // positions are font units in 26.6 fixed point.
    const double scale = p.styles[run.style].size / (fonts_.info(run.face).units_per_em * 64.0);
    for (unsigned i = 0; i < count; ++i)
      out.glyphs.push_back({info[i].codepoint, info[i].cluster, pos[i].x_advance * scale, pos[i].x_offset * scale,
                            pos[i].y_offset * scale, r});
  }
  return out;
}

}  // namespace jakpum::shape
