#include "doc/read.h"

#include <algorithm>
#include <filesystem>

#include "core/files.h"
#include "core/utf8.h"
#include "doc/manifest.h"
#include "doc/markdown.h"
#include "doc/plain_text.h"

namespace jakpum::doc {

const std::string standard_input_name = "<stdin>";

namespace {

enum class Kind { markdown, plain_text, manifest, unknown };

Kind kind_of(const std::string& path) {
  if (path == standard_stream) return Kind::markdown;
  std::string ext = std::filesystem::path(path).extension().string();
  for (auto& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == ".md" || ext == ".markdown") return Kind::markdown;
  if (ext == ".txt" || ext == ".text") return Kind::plain_text;
  if (ext == ".toml") return Kind::manifest;
  return Kind::unknown;
}

// Text must be UTF-8 without NUL bytes.
Status check_text(std::string_view bytes, const std::string& path) {
  if (auto bad = find_invalid_utf8(bytes))
    return error(path, LineIndex(bytes).position(*bad), "invalid UTF-8 at byte offset " + std::to_string(*bad),
                 "save the file as UTF-8");
  // A NUL is valid UTF-8 but never text: it means a binary file, or a UTF-16 one.
  if (std::size_t nul = bytes.find('\0'); nul != std::string::npos)
    return error(path, LineIndex(bytes).position(nul), "a NUL byte at byte offset " + std::to_string(nul),
                 "this looks like a binary or UTF-16 file; save it as UTF-8 text");
  return ok();
}

Result<std::string> read_utf8(const std::string& path) {
  auto bytes = read_file(path);
  if (!bytes) return bytes;
  if (Status s = check_text(*bytes, path); !s) return s.error();
  return bytes;
}

// Whether a document has anything to set: a title or a block with text.
bool has_content(const Document& doc) {
  if (!doc.meta.title.empty()) return true;
  auto has_text = [](const std::vector<Span>& spans) {
    return std::any_of(spans.begin(), spans.end(),
                       [](const Span& s) { return s.text.find_first_not_of(" \t\n\r") != std::string::npos; });
  };
  for (const auto& b : doc.blocks) {
    if (b.kind == BlockKind::figure || has_text(b.spans)) return true;
    for (const auto& row : b.rows)
      for (const auto& cell : row.cells)
        if (has_text(cell.spans)) return true;
  }
  return false;
}

// A document read as `kind`: UTF-8 without NUL bytes, and not empty.
Result<Document> parse_as(Kind kind, std::string_view bytes, const std::string& path, Diagnostics& diags) {
  if (Status s = check_text(bytes, path); !s) return s.error();
  // md4c 0.4.8 can read the byte after the text (an unclosed link at the very
  // end, found by fuzzing): it is given a copy that ends in a NUL.
  const std::string text(bytes);
  auto doc = kind == Kind::markdown ? read_markdown(text, path, diags) : read_plain_text(text, path);
  if (doc && !has_content(*doc))
    return error(path, {}, "the document is empty: nothing to typeset", "write some text, or give it a title");
  return doc;
}

}  // namespace

Result<Document> read_document(const std::string& path, Diagnostics& diags) {
  Kind kind = kind_of(path);
  if (kind == Kind::unknown || kind == Kind::manifest)
    return error(path, {}, "not a document: expected a .md or .txt file");
  if (path == standard_stream) {
    auto bytes = read_file("/dev/stdin");
    if (!bytes) return error(standard_input_name, {}, bytes.error().message);
    return parse_as(kind, *bytes, standard_input_name, diags);
  }
  auto bytes = read_file(path);
  if (!bytes) return bytes.error();
  return parse_as(kind, *bytes, path, diags);
}

Result<Document> parse_document(std::string_view bytes, const std::string& path, Diagnostics& diags) {
  Kind kind = kind_of(path);
  if (kind == Kind::unknown || kind == Kind::manifest)
    return error(path, {}, "not a document: expected a .md or .txt file");
  return parse_as(kind, bytes, path, diags);
}

Result<Publication> read_publication(const std::vector<std::string>& inputs, Diagnostics& diags) {
  for (const auto& input : inputs) {
    if (kind_of(input) == Kind::unknown)
      return error(input, {}, "unknown input type", "give a .md, .txt or manifest .toml file");
    if (kind_of(input) == Kind::manifest && inputs.size() > 1)
      return error(input, {}, "a manifest must be the only input");
  }
  if (std::count(inputs.begin(), inputs.end(), standard_stream) > 1)
    return error(standard_input_name, {}, "standard input (`-`) is named twice; it can be read once");
  if (inputs.size() == 1 && kind_of(inputs.front()) == Kind::manifest) {
    auto text = read_utf8(inputs.front());
    if (!text) return text.error();
    auto book = read_manifest(*text, inputs.front(), diags);
    if (book) link_documents(*book, diags);
    return book;
  }
  Publication pub;
  pub.path = inputs.empty() ? "" : inputs.front();
  for (const auto& input : inputs) {
    auto doc = read_document(input, diags);
    if (!doc) return doc.error();
    pub.documents.push_back(std::move(*doc));
  }
  if (pub.documents.size() == 1) {
    const Meta& m = pub.documents.front().meta;
    pub.title = m.title, pub.subtitle = m.subtitle, pub.authors = m.authors;
  }
  link_documents(pub, diags);
  return pub;
}

std::string fallback_title(const Document& doc) {
  if (!doc.meta.title.empty()) return doc.meta.title;
  return doc.path == standard_input_name ? doc.name : std::filesystem::path(doc.path).stem().string();
}

}  // namespace jakpum::doc
