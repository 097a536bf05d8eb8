// Fuzzes the whole pipeline: bytes as Markdown, typeset in the default
// layout with a small font (a subset of Nanum Myeongjo made once, at start;
// the headings' family names the body's as its Latin one, the same font), and
// written as a PDF in memory, half the inputs as PDF/X. Whatever the bytes, the run ends in a
// diagnostic or in a PDF; a typeset document always writes.
#include <hb-subset.h>
#include <hb.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "app/options.h"
#include "app/typeset.h"
#include "doc/read.h"
#include "render/pdf/pdf_writer.h"

namespace {

// ASCII, punctuation and the characters of the sample essays and of the
// seeds: a font of a thousand glyphs, so each run embeds quickly.
std::string make_small_font(const std::string& folder) {
  hb_blob_t* blob = hb_blob_create_from_file(JAKPUM_SOURCE_DIR "/fonts/NanumMyeongjo.ttf");
  hb_face_t* face = hb_face_create(blob, 0);
  hb_subset_input_t* input = hb_subset_input_create_or_fail();
  hb_set_t* unicodes = hb_subset_input_unicode_set(input);
  hb_set_add_range(unicodes, 0x20, 0x7E);
  for (hb_codepoint_t c : {0x2018u, 0x2019u, 0x201Cu, 0x201Du, 0x2026u, 0x00B7u, 0x300Au, 0x300Bu, 0x2022u, 0x25E6u, 0x2013u})
    hb_set_add(unicodes, c);
  std::vector<std::string> sources = {JAKPUM_SOURCE_DIR "/samples/work-as-art.md",
                                      JAKPUM_SOURCE_DIR "/samples/shared-experience.md"};
  for (const auto& e : std::filesystem::directory_iterator(JAKPUM_SOURCE_DIR "/fuzz/corpus/pipeline"))
    sources.push_back(e.path().string());
  for (const auto& source : sources) {
    std::ifstream in(source);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0, -1);
    unsigned count = 0;
    hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
    for (unsigned i = 0; i < count; ++i) hb_set_add(unicodes, info[i].codepoint);  // code points, before shaping
    hb_buffer_destroy(buf);
  }
  hb_face_t* subset = hb_subset_or_fail(face, input);
  hb_blob_t* bytes = hb_face_reference_blob(subset);
  unsigned length = 0;
  const char* data = hb_blob_get_data(bytes, &length);
  std::string path = folder + "/small.ttf";
  std::ofstream(path, std::ios::binary).write(data, length);
  hb_blob_destroy(bytes);
  hb_face_destroy(subset);
  hb_subset_input_destroy(input);
  hb_face_destroy(face);
  hb_blob_destroy(blob);
  return path;
}

struct Setup {
  jakpum::style::Layout layout;
  std::unique_ptr<jakpum::app::Context> ctx;
  std::string folder;  // the small font and its layout, removed at exit
  Setup(jakpum::style::Layout l, std::string f)
      : layout(std::move(l)), ctx(std::make_unique<jakpum::app::Context>()), folder(std::move(f)) {}
  Setup(Setup&&) = default;
  ~Setup() {
    std::error_code ec;
    std::filesystem::remove_all(folder, ec);
  }
};

const Setup& setup() {
  static const Setup s = [] {
    char folder[] = "/tmp/jakpum-fuzz-XXXXXX";
    if (!::mkdtemp(folder)) std::abort();
    std::string font = make_small_font(folder);
    std::string toml = std::string("extends = \"booklet-a5\"\n[text]\nfallback = []\n");
    for (const char* family : {"myeongjo", "gothic"})
      toml += std::string("[fonts.") + family + "]\nregular = \"" + font + "\"\nbold = \"" + font + "\"\n";
    toml += "latin = \"myeongjo\"\n";  // the headings' Latin goes through its own path
    auto layout = jakpum::style::load_layout_text(toml, std::string(folder) + "/fuzz.toml", {jakpum::app::layout_folders("")});
    if (!layout) std::abort();
    return Setup(std::move(*layout), folder);
  }();
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Setup& s = setup();
  jakpum::Diagnostics diags;
  auto doc = jakpum::doc::parse_document(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.md", diags);
  // JAKPUM_FUZZ_VERBOSE=1 says how each input ended (to check the seeds).
  static const bool verbose = std::getenv("JAKPUM_FUZZ_VERBOSE") != nullptr;
  if (!doc) {
    if (verbose) std::fprintf(stderr, "%s\n", jakpum::format(doc.error()).c_str());
    return 0;
  }
  jakpum::doc::Publication pub;
  pub.path = "fuzz.md";
  pub.title = doc->meta.title;
  pub.documents.push_back(std::move(*doc));
  auto model = jakpum::app::typeset(pub, s.layout, *s.ctx);
  if (!model) {
    if (verbose) std::fprintf(stderr, "%s\n", jakpum::format(model.error()).c_str());
    return 0;
  }
  if (model->pages.empty()) __builtin_trap();
  jakpum::render::PdfOptions options;
  if (size % 2) {  // half the inputs as PDF/X, which asks for a title and a date
    options.pdfx = true, options.source_date_epoch = 0;
    if (model->info.title.empty()) model->info.title = "fuzz";
  }
  auto pdf = jakpum::render::write_pdf(*model, options);
  if (!pdf || !pdf->starts_with("%PDF-") || pdf->find("%%EOF") == std::string::npos) __builtin_trap();
  if (verbose) std::fprintf(stderr, "%zu pages, %zu bytes\n", model->pages.size(), pdf->size());
  return 0;
}
