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

namespace jakpum::shape {

struct Glyph {
  std::uint32_t id = 0;       // glyph index in the run's face
  std::uint32_t cluster = 0;  // byte offset into the paragraph text of the first character it sets
  Pt advance = 0;
  Pt x_offset = 0, y_offset = 0;  // y up, as in HarfBuzz
  std::uint32_t run = 0;      // index into the paragraph's runs
};

struct ShapedParagraph {
  std::vector<Glyph> glyphs;  // in logical order
};

// OpenType features applied to every run, e.g. "-kern" to turn kerning off.
struct Features {
  std::vector<std::string> settings;
};

// Keeps one hb_font per face and one buffer; create one per thread.
class Shaper {
 public:
  explicit Shaper(const font::Library& fonts);
  ~Shaper();
  Shaper(const Shaper&) = delete;
  Shaper& operator=(const Shaper&) = delete;

  ShapedParagraph shape(const text::Paragraph& paragraph, const Features& features = {});

 private:
  hb_font_t* font(font::FaceId face);

  struct FontDeleter {
    void operator()(hb_font_t* f) const;
  };
  struct BufferDeleter {
    void operator()(hb_buffer_t* b) const;
  };
  const font::Library& fonts_;
  std::vector<std::unique_ptr<hb_font_t, FontDeleter>> cache_;
  std::unique_ptr<hb_buffer_t, BufferDeleter> buffer_;
};

}  // namespace jakpum::shape
