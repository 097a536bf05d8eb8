#include "font/library.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_TRUETYPE_TABLES_H
#include FT_TRUETYPE_TAGS_H

#include <cassert>

namespace jakpum::font {

struct Library::Face {
  FT_Face face = nullptr;
  FaceInfo info;
  ~Face() {
    if (face) FT_Done_Face(face);
  }
};

Library::Library() {
  FT_Error e = FT_Init_FreeType(&ft_);
  assert(e == 0 && "FreeType failed to initialise");
  (void)e;
}

Library::~Library() {
  faces_.clear();
  if (ft_) FT_Done_FreeType(ft_);
}

Result<FaceId> Library::load(const std::string& path) {
  for (FaceId i = 0; i < faces_.size(); ++i)
    if (faces_[i]->info.path == path) return i;
  auto face = std::make_unique<Face>();
  if (FT_Error e = FT_New_Face(ft_, path.c_str(), 0, &face->face); e != 0) {
    face->face = nullptr;
    return error(path, {}, e == FT_Err_Unknown_File_Format ? "not a font file FreeType can read"
                                                           : "cannot open font file (FreeType error " + std::to_string(e) + ")");
  }
  FT_Face f = face->face;
  // libharu embeds TrueType outlines only (FACTS: no CFF/.otf).
  FT_ULong length = 0;
  if (!FT_IS_SFNT(f) || FT_Load_Sfnt_Table(f, TTAG_glyf, 0, nullptr, &length) != 0)
    return error(path, {}, "not a TrueType font (glyf outlines); the PDF writer embeds TrueType only",
                 "use a .ttf file, such as fonts/NanumMyeongjo.ttf");
  if (!FT_IS_SCALABLE(f)) return error(path, {}, "not a scalable font");
  // Shaping works at one pixel per font unit, so HarfBuzz positions come back
  // in font units (× 64); see shape.cc.
  if (FT_Set_Char_Size(f, 0, static_cast<FT_F26Dot6>(f->units_per_EM) * 64, 72, 72) != 0)
    return error(path, {}, "cannot size font");
  face->info.path = path;
  const char* ps = FT_Get_Postscript_Name(f);
  face->info.postscript_name = ps ? ps : "";
  face->info.units_per_em = f->units_per_EM;
  // OS/2 typographic metrics when present, hhea otherwise.
  double asc = f->ascender, desc = -f->descender;
  if (auto* os2 = static_cast<TT_OS2*>(FT_Get_Sfnt_Table(f, FT_SFNT_OS2)); os2 && os2->version != 0xFFFF) {
    if (os2->sTypoAscender > 0) asc = os2->sTypoAscender, desc = -os2->sTypoDescender;
  }
  face->info.ascender = asc / f->units_per_EM;
  face->info.descender = desc / f->units_per_EM;
  faces_.push_back(std::move(face));
  return static_cast<FaceId>(faces_.size() - 1);
}

bool Library::has_glyph(FaceId face, char32_t c) const { return FT_Get_Char_Index(faces_[face]->face, c) != 0; }
const FaceInfo& Library::info(FaceId face) const { return faces_[face]->info; }
FT_Face Library::ft_face(FaceId face) const { return faces_[face]->face; }

Result<Chain> chain_for(Library& library, const style::Layout& layout, const std::string& family,
                        style::Weight weight) {
  Chain chain;
  std::vector<std::string> names = {family};
  for (const auto& f : layout.text.fallback)
    if (f != family) names.push_back(f);
  for (const auto& name : names) {
    const style::FontFamily* fam = layout.family(name);
    if (!fam) continue;  // the layout loader has checked the names
    auto id = library.load(fam->file(weight));
    if (!id) {
      style::Origin o = layout.origin("fonts." + name + (weight == style::Weight::bold && !fam->bold.empty() ? ".bold" : ".regular"));
      return error(o.path, o.pos, id.error().message + ": " + fam->file(weight), id.error().hint);
    }
    chain.faces.push_back(*id);
    chain.families.push_back(name);
  }
  return chain;
}

FaceId pick(const Library& library, const Chain& chain, char32_t c) {
  for (FaceId f : chain.faces)
    if (library.has_glyph(f, c)) return f;
  return no_face;
}

}  // namespace jakpum::font
