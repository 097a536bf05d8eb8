#include "font/library.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H
#include FT_CID_H

#include <fcntl.h>
#include <hb-ot.h>
#include <hb.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cassert>
#include <climits>
#include <optional>

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

}  // namespace

struct Library::Face {
  hb_blob_t* file = nullptr;  // the font file, mapped (map_file)
  hb_face_t* hb = nullptr;
  hb_font_t* cmap = nullptr;  // the HarfBuzz face's, for its cmap: any thread may ask
  FT_Face face = nullptr;
  FaceInfo info;
  ~Face() {
    if (face) FT_Done_Face(face);  // before the memory it reads goes
    hb_font_destroy(cmap);
    hb_face_destroy(hb);
    hb_blob_destroy(file);
  }
};

Library::Library() {
  FT_Error e = FT_Init_FreeType(&ft_);
  assert(e == 0 && "FreeType failed to initialise");
  (void)e;
}

Library::Library(Borrow faces) : owner_(&faces.owner) {}

Library::~Library() {
  faces_.clear();
  if (ft_) FT_Done_FreeType(ft_);
}

Result<FaceId> Library::load(const style::FontSource& source) {
  const std::string& path = source.path;
  int index = source.index;
  auto loaded = [&]() -> std::optional<FaceId> {
    for (FaceId i = 0; i < size(); ++i)
      if (face(i).info.path == path && face(i).info.index == index) return i;
    return std::nullopt;
  };
  if (owner_) {  // the owner's face, found as the owner found it
    std::optional<FaceId> id;
    if (source.postscript_name.empty()) {
      id = loaded();
    } else if (auto named = owner_->named_.find(path + '\0' + source.postscript_name); named != owner_->named_.end()) {
      index = named->second;
      id = loaded();
    }
    if (!id) return error(path, {}, "internal error: a font its owner had not loaded");
    return *id;
  }
  if (!source.postscript_name.empty()) {
    // Find the named face in the collection, once. The names are read from
    // each face's name table by HarfBuzz: opening every face of a CFF
    // collection in FreeType would parse every face's CFF (a second for Noto CJK).
    auto known = named_.find(path + '\0' + source.postscript_name);
    if (known != named_.end()) {
      index = known->second;
    } else {
      FT_Face probe = nullptr;
      if (FT_Error e = FT_New_Face(ft_, path.c_str(), -1, &probe); e != 0)
        return error(path, {}, e == FT_Err_Unknown_File_Format ? "not a font file FreeType can read" : "cannot open font file");
      FT_Done_Face(probe);
      hb_blob_t* blob = hb_blob_create_from_file(path.c_str());
      const unsigned faces = hb_face_count(blob);
      std::string names;
      index = -1;
      for (unsigned i = 0; i < faces && index < 0; ++i) {
        hb_face_t* face = hb_face_create(blob, i);
        char ps[128] = "?";
        unsigned size = sizeof ps;
        hb_ot_name_get_utf8(face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size, ps);
        hb_face_destroy(face);
        if (source.postscript_name == ps) index = static_cast<int>(i);
        names += (names.empty() ? "" : ", ") + std::string(ps);
      }
      hb_blob_destroy(blob);
      if (index < 0) return error(path, {}, "no face named " + source.postscript_name + " in this font file", "its faces: " + names);
      named_[path + '\0' + source.postscript_name] = index;
    }
  }
  if (auto id = loaded()) return *id;
  auto face = std::make_unique<Face>();
  face->file = map_file(path);
  if (!face->file) return error(path, {}, "cannot open font file");
  unsigned size = 0;
  const char* data = hb_blob_get_data(face->file, &size);
  if (size == 0) return error(path, {}, "an empty file, not a font");
  if (FT_Error e = FT_New_Memory_Face(ft_, reinterpret_cast<const FT_Byte*>(data), static_cast<FT_Long>(size), index,
                                      &face->face);
      e != 0) {
    face->face = nullptr;
    if (e == FT_Err_Invalid_Argument) return error(path, {}, "no face " + std::to_string(index) + " in this font file");
    // The file was read; FreeType found no face it knows in it (from memory,
    // a file too short for its own tables is a stream error, not a format one).
    return error(path, {}, "not a font file FreeType can read");
  }
  FT_Face f = face->face;
  // The PDF writer embeds TrueType (glyf) and CFF outlines from OpenType files.
  FT_ULong length = 0;
  bool glyf = FT_IS_SFNT(f) && FT_Load_Sfnt_Table(f, TTAG_glyf, 0, nullptr, &length) == 0;
  bool cff = FT_IS_SFNT(f) && FT_Load_Sfnt_Table(f, TTAG_CFF, 0, nullptr, &length) == 0;
  if (!glyf && !cff)
    return error(path, {}, "not an OpenType font with TrueType or CFF outlines",
                 "use a .ttf, .otf or .ttc file, such as fonts/NanumMyeongjo.ttf");
  if (!FT_IS_SCALABLE(f)) return error(path, {}, "not a scalable font");
  // Shaping works at one pixel per font unit, so HarfBuzz positions come back
  // in font units (× 64); see shape.cc.
  if (FT_Set_Char_Size(f, 0, static_cast<FT_F26Dot6>(f->units_per_EM) * 64, 72, 72) != 0)
    return error(path, {}, "cannot size font");
  face->hb = hb_face_create(face->file, static_cast<unsigned>(index));
  face->cmap = hb_font_create(face->hb);
  hb_font_make_immutable(face->cmap);
  face->info.path = path;
  face->info.index = index;
  face->info.outlines = glyf ? Outlines::truetype : Outlines::cff;
  const char* ps = FT_Get_Postscript_Name(f);
  face->info.postscript_name = ps ? ps : "";
  face->info.family_name = f->family_name ? f->family_name : "";
  face->info.style_name = f->style_name ? f->style_name : "";
  face->info.units_per_em = f->units_per_EM;
  // OS/2 typographic metrics when present, hhea otherwise.
  double asc = f->ascender, desc = -f->descender;
  if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2)); os2 && os2->version != 0xFFFF) {
    if (os2->sTypoAscender > 0) asc = os2->sTypoAscender, desc = -os2->sTypoDescender;
  }
  face->info.ascender = asc / f->units_per_EM;
  face->info.descender = desc / f->units_per_EM;
  // A strike-through goes where the font says (OS/2), but through the middle
  // of Hangul in a face that has it: fonts place theirs for Latin letters,
  // at half the x-height, low across a syllable.
  face->info.strike_position = (asc - desc) / 2 / f->units_per_EM;
  if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2)); os2 && os2->version != 0xFFFF) {
    if (os2->yStrikeoutSize > 0) {
      face->info.strike_position = static_cast<double>(os2->yStrikeoutPosition) / f->units_per_EM;
      face->info.strike_size = std::max(0.04, static_cast<double>(os2->yStrikeoutSize) / f->units_per_EM);
    }
  }
  if (FT_UInt ga = FT_Get_Char_Index(f, U'가'); ga != 0 && FT_Load_Glyph(f, ga, FT_LOAD_NO_SCALE) == 0) {
    const FT_Glyph_Metrics& m = f->glyph->metrics;
    face->info.strike_position = (static_cast<double>(m.horiBearingY) - static_cast<double>(m.height) / 2) / f->units_per_EM;
  }
  faces_.push_back(std::move(face));
  return static_cast<FaceId>(faces_.size() - 1);
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
const FaceInfo& Library::info(FaceId id) const { return face(id).info; }
FT_Face Library::ft_face(FaceId id) const { return face(id).face; }
hb_face_t* Library::hb_face(FaceId id) const { return face(id).hb; }

void Library::release_pages(FaceId id) const {
  unsigned size = 0;
  const char* data = hb_blob_get_data(face(id).file, &size);
  // Never written, so dropped rather than lost: a later read maps the page
  // in again from the file cache.
  if (size > 0) madvise(const_cast<char*>(data), size, MADV_DONTNEED);
}

ProgramFacts Library::program_facts(FaceId id) const {
  FT_Face f = face(id).face;
  ProgramFacts facts;
  facts.x_min = static_cast<int>(f->bbox.xMin), facts.y_min = static_cast<int>(f->bbox.yMin);
  facts.x_max = static_cast<int>(f->bbox.xMax), facts.y_max = static_cast<int>(f->bbox.yMax);
  facts.ascender = f->ascender, facts.descender = f->descender;
  facts.cap_height = f->ascender * 7 / 10;
  if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2)); os2 && os2->version >= 2 && os2->sCapHeight > 0)
    facts.cap_height = os2->sCapHeight;
  if (auto* post = static_cast<TT_Postscript*>(FT_Get_Sfnt_Table(f, FT_SFNT_POST)))
    facts.italic_angle = post->italicAngle / 65536.0;
  FT_Bool cid_keyed = 0;
  if (FT_Get_CID_Is_Internally_CID_Keyed(f, &cid_keyed) == 0 && cid_keyed) {
    facts.cid_keyed = true;
    const char *registry = nullptr, *ordering = nullptr;
    FT_Int supplement = 0;
    if (FT_Get_CID_Registry_Ordering_Supplement(f, &registry, &ordering, &supplement) == 0) {
      facts.registry = registry, facts.ordering = ordering;
      facts.supplement = supplement;
    }
  }
  return facts;
}

std::uint32_t Library::cid(FaceId id, std::uint32_t glyph) const {
  FT_Bool cid_keyed = 0;
  FT_UInt cid = 0;
  if (FT_Get_CID_Is_Internally_CID_Keyed(face(id).face, &cid_keyed) == 0 && cid_keyed &&
      FT_Get_CID_From_Glyph_Index(face(id).face, glyph, &cid) == 0)
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
    auto id = library.load(source);
    if (!id) {
      style::Origin o = layout.origin("fonts." + name + (&source == &fam->bold ? ".bold" : ".regular"));
      return error(o.path, o.pos, "font file " + source.path + ": " + id.error().message, id.error().hint);
    }
    return *id;
  };
  std::vector<std::string> names = {family};
  for (const auto& f : layout.text.fallback)
    if (f != family) names.push_back(f);
  for (const auto& name : names) {
    auto id = load(name);
    if (!id) return id.error();
    if (*id == no_face) continue;
    chain.faces.push_back(*id);
    chain.families.push_back(name);
  }
  if (const style::FontFamily* fam = layout.family(family); fam && !fam->latin.empty()) {
    auto id = load(fam->latin);
    if (!id) return id.error();
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

}  // namespace jakpum::font
