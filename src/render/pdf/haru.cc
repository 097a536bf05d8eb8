#include "render/pdf/haru.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
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

// A stream that reads out bytes it owns: libharu copies a stream's data into
// it only when the file is saved, a few kilobytes at a time.
struct Held {
  std::string bytes;
  std::size_t at = 0;
};

HPDF_STATUS read_held(HPDF_Stream stream, HPDF_BYTE* out, HPDF_UINT* size) {
  auto& held = *static_cast<Held*>(stream->attr);
  const std::size_t n = std::min<std::size_t>(*size, held.bytes.size() - held.at);
  std::memcpy(out, held.bytes.data() + held.at, n);
  held.at += n;
  const bool short_read = n < *size;
  *size = static_cast<HPDF_UINT>(n);
  return short_read ? HPDF_STREAM_EOF : HPDF_OK;
}

HPDF_STATUS seek_held(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
  auto& held = *static_cast<Held*>(stream->attr);
  const long long base = mode == HPDF_SEEK_CUR   ? static_cast<long long>(held.at)
                         : mode == HPDF_SEEK_END ? static_cast<long long>(held.bytes.size())
                                                 : 0;
  const long long to = base + pos;
  if (to < 0 || to > static_cast<long long>(held.bytes.size())) return HPDF_SetError(stream->error, HPDF_STREAM_EOF, 0);
  held.at = static_cast<std::size_t>(to);
  return HPDF_OK;
}

HPDF_INT32 tell_held(HPDF_Stream stream) { return static_cast<HPDF_INT32>(static_cast<Held*>(stream->attr)->at); }

HPDF_UINT32 size_held(HPDF_Stream stream) {
  return static_cast<HPDF_UINT32>(static_cast<Held*>(stream->attr)->bytes.size());
}

void free_held(HPDF_Stream stream) {
  delete static_cast<Held*>(stream->attr);
  stream->attr = nullptr;
}

// Gives a stream dictionary the compressed bytes in place of the memory
// stream libharu made for it (freed here). The new stream, or nullptr.
HPDF_Stream write_flate(HPDF_Dict d, Flate&& data) {
  d->filter = HPDF_STREAM_FILTER_NONE;
  d->write_fn = name_flate_filter;
  auto held = std::make_unique<Held>();
  held->bytes = std::move(data.bytes);
  HPDF_Stream reader = HPDF_CallbackReader_New(d->mmgr, read_held, seek_held, tell_held, size_held, held.get());
  if (!reader) return nullptr;
  reader->free_fn = free_held;
  held.release();
  HPDF_Stream_Free(d->stream);
  d->stream = reader;
  return reader;
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

HPDF_Dict new_stream(HPDF_Doc doc, Flate&& data) {
  HPDF_Dict d = HPDF_DictStream_New(doc->mmgr, doc->xref);
  if (d) write_flate(d, std::move(data));
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

void set_content(HPDF_Page page, Flate&& operators) {
  // The page's stream for drawing operators is its contents' stream: both
  // now name the new one.
  auto attr = static_cast<HPDF_PageAttr>(page->attr);
  if (HPDF_Stream reader = write_flate(attr->contents, std::move(operators))) attr->stream = reader;
}

bool save(HPDF_Doc doc, const ByteSink& sink) {
  // HPDF_SaveToStream writes into doc->stream, making a memory stream only
  // when there is none, and empties only memory streams before it writes.
  // libharu writes a name, a number, a bracket at a time: the pieces are
  // gathered here and handed on whole_write bytes at a time, which a file's
  // sink writes out without gathering them again.
  struct Target {
    const ByteSink& sink;
    std::string buffer;
    bool failed = false;
    bool flush() {
      if (!failed && !buffer.empty() && !sink(buffer)) failed = true;
      buffer.clear();
      return !failed;
    }
  } target{sink, {}};
  constexpr std::size_t gather = whole_write;
  target.buffer.reserve(gather);
  HPDF_Stream_Write_Func write = [](HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) -> HPDF_STATUS {
    auto& to = *static_cast<Target*>(stream->attr);
    for (const HPDF_BYTE* end = bytes + size; bytes < end;) {
      const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(end - bytes), gather - to.buffer.size());
      to.buffer.append(reinterpret_cast<const char*>(bytes), n);
      bytes += n;
      if (to.buffer.size() == gather && !to.flush()) return HPDF_FILE_IO_ERROR;
    }
    return HPDF_OK;
  };
  if (doc->stream) return false;  // saved once already
  doc->stream = HPDF_CallbackWriter_New(doc->mmgr, write, &target);
  if (!doc->stream) return false;
  const bool saved = HPDF_SaveToStream(doc) == HPDF_OK && target.flush();
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
