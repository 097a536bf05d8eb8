#include "render/pdf/fonts.h"

#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>

#include "core/parallel.h"
#include "core/utf8.h"

namespace jakpum::render {

// What is written for one font, beyond its glyph table.
namespace {

template <class T, void (*destroy)(T*)>
struct HbDeleter {
  void operator()(T* p) const { destroy(p); }
};
using Blob = std::unique_ptr<hb_blob_t, HbDeleter<hb_blob_t, hb_blob_destroy>>;
using Face = std::unique_ptr<hb_face_t, HbDeleter<hb_face_t, hb_face_destroy>>;
using HbFont = std::unique_ptr<hb_font_t, HbDeleter<hb_font_t, hb_font_destroy>>;
using Input = std::unique_ptr<hb_subset_input_t, HbDeleter<hb_subset_input_t, hb_subset_input_destroy>>;
using Plan = std::unique_ptr<hb_subset_plan_t, HbDeleter<hb_subset_plan_t, hb_subset_plan_destroy>>;

}  // namespace

struct FontSet::Program {
  std::string file_path;
  Face face;  // until subset
  const font::Library* library = nullptr;  // the face's, when it outlives the subset
  font::FaceId face_id = 0;
  font::Outlines outlines = font::Outlines::truetype;
  font::ProgramFacts facts;
  double units_per_em = 1000;
  haru::Flate file;              // FontFile2 (a TrueType file) or FontFile3 (a bare CFF)
  std::size_t file_length = 0;   // before compression (Length1)
  haru::Flate cid_set;           // PDF/A-1 wants it for subsets
  haru::Flate cid_to_gid;        // TrueType: subset glyph id by code
  haru::Flate to_unicode;
};

namespace {

std::string to_unicode_cmap(const EmbeddedFont& font) {
  std::vector<std::pair<std::uint16_t, const std::string*>> entries;
  for (const auto& [gid, g] : font.glyphs)
    if (!g.text.empty()) entries.emplace_back(g.code, &g.text);
  std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string out =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (std::size_t i = 0; i < entries.size(); i += 100) {  // at most 100 a block
    std::size_t n = std::min<std::size_t>(100, entries.size() - i);
    out += std::to_string(n) + " beginbfchar\n";
    for (std::size_t j = i; j < i + n; ++j) {
      char code[8];
      std::snprintf(code, sizeof code, "%04X", entries[j].first);
      out += '<';
      out += code;
      out += "> <";
      append_utf16_hex(out, *entries[j].second);
      out += ">\n";
    }
    out += "endbfchar\n";
  }
  out += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return out;
}

double in_thousandths(double units, double units_per_em) {
  return std::round(units * 1000.0 / units_per_em * 1000.0) / 1000.0;
}

}  // namespace

std::string subset_tag(const std::string& name, const std::vector<std::uint32_t>& glyphs) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a
  auto mix = [&](std::uint64_t v) {
    h ^= v;
    h *= 1099511628211ull;
  };
  for (char c : name) mix(static_cast<unsigned char>(c));
  for (auto g : glyphs) mix(g);
  std::string tag;
  for (int i = 0; i < 6; ++i, h /= 26) tag += static_cast<char>('A' + h % 26);
  return tag;
}

Result<FontSet> FontSet::measure(const page::PageModel& model, unsigned threads, const font::Library* faces) {
  FontSet set;
  set.fonts_.resize(model.fonts.size());
  set.programs_.resize(model.fonts.size());
  // Each glyph's characters are the first it sets anywhere. Slices of the
  // pages are read side by side (a long book's glyphs are millions), each
  // noting for every glyph where it is first met and where first with
  // characters; the notes, replayed in page order, give what reading the
  // pages in order gives, whatever the threads.
  enum : std::uint8_t { unseen, no_text, has_text };
  struct Note {
    std::uint32_t font, id;
    std::string_view text;
  };
  constexpr std::size_t pages_per_slice = 64;
  const std::size_t slices =
      std::min<std::size_t>(std::max(1u, threads), model.pages.size() / pages_per_slice + 1);
  std::vector<std::vector<Note>> notes(slices);
  std::vector<char> no_font(slices, 0);
  parallel_for(slices, threads, [&](std::size_t k) {
    std::vector<std::vector<std::uint8_t>> state(model.fonts.size());
    const std::size_t begin = model.pages.size() * k / slices, end = model.pages.size() * (k + 1) / slices;
    for (std::size_t p = begin; p < end; ++p)
      for (const auto& run : model.pages[p].runs) {
        if (run.font >= model.fonts.size()) {
          no_font[k] = 1;
          return;
        }
        auto& seen = state[run.font];
        for (const auto& g : run.glyphs) {
          if (g.id >= seen.size()) seen.resize(std::max<std::size_t>(g.id + 1, seen.size() * 2), unseen);
          if (seen[g.id] == has_text) continue;
          const std::string_view text = run.text_of(g);
          if (text.empty() && seen[g.id] == no_text) continue;
          seen[g.id] = text.empty() ? no_text : has_text;
          notes[k].push_back({run.font, g.id, text});
        }
      }
  });
  for (char bad : no_font)
    if (bad) return error("", {}, "cannot write the PDF: a run names no font");
  std::vector<std::vector<std::uint8_t>> seen(model.fonts.size());
  for (const auto& slice : notes)
    for (const Note& n : slice) {
      auto& state = seen[n.font];
      if (n.id >= state.size()) state.resize(std::max<std::size_t>(n.id + 1, state.size() * 2), unseen);
      if (state[n.id] == has_text) continue;
      set.fonts_[n.font].glyphs[n.id].text = n.text;
      state[n.id] = n.text.empty() ? no_text : has_text;
    }

  // Font by font: with the faces already open this is quicker than starting
  // a thread. Without them, each font is opened on a thread of its own.
  std::vector<std::optional<Diagnostic>> failures(model.fonts.size());
  parallel_for(model.fonts.size(), faces ? 1 : threads, [&](std::size_t i) {
    if (Status s = set.measure_font(model.fonts[i], i, faces); !s) failures[i] = s.error();
  });
  for (const auto& f : failures)
    if (f) return *f;
  // Named in the order of the model's fonts that set something (one that
  // sets nothing has no name to take).
  for (std::uint32_t i = 0; i < model.fonts.size(); ++i)
    if (set.programs_[i]) {
      set.fonts_[i].resource = "F" + std::to_string(set.used_.size());
      set.used_.push_back(i);
    }
  // The fonts with the most glyphs take longest to subset: they go first.
  std::stable_sort(set.used_.begin(), set.used_.end(), [&](std::uint32_t a, std::uint32_t b) {
    return set.fonts_[a].glyphs.size() > set.fonts_[b].glyphs.size();
  });
  return set;
}

Status FontSet::measure_font(const page::FontFile& file, std::size_t i, const font::Library* faces) {
  EmbeddedFont& font = fonts_[i];
  if (font.glyphs.empty()) return ok();
  // The run's own face, else the file opened here.
  std::optional<font::Library> opened;
  font::FaceId face_id = static_cast<font::FaceId>(i);
  if (!faces || i >= faces->size() || faces->info(face_id).path != file.path || faces->info(face_id).index != file.index) {
    auto loaded = opened.emplace().load(style::FontSource{file.path, file.index, ""});
    if (!loaded) return error(file.path, {}, "cannot embed font: " + loaded.error().message);
    faces = &*opened;
    face_id = *loaded;
  }
  const font::Library& library = *faces;
  auto program = std::make_shared<Program>();
  const font::FaceInfo& info = library.info(face_id);
  program->file_path = file.path;
  program->outlines = info.outlines;
  program->facts = library.program_facts(face_id);
  program->units_per_em = info.units_per_em;
  program->face.reset(hb_face_reference(library.hb_face(face_id)));
  if (!opened) program->library = faces, program->face_id = face_id;
  HbFont metrics(hb_font_create(program->face.get()));  // scale: font units

  // Codes and widths: all a page's content needs, long before the subset.
  const bool cff = info.outlines == font::Outlines::cff;
  std::vector<std::uint32_t> ids;
  for (auto& [gid, g] : font.glyphs) {
    std::uint32_t code = cff ? library.cid(face_id, gid) : gid;
    if (code > 0xFFFF)
      return error(file.path, {}, "cannot embed font: glyph " + std::to_string(gid) + " has no two-byte code");
    g.code = static_cast<std::uint16_t>(code);
    g.width = in_thousandths(hb_font_get_glyph_h_advance(metrics.get(), gid), info.units_per_em);
    ids.push_back(gid);
  }
  font.by_id.assign(font.glyphs.rbegin()->first + 1, nullptr);
  for (const auto& [gid, g] : font.glyphs) font.by_id[gid] = &g;
  font.base_font = subset_tag(file.name, ids) + "+" + file.name;
  programs_[i] = std::move(program);
  return ok();
}

Status FontSet::subset(std::size_t k) {
  const EmbeddedFont& font = fonts_[used_[k]];
  Program& program = *programs_[used_[k]];
  const std::string& path = program.file_path;
  HbFont metrics(hb_font_create(program.face.get()));

  Input input(hb_subset_input_create_or_fail());
  if (!input) return error(path, {}, "cannot embed font: out of memory");
  // The subsetter is given characters where it can be: with any glyph asked
  // for by id it reads the whole cmap, a few milliseconds for a Hangul font.
  // A glyph that is not one character's own (a ligature, a form chosen by
  // GSUB) can only be asked for by id. The subset always keeps .notdef.
  hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
  hb_set_t* glyph_set = hb_subset_input_glyph_set(input.get());
  bool by_id = false;
  for (const auto& [gid, g] : font.glyphs) {
    std::u32string text = code_points(g.text);
    hb_codepoint_t nominal = 0;
    if (text.size() == 1 && hb_font_get_nominal_glyph(metrics.get(), text[0], &nominal) && nominal == gid)
      hb_set_add(unicodes, text[0]);
    else
      by_id = true;
  }
  if (by_id) {
    hb_set_clear(unicodes);
    for (const auto& [gid, g] : font.glyphs) hb_set_add(glyph_set, gid);
  }
  // A name-keyed CFF has no CIDs to keep, so its subset keeps the glyph ids.
  // Hinting is dropped: no print or PDF rasteriser runs TrueType instructions.
  const bool cff = program.outlines == font::Outlines::cff;
  unsigned flags = HB_SUBSET_FLAGS_NO_HINTING;
  if (cff && !program.facts.cid_keyed) flags |= HB_SUBSET_FLAGS_RETAIN_GIDS;
  hb_subset_input_set_flags(input.get(), flags);
  // Layout tables are of no use to a PDF reader.
  hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  for (const char* tag : {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "morx", "vhea", "vmtx", "VORG", "DSIG"})
    hb_set_add(drop, hb_tag_from_string(tag, 4));

  Plan plan(hb_subset_plan_create_or_fail(program.face.get(), input.get()));
  if (!plan) return error(path, {}, "cannot embed font: HarfBuzz could not plan a subset");
  const hb_map_t* old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan.get());
  Face subset(hb_subset_plan_execute_or_fail(plan.get()));
  if (!subset) return error(path, {}, "cannot embed font: HarfBuzz could not subset it");
  {
    Blob bytes(cff ? hb_face_reference_table(subset.get(), HB_TAG('C', 'F', 'F', ' ')) : hb_face_reference_blob(subset.get()));
    unsigned length = 0;
    const char* data = hb_blob_get_data(bytes.get(), &length);
    if (!data || length == 0) return error(path, {}, "cannot embed font: the subset is empty");
    program.file = haru::deflate(std::string_view(data, length));
    program.file_length = length;
  }

  std::uint16_t max_code = 0;
  std::vector<std::uint16_t> cid_to_gid;
  for (const auto& [gid, g] : font.glyphs) {
    max_code = std::max(max_code, g.code);
    if (!cff) {
      if (cid_to_gid.size() <= g.code) cid_to_gid.resize(g.code + 1u, 0);
      cid_to_gid[g.code] = static_cast<std::uint16_t>(hb_map_get(old_to_new, gid));
    }
  }
  if (!cff) {
    std::string map(cid_to_gid.size() * 2, '\0');
    for (std::size_t c = 0; c < cid_to_gid.size(); ++c)
      map[2 * c] = static_cast<char>(cid_to_gid[c] >> 8), map[2 * c + 1] = static_cast<char>(cid_to_gid[c] & 0xFF);
    program.cid_to_gid = haru::deflate(map);
  }
  // CIDSet (PDF 1.7 §9.8.3, required by PDF/A-1 for subsets): a bit for each CID present.
  std::string cid_set(max_code / 8 + 1, '\0');
  auto mark = [&](std::uint16_t code) { cid_set[code / 8] = static_cast<char>(cid_set[code / 8] | (0x80 >> (code % 8))); };
  mark(0);
  for (const auto& [gid, g] : font.glyphs) mark(g.code);
  program.cid_set = haru::deflate(cid_set);
  program.to_unicode = haru::deflate(to_unicode_cmap(font));
  program.face.reset();  // no longer needed, nor the file's pages
  if (program.library) program.library->release_pages(program.face_id);
  return ok();
}

const EmbeddedFont* FontSet::font(std::uint32_t index) const {
  return index < fonts_.size() && !fonts_[index].glyphs.empty() ? &fonts_[index] : nullptr;
}

Status FontSet::write(HPDF_Doc doc) {
  HPDF_MMgr mm = doc->mmgr;
  for (std::size_t i = 0; i < fonts_.size(); ++i) {
    EmbeddedFont& font = fonts_[i];
    if (font.glyphs.empty()) continue;
    Program& program = *programs_[i];
    const font::ProgramFacts& facts = program.facts;
    const bool cff = program.outlines == font::Outlines::cff;
    auto scaled = [&](double units) { return static_cast<HPDF_INT32>(std::lround(units * 1000.0 / program.units_per_em)); };

    HPDF_Dict file = haru::new_stream(doc, std::move(program.file));
    if (cff) {
      HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C");
    } else {
      HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(program.file_length));
    }

    HPDF_Dict descriptor = haru::new_dict(doc);
    HPDF_Dict_AddName(descriptor, "Type", "FontDescriptor");
    HPDF_Dict_AddName(descriptor, "FontName", font.base_font.c_str());
    HPDF_Dict_AddNumber(descriptor, "Flags", 4);  // symbolic: glyphs are not of the standard Latin set
    HPDF_Array bbox = HPDF_Array_New(mm);
    for (int v : {facts.x_min, facts.y_min, facts.x_max, facts.y_max}) HPDF_Array_AddNumber(bbox, scaled(v));
    HPDF_Dict_Add(descriptor, "FontBBox", bbox);
    HPDF_Dict_AddReal(descriptor, "ItalicAngle", static_cast<HPDF_REAL>(facts.italic_angle));
    HPDF_Dict_AddNumber(descriptor, "Ascent", scaled(facts.ascender));
    HPDF_Dict_AddNumber(descriptor, "Descent", scaled(facts.descender));
    HPDF_Dict_AddNumber(descriptor, "CapHeight", scaled(facts.cap_height));
    HPDF_Dict_AddNumber(descriptor, "StemV", 80);  // no font format records it; readers only hint with it
    HPDF_Dict_Add(descriptor, cff ? "FontFile3" : "FontFile2", file);
    HPDF_Dict_Add(descriptor, "CIDSet", haru::new_stream(doc, std::move(program.cid_set)));

    HPDF_Dict cid_font = haru::new_dict(doc);
    HPDF_Dict_AddName(cid_font, "Type", "Font");
    HPDF_Dict_AddName(cid_font, "Subtype", cff ? "CIDFontType0" : "CIDFontType2");
    HPDF_Dict_AddName(cid_font, "BaseFont", font.base_font.c_str());
    HPDF_Dict info = HPDF_Dict_New(mm);
    HPDF_Dict_Add(info, "Registry", HPDF_String_New(mm, facts.registry.c_str(), nullptr));
    HPDF_Dict_Add(info, "Ordering", HPDF_String_New(mm, facts.ordering.c_str(), nullptr));
    HPDF_Dict_AddNumber(info, "Supplement", facts.supplement);
    HPDF_Dict_Add(cid_font, "CIDSystemInfo", info);
    HPDF_Dict_Add(cid_font, "FontDescriptor", descriptor);

    // Widths: the most common whole one as DW, the rest in W, by runs of
    // codes. (poppler reads DW only when it is an integer.)
    std::map<double, int> counts;
    for (const auto& [gid, g] : font.glyphs)
      if (g.width == std::floor(g.width)) ++counts[g.width];
    double dw = 1000;  // PDF 1.7 §9.7.4.3: the default DW
    if (!counts.empty())
      dw = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; })->first;
    HPDF_Dict_AddNumber(cid_font, "DW", static_cast<HPDF_INT32>(dw));
    std::map<std::uint16_t, double> by_code;
    for (const auto& [gid, g] : font.glyphs)
      if (g.width != dw) by_code[g.code] = g.width;
    HPDF_Array w = HPDF_Array_New(mm);
    HPDF_Array run = nullptr;
    int last = -2;
    for (const auto& [code, width] : by_code) {
      if (code != last + 1 || !run) {
        HPDF_Array_AddNumber(w, code);
        run = HPDF_Array_New(mm);
        HPDF_Array_Add(w, run);
      }
      HPDF_Array_AddReal(run, static_cast<HPDF_REAL>(width));
      last = code;
    }
    HPDF_Dict_Add(cid_font, "W", w);
    if (!cff) HPDF_Dict_Add(cid_font, "CIDToGIDMap", haru::new_stream(doc, std::move(program.cid_to_gid)));

    font.dict = haru::new_dict(doc);
    HPDF_Dict_AddName(font.dict, "Type", "Font");
    HPDF_Dict_AddName(font.dict, "Subtype", "Type0");
    // PDF 1.7 §9.7.6.1: a Type0 over a CIDFontType0 is named font-CMap.
    HPDF_Dict_AddName(font.dict, "BaseFont", cff ? (font.base_font + "-Identity-H").c_str() : font.base_font.c_str());
    HPDF_Dict_AddName(font.dict, "Encoding", "Identity-H");
    HPDF_Array descendants = HPDF_Array_New(mm);
    HPDF_Array_Add(descendants, cid_font);
    HPDF_Dict_Add(font.dict, "DescendantFonts", descendants);
    HPDF_Dict_Add(font.dict, "ToUnicode", haru::new_stream(doc, std::move(program.to_unicode)));
  }
  return ok();
}

}  // namespace jakpum::render
