// GitHub's footnotes, which md4c does not read: `[^label]` in the text refers
// to a note written anywhere in the document as `[^label]: text` at a line's
// start, or after a block quote's markers (its later paragraphs indented by
// four spaces). The notes follow
// the rest of their document, numbered in the order they are first referred
// to, as GitHub shows them (the page builder may move them to the foot of
// the page that refers to them); each reference is the note's number, raised.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostics.h"
#include "doc/document.h"

namespace jakpum::doc {

// A note's definition as the source writes it.
struct NoteSource {
  std::string label;  // between `[^` and `]`
  Position at;        // of its `[`
  // Its text without the `[^label]:` and the indent of its later lines, as
  // Markdown of its own, and where each of its lines starts: (offset into
  // `text`, offset into the file).
  std::string text;
  std::vector<std::pair<std::size_t, std::size_t>> lines;
};

// Goes through `file` from byte `from` on as md4c reads its prose, past
// fenced blocks of code, code spans and escaped characters, and calls
// `step` at each byte that is one of `wanted`; `step` returns where to go on
// from (`file.size()` to stop).
void through_prose(std::string_view file, std::size_t from, std::string_view wanted,
                   const std::function<std::size_t(std::size_t)>& step);

// Bytes of the text md4c is shown that the reader drops (Obsidian's
// comments, an inline note's text beside its reference, Pandoc's attributes
// and the fences of its divs): each stands for one byte of the file, whose
// line ends stay.
constexpr char hidden_byte = '\x1F';
// The byte an inline note's label is made of, with its number.
constexpr char label_byte = '\x1E';

// Pandoc's and Obsidian's inline notes, `^[text]`, in prose from byte `from`
// on: each is cut out as a definition is, labelled with a label no writer
// types, and `file` shows md4c a reference to it in its place, `[^label]`
// on the note's first line (or its last, where the first holds too little),
// and hidden bytes over the rest of it to its `]`. Returns them in the order
// they are written, each placed as `source`, the file as written, has it;
// `hid` is set when any bytes were hidden.
std::vector<NoteSource> cut_inline_notes(std::string& file, std::string_view source, std::size_t from, bool& hid);

// Finds the notes defined in `file` from byte `from` on, outside fenced code,
// and blanks their bytes in `file` (each but a line's end and a quote's
// markers made a space), so that what is left reads as Markdown without
// them, every other character where it was.
std::vector<NoteSource> cut_notes(std::string& file, std::size_t from);

// A note's text as read: its blocks.
struct ReadNote {
  std::string label;
  Position at;
  std::vector<Block> blocks;
};

// Numbers the notes in the order the text first refers to them, makes each
// reference `[^label]` (outside code) a span of its own holding the number,
// flagged `note` and linked to its note, and adds the notes' blocks at the end
// of `doc`: their paragraphs as `note` blocks, the first of each marked with
// its number and named by the anchor "^N". A note never referred to is set
// after the others and warned of; a label defined twice is warned of at the
// second, which is set as one never referred to; a note without text is
// warned of and left out; a reference to no note stays as written, with a
// warning.
void attach_notes(Document& doc, std::vector<ReadNote> notes, Diagnostics& diags);

}  // namespace jakpum::doc
