// Font faces through FreeType: loading, coverage, metrics, and the fallback
// chain a style's text is set from.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/units.h"
#include "style/layout.h"

typedef struct FT_LibraryRec_* FT_Library;
typedef struct FT_FaceRec_* FT_Face;
typedef struct hb_face_t hb_face_t;
typedef struct hb_font_t hb_font_t;

namespace jakpum::font {

using FaceId = std::uint32_t;
constexpr FaceId no_face = UINT32_MAX;

enum class Outlines { truetype, cff };

struct FaceInfo {
  std::string path;
  int index = 0;  // face in a collection
  std::string postscript_name;
  std::string family_name, style_name;  // as the font names itself: "NanumMyeongjo", "Bold"
  Outlines outlines = Outlines::truetype;
  double units_per_em = 1000;
  double ascender = 0.8, descender = 0.2;  // in em, both positive
  // A line through the text: its middle's height above the baseline and its
  // thickness, in em.
  double strike_position = 0.3, strike_size = 0.05;
  // A line under the text, the same (its middle below the baseline, negative).
  double underline_position = -0.12, underline_size = 0.05;
};

// What a PDF font descriptor needs to know of a face (PDF 1.7 §9.8), in
// font units, and how its glyphs are named.
struct ProgramFacts {
  int x_min = 0, y_min = 0, x_max = 0, y_max = 0;  // font bounding box
  int ascender = 0, descender = 0, cap_height = 0;
  double italic_angle = 0;
  bool cid_keyed = false;  // a CFF with CIDs (its glyphs are found by CID, not by index)
  std::string registry = "Adobe", ordering = "Identity";
  int supplement = 0;
};

// Owns every face loaded, each font file mapped into memory once: HarfBuzz
// reads it, and FreeType too where asked (a CFF's CIDs). A further thread
// setting text borrows the faces (Borrow).
class Library {
 public:
  Library();
  // The faces `owner` has loaded, read through HarfBuzz (which any thread
  // may), with caches of this library's own: for a further thread, beside
  // the owner's. It loads no face: load() finds the owner's. The owner must
  // outlive it, and load no face while it is in use.
  struct Borrow {
    const Library& owner;
  };
  explicit Library(Borrow faces);
  ~Library();
  Library(const Library&) = delete;
  Library& operator=(const Library&) = delete;

  // Loads a face of a TrueType or OpenType (CFF) file once; later calls for
  // the same face return the same id.
  Result<FaceId> load(const style::FontSource& source);
  Result<FaceId> load(const std::string& path) { return load(style::FontSource{path, 0, ""}); }
  // Registers a face to be opened when first asked about (by any thread):
  // an optional family's, which most documents never need and which costs a
  // millisecond to open (a CFF collection's names, its first Hangul glyph).
  // One that cannot be read then has no characters. A later load() of the
  // same face opens it. A borrowing library finds its owner's (no_face if
  // the owner has none).
  FaceId defer(const style::FontSource& source);
  // Whether a face is open: loaded, or deferred and since asked about.
  bool is_open(FaceId face) const;
  // Whether a face was deferred (an optional family's), opened or not.
  bool deferred(FaceId face) const;

  // Whether the face's cmap maps the character to a glyph.
  bool has_glyph(FaceId face, char32_t c) const;
  // Whether the face's GSUB composes a syllable written in conjoining jamo
  // into one glyph (the features ljmo, vjmo and tjmo, which HarfBuzz's
  // Hangul shaper applies): old Hangul (ᄒᆞᆫ) has no precomposed character,
  // and a face without them sets its letters side by side.
  bool composes_jamo(FaceId face) const;
  const FaceInfo& info(FaceId face) const;
  // FreeType's face, opened when first asked for (nullptr if FreeType cannot
  // read it); by the owner's thread only.
  FT_Face ft_face(FaceId face) const;
  // The same face as HarfBuzz reads it, for shaping and subsetting; unlike
  // the FreeType face, any thread may use it.
  hb_face_t* hb_face(FaceId face) const;
  // Gives the pages of the face's file that reading it has mapped back to
  // the system; reading it again maps them anew. For a font whose subset is
  // made: a Hangul font's glyphs fill megabytes of pages, which otherwise
  // stay in the program's memory to its end.
  void release_pages(FaceId face) const;
  ProgramFacts program_facts(FaceId face) const;
  // The CID of a glyph of a CID-keyed CFF face; the glyph index otherwise.
  std::uint32_t cid(FaceId face, std::uint32_t glyph) const;
  std::size_t size() const { return owner_ ? owner_->size() : faces_.size(); }

 private:
  struct Face;
  const Face& face(FaceId id) const;
  // The face of `source` already loaded or deferred, if any.
  std::optional<FaceId> find(const style::FontSource& source) const;
  // Opens the face at `index` of the file into `face`.
  static Status open(Face& face, const std::string& path, int index);
  const Library* owner_ = nullptr;   // whose faces these are, when borrowed
  mutable FT_Library ft_ = nullptr;  // started when a FreeType face is first asked for
  std::vector<std::unique_ptr<Face>> faces_;
  std::map<std::string, int> named_;  // "path\0PostScript name" → face index
  // Whether each face has each character of the Basic Multilingual Plane,
  // as looked up so far, in two bits a character (0 not yet, 1 no, 2 yes):
  // text asks for every character of a paragraph, and a cmap lookup is a
  // search. 16 KB a face, where a byte a character would be 16 fresh pages.
  mutable std::vector<std::vector<std::uint8_t>> coverage_;
  mutable std::vector<std::int8_t> composes_jamo_;  // per face: 0 not yet looked, 1 no, 2 yes
};

// The faces a style's text is tried in: its own family, then the layout's
// fallback families, each in the style's weight (or regular if the family has
// no such weight); and the face of its family's Latin family, if it has one,
// tried first for Latin, Greek and Cyrillic.
struct Chain {
  std::vector<FaceId> faces;
  std::vector<std::string> families;  // names in the order tried, the Latin family's among them, for messages
  FaceId latin = no_face;
  double latin_scale = 1;  // the Latin face's size, as a fraction of the style's
};

// Reads the outlines of the glyphs the characters map to in a face (their
// nominal glyphs), so that the pages of its file holding them are mapped
// before a subset is made of them: the first read of a page faults, and a
// Hangul font's glyphs lie over megabytes. Stops once `stop` is true. Any
// thread may, beside others using the face.
void read_outlines(hb_face_t* face, const std::vector<char32_t>& chars, const std::atomic<bool>& stop);

Result<Chain> chain_for(Library& library, const style::Layout& layout, const std::string& family,
                        style::Weight weight);

// The first face of the chain that has `c` (the Latin face tried second), or no_face.
FaceId pick(const Library& library, const Chain& chain, char32_t c);
// Whether a face has every one of `chars` (a grapheme cluster: one face
// sets it whole) and, where `jamo`, composes conjoining jamo.
bool sets_whole(const Library& library, FaceId face, std::u32string_view chars, bool jamo);
// The first face of the chain that sets_whole `chars`, or no_face.
FaceId pick_whole(const Library& library, const Chain& chain, std::u32string_view chars, bool jamo);

}  // namespace jakpum::font
