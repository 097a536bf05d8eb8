// libharu as the PDF object layer: the document handle, its first error, and
// the few helpers our own fonts and pages need. libharu 2.3.0 exports its
// object API (hpdf_objects.h, hpdf_pages.h, hpdf_doc.h); we build font
// dictionaries and content streams with it and let libharu write the file.
#pragma once

#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include <memory>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/diagnostics.h"
#include "core/files.h"

namespace jakpum::render::haru {

// The first error libharu reported, if any.
struct ErrorState {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

struct DocDeleter {
  void operator()(HPDF_Doc d) const { HPDF_Free(d); }
};
using Doc = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter>;

// A new document that records errors in `state` (which must outlive it).
Doc new_doc(ErrorState& state);

Diagnostic failure(const ErrorState& state, const std::string& what);

// A stream's data already compressed with Flate (PDF 1.7 §7.4.4). Compressing
// is done outside libharu, so it can run on any thread; the stream then takes
// the bytes over (no copy into libharu's memory streams) and reads them out
// as the file is saved.
struct Flate {
  std::string bytes;
};
// libdeflate's level, 1 (fastest) to 12 (smallest). Level 1 makes files 2–5 %
// larger than level 6 and is a third faster for a whole book.
constexpr int flate_level = 1;
Flate deflate(std::string_view bytes);

// An indirect dictionary, or a stream of Flate-compressed data (taken over).
HPDF_Dict new_dict(HPDF_Doc doc);
HPDF_Dict new_stream(HPDF_Doc doc, Flate&& data);

// Adds `name` → `font` to a page's /Resources /Font.
void add_font_resource(HPDF_Page page, const char* name, HPDF_Dict font);
// Adds `name` → `object` to a page's /Resources /`kind` (Font, XObject, ...).
void add_resource(HPDF_Page page, const char* kind, const char* name, HPDF_Dict object);

// Appends operators to a page's content stream, which libharu compresses.
void write_content(HPDF_Page page, std::string_view operators);
// Gives an empty page its whole content stream, compressed (taken over).
void set_content(HPDF_Page page, Flate&& operators);

// Saves the document into `sink` as libharu writes it: its save stream is a
// callback writer instead of the memory stream it makes by default (the
// file then never exists whole in memory). False when libharu or the sink failed.
bool save(HPDF_Doc doc, const ByteSink& sink);

}  // namespace jakpum::render::haru
