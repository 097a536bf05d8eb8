#include "render/pdf/haru.h"

#include <libdeflate.h>

#include <cstdio>
#include <memory>
#include <new>

namespace jakpum::render::haru {
namespace {

void on_error(HPDF_STATUS code, HPDF_STATUS detail, void* data) {
  auto* e = static_cast<ErrorState*>(data);
  if (e->code == HPDF_OK) e->code = code, e->detail = detail;
}

// libharu names a stream's filter only when it compresses the data itself;
// for data compressed beforehand this names it, between the dictionary's
// other entries and its closing ">>".
HPDF_STATUS name_flate_filter(HPDF_Dict, HPDF_Stream stream) {
  return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

void write_flate(HPDF_Dict d, const Flate& data) {
  d->filter = HPDF_STREAM_FILTER_NONE;
  d->write_fn = name_flate_filter;
  HPDF_Stream_Write(d->stream, reinterpret_cast<const HPDF_BYTE*>(data.bytes.data()),
                    static_cast<HPDF_UINT>(data.bytes.size()));
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

Flate deflate(std::string_view bytes) {
  // libdeflate writes the same zlib format as zlib, two to four times as
  // fast. A compressor is a few hundred kilobytes of tables: one a thread,
  // kept for the thread's life, and so is the room it writes into (fresh
  // memory costs a page fault a page; the output is a fraction of the bound).
  struct Compressor {
    libdeflate_compressor* c = libdeflate_alloc_compressor(flate_level);
    std::unique_ptr<char[]> room;
    std::size_t room_size = 0;
    ~Compressor() { libdeflate_free_compressor(c); }
  };
  thread_local Compressor compressor;
  if (!compressor.c) throw std::bad_alloc();
  const std::size_t bound = libdeflate_zlib_compress_bound(compressor.c, bytes.size());
  if (compressor.room_size < bound) {
    compressor.room.reset(new char[bound]);  // not zeroed: libdeflate writes what it returns
    compressor.room_size = bound;
  }
  std::size_t size = libdeflate_zlib_compress(compressor.c, bytes.data(), bytes.size(), compressor.room.get(), bound);
  return Flate{std::string(compressor.room.get(), size)};  // the bound leaves room for any input: size is never 0
}

HPDF_Dict new_stream(HPDF_Doc doc, const Flate& data) {
  HPDF_Dict d = HPDF_DictStream_New(doc->mmgr, doc->xref);
  if (d) write_flate(d, data);
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

void set_content(HPDF_Page page, const Flate& operators) {
  write_flate(static_cast<HPDF_PageAttr>(page->attr)->contents, operators);
}

bool save(HPDF_Doc doc, const ByteSink& sink) {
  // HPDF_SaveToStream writes into doc->stream, making a memory stream only
  // when there is none, and empties only memory streams before it writes.
  struct Target {
    const ByteSink& sink;
    bool failed = false;
  } target{sink};
  HPDF_Stream_Write_Func write = [](HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) -> HPDF_STATUS {
    auto& to = *static_cast<Target*>(stream->attr);
    if (!to.failed && to.sink(std::string_view(reinterpret_cast<const char*>(bytes), size))) return HPDF_OK;
    to.failed = true;
    return HPDF_FILE_IO_ERROR;
  };
  if (doc->stream) return false;  // saved once already
  doc->stream = HPDF_CallbackWriter_New(doc->mmgr, write, &target);
  if (!doc->stream) return false;
  const bool saved = HPDF_SaveToStream(doc) == HPDF_OK;
  // The stream points at `target`, which ends here: it goes now.
  HPDF_Stream_Free(doc->stream);
  doc->stream = nullptr;
  return saved && !target.failed;
}

void write_content(HPDF_Page page, std::string_view operators) {
  auto attr = static_cast<HPDF_PageAttr>(page->attr);
  HPDF_Stream_Write(attr->stream, reinterpret_cast<const HPDF_BYTE*>(operators.data()),
                    static_cast<HPDF_UINT>(operators.size()));
}

}  // namespace jakpum::render::haru
