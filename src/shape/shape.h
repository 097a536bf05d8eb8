// Shaping: HarfBuzz (with its own OpenType functions) turns the runs of a prepared paragraph
// into positioned glyphs. Font units become points here, once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "core/units.h"
#include "font/library.h"
#include "text/paragraph.h"

typedef struct hb_font_t hb_font_t;
typedef struct hb_buffer_t hb_buffer_t;
typedef struct hb_feature_t hb_feature_t;

namespace jakpum::shape {

struct Glyph {
  std::uint32_t id = 0;       // glyph index in the run's face
  std::uint32_t cluster = 0;  // byte offset into the paragraph text of the first character it sets
  Pt advance = 0;
  Pt x_offset = 0, y_offset = 0;  // y up, as in HarfBuzz
  std::uint32_t run = 0;      // index into the paragraph's runs
  char32_t shown = 0;         // a straight quote set as this typographic one (Paragraph::quotes); else 0
};

struct ShapedParagraph {
  std::vector<Glyph> glyphs;  // in logical order
  // By run, the hyphen a line cut inside one of its words ends with (only
  // once the paragraph is hyphenated: Shaper::add_hyphens).
  struct Hyphen {
    std::uint32_t id = 0;
    Pt advance = 0;
  };
  std::vector<Hyphen> hyphens;
};

// OpenType features applied to every run, e.g. "-kern" to turn kerning off.
struct Features {
  std::vector<std::string> settings;
};

// Keeps one hb_font per face, one buffer, and the words it has shaped;
// create one per thread.
//
// Text is shaped a word at a time (runs cut at spaces) and each word's glyphs
// are kept, keyed by face, script, features and text, so a word met again is
// not shaped again (Korean words repeat). That gives what shaping whole runs
// gives whenever no lookup of the font involves the space glyph (no kerning
// against a space, no ligature across one); for a face where one does, and
// for words no space divides, whole runs are shaped as they are.
class Shaper {
 public:
  explicit Shaper(const font::Library& fonts);
  ~Shaper();
  Shaper(const Shaper&) = delete;
  Shaper& operator=(const Shaper&) = delete;

  ShapedParagraph shape(const text::Paragraph& paragraph, const Features& features = {});
  // The hyphen of each run that holds a hyphenation point (Break::hyphen):
  // its face's hyphen-minus, as the text's own hyphens are set (else U+2010).
  void add_hyphens(const text::Paragraph& paragraph, ShapedParagraph& shaped);

 private:
  struct Face;
  Face& face(font::FaceId id);
  // Glyphs of text[begin, end), clusters counted from `begin`.
  struct Shaped {
    std::uint32_t id, cluster;
    std::int32_t advance, x_offset, y_offset;  // 26.6 font units
  };
  void shape_segment(const std::string& text, std::size_t begin, std::size_t end, bool context, Face& face,
                     const std::string& script, const std::vector<hb_feature_t>& features, bool half_brackets,
                     std::vector<Shaped>& out);

  struct BufferDeleter {
    void operator()(hb_buffer_t* b) const;
  };
  const font::Library& fonts_;
  std::vector<std::unique_ptr<Face>> faces_;
  std::unique_ptr<hb_buffer_t, BufferDeleter> buffer_;
  std::size_t cached_glyphs_ = 0;
};

}  // namespace jakpum::shape
