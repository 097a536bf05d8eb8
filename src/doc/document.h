// The document model: what a reader meets, in order, with a source position on
// every node. Readers (Markdown, plain text, manifests) produce it; nothing here
// knows about layout.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.h"

namespace jakpum::doc {

// Inline emphasis and code, as bit flags.
// `note`: a reference to a note (its number, set raised); `superscript` and
// `subscript`: text set smaller, raised or lowered (HTML's <sup>, <sub>).
enum InlineFlags : std::uint16_t {
  plain = 0,
  emphasis = 1,
  strong = 2,
  code = 4,
  strike = 8,
  note = 16,
  superscript = 32,
  subscript = 64,
  underline = 128,  // a line under it (HTML's <u>, <ins>)
  mark = 256,       // highlighted, as with a marker pen (HTML's <mark>, Obsidian's ==text==)
};

struct Span {
  std::string text;  // UTF-8; "\n" is a forced line break
  std::uint16_t flags = plain;
  Position pos;  // where the text starts in the source
  // The address the text links to, as a URI in ASCII ("" for none), or
  // "#name": the heading of the same document with that anchor, or
  // "#N#name": that of document N of the publication.
  std::string link;
  // `link` names a note as a wiki link does (`[[노트]]`, `[[노트#절]]`): a
  // document of the publication by its file's name, wherever it is.
  bool wiki = false;
  friend bool operator==(const Span&, const Span&) = default;
};

// The anchor a heading's text gives it, as GitHub names them: lower case,
// spaces as hyphens, punctuation and symbols left out ("1. 노동의 원형:
// 사회와 관계" → "1-노동의-원형-사회와-관계").
std::string anchor_of(std::string_view heading);

// Prose as print sets it: `text` with each run of spaces and tabs as one
// space (none at its start when `after_space`: the text before it ends with
// one). In pieces, each placed where it starts in the source (`at` is where
// `text` does), so that a span counts its characters from the right place;
// nothing when there is nothing to fold and the text stands as it is.
std::optional<std::vector<std::pair<std::string, Position>>> folded_spaces(std::string_view text, Position at,
                                                                           bool after_space);

// Text with no emphasis and no source position (titles, running heads).
inline std::vector<Span> plain_text(std::string text) {
  Span s;
  s.text = std::move(text);
  return {s};
}

// The bytes of spaces, tabs and ideographic spaces (U+3000) that open
// `text`: an indent typed before a paragraph (Korean word processors teach
// the ideographic one), which the layout gives instead.
std::size_t typed_indent(std::string_view text);

// Whether a paragraph of `text` is an ornament marking a break between
// sections, as writers type one on a line of its own: asterisks (`* * *`,
// `⁂`, `＊`), rules of hyphens, underscores or equals signs, or the marks
// Korean books centre there (`◇`, `◆`, `※`, `○`), with spaces between, and
// nothing else. An ellipsis alone (`……`) is a silence, not a break: text.
bool reads_as_ornament(std::string_view text);

// The spans as plain text, each where it was: no emphasis, no link (a note's
// number stays one, and a superscript or subscript stays raised or lowered).
std::vector<Span> plain_spans(std::vector<Span> spans);

enum class BlockKind {
  heading,        // level 1..3
  paragraph,      // body text
  blockquote,     // a paragraph inside a block quote (level = nesting depth)
  pullquote,      // an excerpt set large, kept on one page
  list_item,      // a paragraph of a list item (level = nesting depth)
  credit,         // copyright or source line
  code,           // code, set as written: each line of the source a line, spaces kept
  figure,         // an image on a paragraph of its own; its description (the spans) is its caption
  table,          // rows of cells (`rows`), the first ones perhaps a header
  note,           // a paragraph of a note (at the end of its document); the first marked with its number
  section_break,  // between sections: the writer's ornament (the spans), or none (the layout sets its mark)
};

// A cell of a table: its text, and where its column sets it.
struct Cell {
  enum class Align { left, center, right } align = Align::left;
  std::vector<Span> spans;
};

struct Row {
  bool header = false;
  std::vector<Cell> cells;
};

// How HTML around a block asks it to be aligned (`<p align="center">`,
// `<div style="text-align: right">`, `<center>`); `none` where nothing asks.
enum class Align { none, left, center, right, justify };

struct Block {
  BlockKind kind = BlockKind::paragraph;
  int level = 0;
  Align align = Align::none;
  std::vector<Span> spans;
  std::string marker;  // list items: "1." or "•" on an item's first paragraph
  std::string anchor;  // headings: the name a link `#name` reaches them by
  int quotes = 0, lists = 0;  // how many quotes and lists it is inside, its own included
  bool in_note = false;       // a block of a note: set with the note, in its face
  bool continues = false;     // pull quotes: a paragraph after the quote's first
  std::string image;  // figures: the image file, as the document names it (percent-decoded)
  std::vector<Row> rows;  // tables
  Position pos;

  std::string text() const;  // all spans, concatenated, but notes' numbers
};

// Where each text of front matter or a manifest starts in its source (the
// first character of a string's value), for an error to point at one of its
// characters; 0:0 where a text has no place there (a title the text itself
// gives is placed by its spans, Meta::title_spans).
struct Places {
  Position title, subtitle, copyright, source, date, identifier;
  std::vector<Position> authors, editors;
};

// Front matter, or what a plain text file implies.
struct Meta {
  std::string title;
  std::string subtitle;
  std::vector<std::string> authors;
  std::string source;
  std::string date;
  std::string lang = "ko";
  std::string copyright;
  std::string anchor;  // the title's, as a heading's
  Places at;
  // A title or credit the text itself gives (a lone heading, a plain text's
  // first or last paragraph): its spans, plain, each placed where the source
  // has it (a line's end, a folded space or a reference between them).
  std::vector<Span> title_spans, copyright_spans;
};

struct Document {
  std::string path;
  // Standard input's name for a title, where it has none (running heads,
  // the PDF's title): the output's, as the program names it; "" for none.
  std::string name;
  Meta meta;
  std::vector<Block> blocks;
};

// Names the title and each heading of a document by its anchor; a repeated
// anchor gets "-1", "-2", ... as on GitHub. One the writer gave (Pandoc's
// `{#id}`, already in `anchor`) is kept.
void name_anchors(Document& doc);

// A publication: one or more documents set as one PDF. A manifest makes it
// a book: a cover, a table of contents, the documents, and a colophon.
struct Publication {
  std::string path;    // the manifest, or the single input
  std::string title;   // of the whole; a single document's title otherwise
  std::string subtitle;
  std::vector<std::string> authors;
  std::vector<std::string> editors;
  std::string date;
  std::string identifier;  // e.g. an ISBN, as written
  std::string layout;  // as the manifest names it ("" = not named)
  Position layout_pos;
  Places at;
  bool cover = false, contents = false, colophon = false;
  std::vector<Document> documents;
};

const char* to_string(BlockKind kind);

}  // namespace jakpum::doc
