#include "render/pdf/haru.h"

#include <cstdio>

namespace jakpum::render::haru {
namespace {

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* data) {
  auto* e = static_cast<ErrorState*>(data);
  if (e->code == HPDF_OK) e->code = code, e->detail = detail;
}

}  // namespace

Doc new_doc(ErrorState& state) { return Doc(HPDF_New(on_error, &state)); }

Diagnostic failure(const ErrorState& e, const std::string& what) {
  char buf[96];
  std::snprintf(buf, sizeof buf, " (libharu error 0x%04X, detail %u)", static_cast<unsigned>(e.code),
                static_cast<unsigned>(e.detail));
  return error("", {}, "cannot write the PDF: " + what + buf);
}

HPDF_Dict new_dict(HPDF_Doc doc) {
  HPDF_Dict d = HPDF_Dict_New(doc->mmgr);
  if (d) HPDF_Xref_Add(doc->xref, d);
  return d;
}

HPDF_Dict new_stream(HPDF_Doc doc, std::string_view bytes) {
  HPDF_Dict d = HPDF_DictStream_New(doc->mmgr, doc->xref);
  if (!d) return nullptr;
  d->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
  HPDF_Stream_Write(d->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), static_cast<HPDF_UINT>(bytes.size()));
  return d;
}

void add_resource(HPDF_Page page, const char* kind, const char* name, HPDF_Dict object) {
  auto resources = static_cast<HPDF_Dict>(HPDF_Page_GetInheritableItem(page, "Resources", HPDF_OCLASS_DICT));
  if (!resources) return;
  auto group = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(resources, kind, HPDF_OCLASS_DICT));
  if (!group) {
    group = HPDF_Dict_New(page->mmgr);
    HPDF_Dict_Add(resources, kind, group);
  }
  if (!HPDF_Dict_GetItem(group, name, HPDF_OCLASS_DICT)) HPDF_Dict_Add(group, name, object);
}

void add_font_resource(HPDF_Page page, const char* name, HPDF_Dict font) { add_resource(page, "Font", name, font); }

void write_content(HPDF_Page page, std::string_view operators) {
  auto attr = static_cast<HPDF_PageAttr>(page->attr);
  HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(operators.data()),
                    static_cast<HPDF_UINT>(operators.size()));
}

}  // namespace jakpum::render::haru
