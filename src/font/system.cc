#include "font/system.h"

#include <dlfcn.h>
#include <fontconfig/fontconfig.h>

#include <algorithm>
#include <mutex>
#include <optional>
#include <string_view>
#include <type_traits>

#include "font/library.h"

namespace jakpum::font {
namespace {

// The few fontconfig functions used, from the library loaded at run time
// (its header gives their types; the program does not link it).
struct Fontconfig {
  decltype(&FcInitLoadConfigAndFonts) init_load_config_and_fonts = nullptr;
  decltype(&FcPatternCreate) pattern_create = nullptr;
  decltype(&FcPatternDestroy) pattern_destroy = nullptr;
  decltype(&FcPatternAddCharSet) pattern_add_char_set = nullptr;
  decltype(&FcPatternAddBool) pattern_add_bool = nullptr;
  decltype(&FcPatternAddString) pattern_add_string = nullptr;
  decltype(&FcPatternGetString) pattern_get_string = nullptr;
  decltype(&FcPatternGetInteger) pattern_get_integer = nullptr;
  decltype(&FcPatternGetBool) pattern_get_bool = nullptr;
  decltype(&FcPatternGetCharSet) pattern_get_char_set = nullptr;
  decltype(&FcCharSetCreate) char_set_create = nullptr;
  decltype(&FcCharSetDestroy) char_set_destroy = nullptr;
  decltype(&FcCharSetAddChar) char_set_add_char = nullptr;
  decltype(&FcCharSetHasChar) char_set_has_char = nullptr;
  decltype(&FcConfigSubstitute) config_substitute = nullptr;
  decltype(&FcDefaultSubstitute) default_substitute = nullptr;
  decltype(&FcFontSort) font_sort = nullptr;
  decltype(&FcFontSetDestroy) font_set_destroy = nullptr;
  decltype(&FcConfigDestroy) config_destroy = nullptr;
  decltype(&FcFini) fini = nullptr;
  FcConfig* config = nullptr;

  // At the program's end, what fontconfig holds is given back (it keeps
  // memory of its own that nothing points to until FcFini frees it).
  ~Fontconfig() {
    if (!config) return;
    config_destroy(config);
    fini();
  }

  // Loads the library and its configuration; false where either is missing.
  bool load() {
    void* lib = ::dlopen("libfontconfig.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!lib) return false;
    bool all = true;
    auto get = [&](auto& fn, const char* name) {
      fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(::dlsym(lib, name));
      all = all && fn;
    };
    get(init_load_config_and_fonts, "FcInitLoadConfigAndFonts");
    get(pattern_create, "FcPatternCreate");
    get(pattern_destroy, "FcPatternDestroy");
    get(pattern_add_char_set, "FcPatternAddCharSet");
    get(pattern_add_bool, "FcPatternAddBool");
    get(pattern_add_string, "FcPatternAddString");
    get(pattern_get_string, "FcPatternGetString");
    get(pattern_get_integer, "FcPatternGetInteger");
    get(pattern_get_bool, "FcPatternGetBool");
    get(pattern_get_char_set, "FcPatternGetCharSet");
    get(char_set_create, "FcCharSetCreate");
    get(char_set_destroy, "FcCharSetDestroy");
    get(char_set_add_char, "FcCharSetAddChar");
    get(char_set_has_char, "FcCharSetHasChar");
    get(config_substitute, "FcConfigSubstitute");
    get(default_substitute, "FcDefaultSubstitute");
    get(font_sort, "FcFontSort");
    get(font_set_destroy, "FcFontSetDestroy");
    get(config_destroy, "FcConfigDestroy");
    get(fini, "FcFini");
    if (all) config = init_load_config_and_fonts();
    return config != nullptr;  // the library stays loaded to the program's end
  }

  // The first font fontconfig ranks for `chars` that has them all in
  // outlines and that `accept` takes.
  template <class Accept>
  std::optional<SystemFont> font_for(std::u32string_view chars, const Accept& accept) {
    FcPattern* pattern = pattern_create();
    FcCharSet* wanted = char_set_create();
    for (char32_t c : chars) char_set_add_char(wanted, c);
    pattern_add_char_set(pattern, FC_CHARSET, wanted);
    pattern_add_bool(pattern, FC_OUTLINE, FcTrue);
    // Korean text: of fonts alike, the Korean forms (Noto CJK's KR face
    // for hanja, not its Japanese one).
    pattern_add_string(pattern, FC_LANG, reinterpret_cast<const FcChar8*>("ko"));
    config_substitute(config, pattern, FcMatchPattern);
    default_substitute(pattern);
    FcResult result = FcResultNoMatch;
    FcFontSet* fonts = font_sort(config, pattern, FcFalse, nullptr, &result);
    std::optional<SystemFont> out;
    for (int i = 0; fonts && i < fonts->nfont && !out; ++i) {
      FcPattern* font = fonts->fonts[i];
      FcCharSet* has = nullptr;
      FcBool outline = FcFalse, color = FcFalse;
      FcChar8 *file = nullptr, *family = nullptr, *format = nullptr;
      int index = 0;
      if (pattern_get_char_set(font, FC_CHARSET, 0, &has) != FcResultMatch ||
          !std::all_of(chars.begin(), chars.end(), [&](char32_t c) { return char_set_has_char(has, c); }))
        continue;
      if (pattern_get_bool(font, FC_OUTLINE, 0, &outline) != FcResultMatch || !outline) continue;
      if (pattern_get_bool(font, FC_COLOR, 0, &color) == FcResultMatch && color) continue;
      if (pattern_get_string(font, FC_FONTFORMAT, 0, &format) != FcResultMatch) continue;
      const std::string_view kind = reinterpret_cast<const char*>(format);
      if (kind != "TrueType" && kind != "CFF") continue;
      if (pattern_get_string(font, FC_FILE, 0, &file) != FcResultMatch) continue;
      pattern_get_integer(font, FC_INDEX, 0, &index);
      if (pattern_get_string(font, FC_FAMILY, 0, &family) != FcResultMatch) family = file;
      SystemFont found{{reinterpret_cast<const char*>(file), index, ""}, reinterpret_cast<const char*>(family), {}, {}};
      if (accept(found)) out = std::move(found);
    }
    if (fonts) font_set_destroy(fonts);
    pattern_destroy(pattern);
    char_set_destroy(wanted);
    return out;
  }
};

}  // namespace

std::vector<SystemFont> system_fonts_for(const std::vector<char32_t>& chars,
                                         const std::vector<std::u32string>& syllables) {
  static std::mutex one_at_a_time;
  static Fontconfig fc;
  static bool loaded = false, tried = false;
  std::lock_guard lock(one_at_a_time);
  if (!tried) loaded = fc.load(), tried = true;
  if (!loaded) return {};
  // The fonts found, each once, in the order of the characters they were
  // found for (then of the syllables); those this program can read.
  std::vector<SystemFont> fonts;
  Library library;
  std::vector<FaceId> faces;
  auto composes = [&](FaceId face, const std::u32string& syllable) {
    return sets_whole(library, face, syllable, true);
  };
  // Takes a font fontconfig found unless it is found already; `face` is
  // its face once loaded.
  auto take = [&](std::optional<SystemFont> found, std::optional<FaceId> face) {
    if (!found || std::any_of(fonts.begin(), fonts.end(), [&](const SystemFont& f) {
          return f.source.path == found->source.path && f.source.index == found->source.index;
        }))
      return;
    if (!face) {
      auto loaded = library.load(found->source);
      if (!loaded) return;
      face = *loaded;
    }
    fonts.push_back(std::move(*found));
    faces.push_back(*face);
  };
  for (char32_t c : chars) {
    // A font found for an earlier character may have this one too (most
    // often: Hangul or kanji by the hundred), and fontconfig's ranking of
    // every installed font is costly: it is asked only when none does.
    if (std::any_of(faces.begin(), faces.end(), [&](FaceId face) { return library.has_glyph(face, c); })) continue;
    take(fc.font_for(std::u32string_view(&c, 1), [](const SystemFont&) { return true; }), std::nullopt);
  }
  for (const std::u32string& syllable : syllables) {
    if (std::any_of(faces.begin(), faces.end(), [&](FaceId face) { return composes(face, syllable); })) continue;
    std::optional<FaceId> face;
    auto found = fc.font_for(syllable, [&](const SystemFont& f) {
      auto loaded = library.load(f.source);
      if (!loaded || !composes(*loaded, syllable)) return false;
      face = *loaded;
      return true;
    });
    take(std::move(found), face);
  }
  // Tried in that order, a font sets every character it has that no font
  // before it does, as a fallback family would, and every syllable it
  // composes that none before it does.
  for (char32_t c : chars)
    for (std::size_t i = 0; i < fonts.size(); ++i)
      if (library.has_glyph(faces[i], c)) {
        fonts[i].chars.push_back(c);
        break;
      }
  for (const std::u32string& syllable : syllables)
    for (std::size_t i = 0; i < fonts.size(); ++i)
      if (composes(faces[i], syllable)) {
        fonts[i].syllables.push_back(syllable);
        break;
      }
  std::erase_if(fonts, [](const SystemFont& f) { return f.chars.empty() && f.syllables.empty(); });
  return fonts;
}

}  // namespace jakpum::font
