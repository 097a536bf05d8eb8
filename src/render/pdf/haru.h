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

// An indirect dictionary, or a stream with Flate compression.
HPDF_Dict new_dict(HPDF_Doc doc);
HPDF_Dict new_stream(HPDF_Doc doc, std::string_view bytes);

// Adds `name` → `font` to a page's /Resources /Font.
void add_font_resource(HPDF_Page page, const char* name, HPDF_Dict font);
// Adds `name` → `object` to a page's /Resources /`kind` (Font, XObject, ...).
void add_resource(HPDF_Page page, const char* kind, const char* name, HPDF_Dict object);

// Appends operators to a page's content stream.
void write_content(HPDF_Page page, std::string_view operators);

}  // namespace jakpum::render::haru
