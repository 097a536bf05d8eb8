// Fuzzes the document readers: any bytes, read as Markdown with front matter
// and as plain text, must give a document or a diagnostic, never a crash.
// The Markdown document, twice in one publication (`fuzz.md` and
// `sub/fuzz.md`), has its links between documents resolved: each then leads
// to a heading that is there, or to an address outside.
#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>

#include "doc/markdown.h"
#include "doc/read.h"

namespace {

// Whether every link of the publication is a URI or names a heading it has.
bool links_lead_somewhere(const jakpum::doc::Publication& pub) {
  std::vector<std::set<std::string>> anchors;
  for (const auto& d : pub.documents) {
    auto& own = anchors.emplace_back();
    own.insert(d.meta.anchor);
    for (const auto& b : d.blocks) own.insert(b.anchor);
  }
  for (std::size_t i = 0; i < pub.documents.size(); ++i)
    for (const auto& b : pub.documents[i].blocks)
      for (const auto& s : b.spans) {
        if (!s.link.starts_with('#')) continue;
        std::size_t doc = i;
        std::string anchor = s.link.substr(1);
        if (std::size_t hash = anchor.find('#'); hash != std::string::npos) {
          doc = std::stoul(anchor.substr(0, hash));
          anchor = anchor.substr(hash + 1);
        }
        if (doc >= pub.documents.size() || anchor.empty() || !anchors[doc].contains(anchor)) return false;
      }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (const char* path : {"fuzz.md", "fuzz.txt"}) {
    jakpum::Diagnostics diags;
    auto doc = jakpum::doc::parse_document(bytes, path, diags);
    // A document read is never empty, and every diagnostic names the file.
    if (doc && doc->blocks.empty() && doc->meta.title.empty()) __builtin_trap();
    if (!doc && doc.error().path != path) __builtin_trap();
    if (doc && path == std::string_view("fuzz.md")) {
      jakpum::doc::Publication pub;
      pub.documents.push_back(*doc);
      pub.documents.push_back(*doc);
      pub.documents.back().path = "sub/fuzz.md";
      jakpum::doc::link_documents(pub, diags);
      if (!links_lead_somewhere(pub)) __builtin_trap();
    }
  }
  return 0;
}
