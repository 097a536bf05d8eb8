// Fuzzes the document readers: any bytes, read as Markdown with front matter
// and as plain text, must give a document or a diagnostic, never a crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "doc/read.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const char* path : {"fuzz.md", "fuzz.txt"}) {
    jakpum::Diagnostics diags;
    auto doc = jakpum::doc::parse_document(bytes, path, diags);
    // A document read is never empty, and every diagnostic names the file.
    if (doc && doc->blocks.empty() && doc->meta.title.empty()) __builtin_trap();
    if (!doc && doc.error().path != path) __builtin_trap();
  }
  return 0;
}
