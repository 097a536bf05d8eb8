#include "font/library.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_CID_H

#include <fcntl.h>
#include <hb-ot.h>
#include <hb.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <climits>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <tuple>

namespace jakpum::font {

namespace {

// A font file mapped read-only: its pages come from the system's file cache,
// and can be given back and read again at will (release_pages).
struct Mapping {
  void* data = nullptr;
  std::size_t size = 0;
};

void unmap(void* mapping) {
  auto* m = static_cast<Mapping*>(mapping);
  munmap(m->data, m->size);
  delete m;
}

// The file as a blob that unmaps it when HarfBuzz lets it go; nullptr if it
// cannot be read, an empty blob if it is empty.
hb_blob_t* map_file(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return nullptr;
  struct stat st {};
  const bool sized = fstat(fd, &st) == 0 && st.st_size >= 0 && st.st_size <= UINT_MAX;
  void* data = MAP_FAILED;
  if (sized && st.st_size > 0) data = mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  close(fd);
  if (sized && st.st_size == 0) return hb_blob_get_empty();
  if (data == MAP_FAILED) return nullptr;
  auto* m = new Mapping{data, static_cast<std::size_t>(st.st_size)};
  return hb_blob_create(static_cast<const char*>(data), static_cast<unsigned>(m->size), HB_MEMORY_MODE_READONLY, m, unmap);
}

// A table of a face, read through HarfBuzz, and the big-endian fields at the
// offsets the OpenType specification gives them (0 past the table's end).
class Table {
 public:
  Table(hb_face_t* face, const char* tag) : blob_(hb_face_reference_table(face, hb_tag_from_string(tag, 4))) {
    data_ = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob_, &length_));
  }
  ~Table() { hb_blob_destroy(blob_); }
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  bool has(unsigned offset, unsigned size) const { return data_ && offset + size <= length_; }
  unsigned u16(unsigned at) const { return has(at, 2) ? static_cast<unsigned>(data_[at] << 8 | data_[at + 1]) : 0; }
  int i16(unsigned at) const { return static_cast<std::int16_t>(u16(at)); }
  std::int32_t i32(unsigned at) const { return static_cast<std::int32_t>(u16(at) << 16 | u16(at + 2)); }

 private:
  hb_blob_t* blob_;
  const unsigned char* data_ = nullptr;
  unsigned length_ = 0;
};

Diagnostic not_a_font(const std::string& path) {
  return error(path, {}, "not a TrueType or OpenType font file",
               "use a .ttf, .otf or .ttc file, such as fonts/NanumMyeongjo.ttf");
}

// A name from the face's name table (in English where it has several).
std::string name(hb_face_t* face, hb_ot_name_id_t id) {
  char text[256];
  unsigned size = sizeof text;
  if (hb_ot_name_get_utf8(face, id, HB_LANGUAGE_INVALID, &size, text) == 0) return "";
  return std::string(text, size);
}

// The ascender and descender as FreeType gives them (FT_Face's): hhea's,
// else OS/2's typographic ones, else its Windows ones.
std::pair<int, int> sfnt_ascender_descender(const Table& hhea, const Table& os2) {
  int asc = hhea.i16(4), desc = hhea.i16(6);
  if (asc == 0 && desc == 0 && os2.has(0, 78)) {  // FreeType reads no shorter OS/2
    asc = os2.i16(68), desc = os2.i16(70);
    if (asc == 0 && desc == 0) asc = static_cast<int>(os2.u16(74)), desc = -static_cast<int>(os2.u16(76));
  }
  return {asc, desc};
}

}  // namespace

struct Library::Face {
  hb_blob_t* file = nullptr;  // the font file, mapped (map_file)
  hb_face_t* hb = nullptr;
  hb_font_t* cmap = nullptr;  // the HarfBuzz face's, for its cmap: any thread may ask
  FT_Face face = nullptr;     // FreeType's, opened when first asked for (a CFF's CIDs)
  FaceInfo info;
  // A deferred face: what to open, once, when first asked about.
  style::FontSource deferred;
  std::atomic<bool> pending{false};
  std::once_flag opening;
  ~Face() {
    if (face) FT_Done_Face(face);  // before the memory it reads goes
    hb_font_destroy(cmap);
    hb_face_destroy(hb);
    hb_blob_destroy(file);
  }
};

Library::Library() = default;

Library::Library(Borrow faces) : owner_(&faces.owner) {}

Library::~Library() {
  faces_.clear();
  if (ft_) FT_Done_FreeType(ft_);
}

namespace {

// The index of the face of a collection that has the PostScript name, with
// the names of all its faces for the error. The names are read from each
// face's name table by HarfBuzz: opening every face of a CFF collection in
// FreeType would parse every face's CFF (a second for Noto CJK).
Result<int> face_named(const std::string& path, const std::string& postscript_name) {
  hb_blob_t* blob = map_file(path);
  if (!blob) return error(path, {}, "cannot open font file");
  const unsigned faces = hb_face_count(blob);
  if (faces == 0) {
    hb_blob_destroy(blob);
    return not_a_font(path);
  }
  std::string names;
  int index = -1;
  for (unsigned i = 0; i < faces && index < 0; ++i) {
    hb_face_t* face = hb_face_create(blob, i);
    const std::string ps = name(face, HB_OT_NAME_ID_POSTSCRIPT_NAME);
    hb_face_destroy(face);
    if (postscript_name == ps) index = static_cast<int>(i);
    names += (names.empty() ? "" : ", ") + (ps.empty() ? "?" : ps);
  }
  hb_blob_destroy(blob);
  if (index < 0)
    return error(path, {}, "no face named " + postscript_name + " in this font file", "its faces: " + names);
  return index;
}

}  // namespace

const Library::Face& Library::face(FaceId id) const {
  const Face& f = *(owner_ ? owner_->faces_ : faces_)[id];
  if (f.pending.load(std::memory_order_acquire)) {
    // Opened once, by whichever thread asks first; the others wait for it.
    // The face is the library's own (not const): only its opening is lazy.
    Face& opened = const_cast<Face&>(f);
    std::call_once(opened.opening, [&] {
      const style::FontSource& source = opened.deferred;
      Result<int> index =
          source.postscript_name.empty() ? Result<int>(source.index) : face_named(source.path, source.postscript_name);
      if (!index || !open(opened, source.path, *index)) {
        // Unreadable: a face with no characters.
        hb_font_destroy(opened.cmap), hb_face_destroy(opened.hb), hb_blob_destroy(opened.file);
        opened.file = hb_blob_get_empty();
        opened.hb = hb_face_get_empty();
        opened.cmap = hb_font_get_empty();
        opened.face = nullptr;
      }
      opened.pending.store(false, std::memory_order_release);
    });
  }
  return f;
}

bool Library::is_open(FaceId id) const {
  return !(owner_ ? owner_->faces_ : faces_)[id]->pending.load(std::memory_order_acquire);
}

bool Library::deferred(FaceId id) const { return !(owner_ ? owner_->faces_ : faces_)[id]->deferred.empty(); }

std::optional<FaceId> Library::find(const style::FontSource& source) const {
  const auto& faces = owner_ ? owner_->faces_ : faces_;
  const auto& named = owner_ ? owner_->named_ : named_;
  int index = source.index;
  if (!source.postscript_name.empty()) {
    auto known = named.find(source.path + '\0' + source.postscript_name);
    index = known != named.end() ? known->second : -1;
  }
  for (FaceId i = 0; i < faces.size(); ++i) {
    const Face& f = *faces[i];
    const bool as_deferred = f.deferred.path == source.path && f.deferred.index == source.index &&
                             f.deferred.postscript_name == source.postscript_name;
    if (as_deferred ||
        (!f.pending.load(std::memory_order_acquire) && f.info.path == source.path && f.info.index == index))
      return i;
  }
  return std::nullopt;
}

FaceId Library::defer(const style::FontSource& source) {
  if (auto id = find(source)) return *id;
  if (owner_) return no_face;
  auto face = std::make_unique<Face>();
  face->deferred = source;
  face->info.path = source.path;
  face->info.index = source.index;
  face->pending.store(true, std::memory_order_release);
  faces_.push_back(std::move(face));
  return static_cast<FaceId>(faces_.size() - 1);
}

Result<FaceId> Library::load(const style::FontSource& source) {
  const std::string& path = source.path;
  if (owner_) {  // the owner's face, found as the owner found it
    if (auto id = find(source)) return *id;
    return error(path, {}, "internal error: a font its owner had not loaded");
  }
  int index = source.index;
  if (!source.postscript_name.empty()) {
    // Find the named face in the collection, once.
    auto known = named_.find(path + '\0' + source.postscript_name);
    if (known != named_.end()) {
      index = known->second;
    } else {
      auto found = face_named(path, source.postscript_name);
      if (!found) return found.error();
      index = *found;
      named_[path + '\0' + source.postscript_name] = index;
    }
  }
  if (auto id = find(source)) {
    // A deferred face, opened now: that it could not be is an error here.
    if (face(*id).hb == hb_face_get_empty()) return not_a_font(path);
    return *id;
  }
  auto face = std::make_unique<Face>();
  if (Status opened = open(*face, path, index); !opened) return opened.error();
  faces_.push_back(std::move(face));
  return static_cast<FaceId>(faces_.size() - 1);
}

Status Library::open(Face& face, const std::string& path, int index) {
  face.file = map_file(path);
  if (!face.file) return error(path, {}, "cannot open font file");
  if (hb_blob_get_length(face.file) == 0) return error(path, {}, "an empty file, not a font");
  // HarfBuzz reads the face, as it will to shape and subset it; FreeType,
  // which would read a dozen tables to open it (a millisecond for four
  // faces, pages of each file touched for the first time), only for what
  // HarfBuzz does not say: a CFF's CIDs.
  const unsigned count = hb_face_count(face.file);
  if (count == 0) return not_a_font(path);
  if (index < 0 || static_cast<unsigned>(index) >= count)
    return error(path, {}, "no face " + std::to_string(index) + " in this font file");
  face.hb = hb_face_create(face.file, static_cast<unsigned>(index));
  const Table head(face.hb, "head"), hhea(face.hb, "hhea"), os2(face.hb, "OS/2");
  const unsigned upem = head.u16(18);
  if (!head.has(0, 54) || upem < 16 || upem > 16384) return error(path, {}, "not a font file: no usable head table");
  // The PDF writer embeds TrueType (glyf) and CFF outlines from OpenType files.
  auto has_table = [&](const char* tag) { return Table(face.hb, tag).has(0, 1); };
  const bool glyf = has_table("glyf"), cff = !glyf && has_table("CFF ");
  if (!glyf && !cff)
    return error(path, {}, "not an OpenType font with TrueType or CFF outlines",
                 "use a .ttf, .otf or .ttc file, such as fonts/NanumMyeongjo.ttf");
  // What every font has and text is set with (FreeType refuses a face without them).
  for (const char* tag : {"cmap", "hhea", "hmtx", "maxp"})
    if (!has_table(tag)) return error(path, {}, std::string("not a usable font: it has no ") + tag + " table");
  face.cmap = hb_font_create(face.hb);  // scale: font units
  hb_font_make_immutable(face.cmap);
  face.info.path = path;
  face.info.index = index;
  face.info.outlines = glyf ? Outlines::truetype : Outlines::cff;
  face.info.postscript_name = name(face.hb, HB_OT_NAME_ID_POSTSCRIPT_NAME);
  for (char& c : face.info.postscript_name)  // a PDF font's name: printable ASCII
    if (c < '!' || c > '~') c = '_';
  // The family and style names FreeType would give: the WWS names, unless
  // the font says its own are WWS ones (fsSelection bit 8), then the
  // typographic names, then the plain ones.
  const bool has_os2 = os2.has(0, 78);  // FreeType reads no shorter OS/2
  const bool wws = has_os2 && (os2.u16(62) & 0x100);
  auto first_name = [&](std::initializer_list<hb_ot_name_id_t> ids) {
    for (hb_ot_name_id_t id : ids)
      if (std::string n = name(face.hb, id); !n.empty()) return n;
    return std::string();
  };
  constexpr hb_ot_name_id_t wws_family = 21, wws_subfamily = 22;
  face.info.family_name = wws ? first_name({HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, HB_OT_NAME_ID_FONT_FAMILY})
                              : first_name({wws_family, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY, HB_OT_NAME_ID_FONT_FAMILY});
  face.info.style_name =
      wws ? first_name({HB_OT_NAME_ID_TYPOGRAPHIC_SUBFAMILY, HB_OT_NAME_ID_FONT_SUBFAMILY})
          : first_name({wws_subfamily, HB_OT_NAME_ID_TYPOGRAPHIC_SUBFAMILY, HB_OT_NAME_ID_FONT_SUBFAMILY});
  face.info.units_per_em = upem;
  // OS/2 typographic metrics when present, hhea otherwise.
  auto [asc_units, desc_units] = sfnt_ascender_descender(hhea, os2);
  double asc = asc_units, desc = -desc_units;
  if (has_os2 && os2.i16(68) > 0) asc = os2.i16(68), desc = -os2.i16(70);
  face.info.ascender = asc / upem;
  face.info.descender = desc / upem;
  // A strike-through goes where the font says (OS/2), but through the middle
  // of Hangul in a face that has it: fonts place theirs for Latin letters,
  // at half the x-height, low across a syllable.
  face.info.strike_position = (asc - desc) / 2 / upem;
  if (has_os2 && os2.i16(26) > 0) {
    face.info.strike_position = static_cast<double>(os2.i16(28)) / upem;
    face.info.strike_size = std::max(0.04, static_cast<double>(os2.i16(26)) / upem);
  }
  // An underline goes where the font says (post), below Hangul in a face
  // that has it: fonts place theirs for Latin letters, which Hangul's
  // lowest strokes reach down to or past.
  if (const Table post(face.hb, "post"); post.has(0, 12) && post.i16(10) > 0) {
    face.info.underline_size = std::max(0.04, static_cast<double>(post.i16(10)) / upem);
    // The table gives the line's top; kept here is its middle.
    face.info.underline_position = static_cast<double>(post.i16(8)) / upem - face.info.underline_size / 2;
  }
  hb_codepoint_t ga = 0;
  hb_glyph_extents_t extents{};
  if (hb_font_get_nominal_glyph(face.cmap, U'가', &ga) && hb_font_get_glyph_extents(face.cmap, ga, &extents)) {
    face.info.strike_position =
        (static_cast<double>(extents.y_bearing) + static_cast<double>(extents.height) / 2) / upem;
    const double bottom = static_cast<double>(extents.y_bearing + extents.height) / upem;  // below 0 when it descends
    face.info.underline_position = std::min(face.info.underline_position, bottom - 0.06 - face.info.underline_size / 2);
  }
  return ok();
}

bool Library::has_glyph(FaceId id, char32_t c) const {
  hb_codepoint_t glyph = 0;
  if (c >= 0x10000) return hb_font_get_nominal_glyph(face(id).cmap, c, &glyph);
  if (coverage_.size() <= id) coverage_.resize(id + 1);
  std::vector<std::uint8_t>& coverage = coverage_[id];
  if (coverage.empty()) coverage.assign(0x10000 / 4, 0);
  std::uint8_t& cell = coverage[c >> 2];
  const unsigned shift = (c & 3) * 2;
  unsigned known = (cell >> shift) & 3u;
  if (known == 0) {
    known = hb_font_get_nominal_glyph(face(id).cmap, c, &glyph) ? 2 : 1;
    cell = static_cast<std::uint8_t>(cell | known << shift);
  }
  return known == 2;
}

bool Library::composes_jamo(FaceId id) const {
  if (composes_jamo_.size() <= id) composes_jamo_.resize(id + 1, 0);
  std::int8_t& known = composes_jamo_[id];
  if (known == 0) {
    known = 1;
    hb_tag_t tags[64];
    unsigned start = 0, count = 0;
    do {
      count = 64;
      hb_ot_layout_table_get_feature_tags(face(id).hb, HB_OT_TAG_GSUB, start, &count, tags);
      for (unsigned i = 0; i < count; ++i)
        if (tags[i] == HB_TAG('l', 'j', 'm', 'o') || tags[i] == HB_TAG('v', 'j', 'm', 'o')) known = 2;
      start += count;
    } while (count == 64 && known == 1);
  }
  return known == 2;
}

const FaceInfo& Library::info(FaceId id) const { return face(id).info; }
hb_face_t* Library::hb_face(FaceId id) const { return face(id).hb; }

void Library::release_pages(FaceId id) const {
  unsigned size = 0;
  const char* data = hb_blob_get_data(face(id).file, &size);
  // Never written, so dropped rather than lost: a later read maps the page
  // in again from the file cache.
  if (size > 0) madvise(const_cast<char*>(data), size, MADV_DONTNEED);
}

FT_Face Library::ft_face(FaceId id) const {
  if (owner_) return owner_->ft_face(id);
  face(id);  // open, if deferred
  Face& f = *faces_[id];
  if (f.face) return f.face;
  if (!ft_ && FT_Init_FreeType(&ft_) != 0) return ft_ = nullptr, nullptr;
  unsigned size = 0;
  const char* data = hb_blob_get_data(f.file, &size);
  if (FT_New_Memory_Face(ft_, reinterpret_cast<const FT_Byte*>(data), static_cast<FT_Long>(size), f.info.index,
                         &f.face) != 0)
    f.face = nullptr;
  return f.face;
}

ProgramFacts Library::program_facts(FaceId id) const {
  // From the face's tables, as FreeType would give them (for a CFF in an
  // OpenType file too: its bounding box is head's).
  ProgramFacts facts;
  const Face& f = face(id);
  const Table head(f.hb, "head"), hhea(f.hb, "hhea"), os2(f.hb, "OS/2"), post(f.hb, "post");
  facts.x_min = head.i16(36), facts.y_min = head.i16(38), facts.x_max = head.i16(40), facts.y_max = head.i16(42);
  std::tie(facts.ascender, facts.descender) = sfnt_ascender_descender(hhea, os2);
  facts.cap_height = facts.ascender * 7 / 10;
  if (os2.has(0, 96) && os2.u16(0) >= 2 && os2.i16(88) > 0) facts.cap_height = os2.i16(88);
  if (post.has(0, 32)) facts.italic_angle = post.i32(4) / 65536.0;
  // A CFF's CIDs, which FreeType reads.
  FT_Face ft = f.info.outlines == Outlines::cff ? ft_face(id) : nullptr;
  FT_Bool cid_keyed = 0;
  if (ft && FT_Get_CID_Is_Internally_CID_Keyed(ft, &cid_keyed) == 0 && cid_keyed) {
    facts.cid_keyed = true;
    const char *registry = nullptr, *ordering = nullptr;
    FT_Int supplement = 0;
    if (FT_Get_CID_Registry_Ordering_Supplement(ft, &registry, &ordering, &supplement) == 0) {
      facts.registry = registry, facts.ordering = ordering;
      facts.supplement = supplement;
    }
  }
  return facts;
}

std::uint32_t Library::cid(FaceId id, std::uint32_t glyph) const {
  if (face(id).info.outlines != Outlines::cff) return glyph;
  FT_Face ft = ft_face(id);
  FT_Bool cid_keyed = 0;
  FT_UInt cid = 0;
  if (ft && FT_Get_CID_Is_Internally_CID_Keyed(ft, &cid_keyed) == 0 && cid_keyed &&
      FT_Get_CID_From_Glyph_Index(ft, glyph, &cid) == 0)
    return cid;
  return glyph;
}

Result<Chain> chain_for(Library& library, const style::Layout& layout, const std::string& family,
                        style::Weight weight) {
  Chain chain;
  auto load = [&](const std::string& name) -> Result<FaceId> {
    const style::FontFamily* fam = layout.family(name);
    if (!fam) return no_face;  // the layout loader has checked the names
    const style::FontSource& source = fam->source(weight);
    // An optional family's font, as a fallback: left out where it is not
    // installed, and opened only once a character needs it.
    if (fam->optional && name != family) return fam->absent ? no_face : library.defer(source);
    auto id = library.load(source);
    if (!id) {
      style::Origin o = layout.origin("fonts." + name + (&source == &fam->bold ? ".bold" : ".regular"));
      return error(o.path, o.pos, "font file " + source.path + ": " + id.error().message, id.error().hint);
    }
    return *id;
  };
  // Its own, then its family's fallbacks, then the layout's.
  std::vector<std::string> names = {family};
  auto add = [&](const std::vector<std::string>& fallback) {
    for (const auto& f : fallback)
      if (std::find(names.begin(), names.end(), f) == names.end()) names.push_back(f);
  };
  if (const style::FontFamily* fam = layout.family(family)) add(fam->fallback);
  add(layout.text.fallback);
  for (const auto& name : names) {
    auto id = load(name);
    if (!id) return id.error();
    if (*id == no_face || std::find(chain.faces.begin(), chain.faces.end(), *id) != chain.faces.end()) continue;
    chain.faces.push_back(*id);
    chain.families.push_back(name);
  }
  if (const style::FontFamily* fam = layout.family(family); fam && !fam->latin.empty()) {
    auto id = load(fam->latin);
    if (!id) return id.error();
    if (*id == no_face) return chain;
    chain.latin = *id;
    chain.latin_scale = fam->latin_scale;
    chain.families.insert(chain.families.begin() + 1, fam->latin);
  }
  return chain;
}

void read_outlines(hb_face_t* face, const std::vector<char32_t>& chars, const std::atomic<bool>& stop) {
  // A glyph's extents come from its outline: a TrueType glyph's header,
  // found through loca; a CFF glyph's charstring, run.
  hb_font_t* font = hb_font_create(face);
  for (char32_t c : chars) {
    if (stop.load(std::memory_order_relaxed)) break;
    hb_codepoint_t glyph = 0;
    hb_glyph_extents_t extents;
    if (hb_font_get_nominal_glyph(font, c, &glyph)) hb_font_get_glyph_extents(font, glyph, &extents);
  }
  hb_font_destroy(font);
}

FaceId pick(const Library& library, const Chain& chain, char32_t c) {
  for (std::size_t i = 0; i < chain.faces.size(); ++i) {
    if (library.has_glyph(chain.faces[i], c)) return chain.faces[i];
    // The Latin family comes second: a member of the family before the fallbacks.
    if (i == 0 && chain.latin != no_face && library.has_glyph(chain.latin, c)) return chain.latin;
  }
  return no_face;
}

bool sets_whole(const Library& library, FaceId face, std::u32string_view chars, bool jamo) {
  return (!jamo || library.composes_jamo(face)) &&
         std::all_of(chars.begin(), chars.end(), [&](char32_t c) { return library.has_glyph(face, c); });
}

FaceId pick_whole(const Library& library, const Chain& chain, std::u32string_view chars, bool jamo) {
  auto sets = [&](FaceId face) { return sets_whole(library, face, chars, jamo); };
  for (std::size_t i = 0; i < chain.faces.size(); ++i) {
    if (sets(chain.faces[i])) return chain.faces[i];
    if (i == 0 && chain.latin != no_face && sets(chain.latin)) return chain.latin;
  }
  return no_face;
}

}  // namespace jakpum::font
