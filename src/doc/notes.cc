#include "doc/notes.h"

#include <map>
#include <optional>
#include <unordered_map>

#include "core/utf8.h"

namespace jakpum::doc {
namespace {

bool is_blank(std::string_view line) { return line.find_first_not_of(" \t\r") == std::string_view::npos; }

// The columns a line is indented by (a tab reaching the next stop of four).
std::size_t indent_of(std::string_view line) {
  std::size_t columns = 0;
  for (char c : line) {
    if (c == ' ')
      ++columns;
    else if (c == '\t')
      columns += 4 - columns % 4;
    else
      break;
  }
  return columns;
}

// The bytes of up to four columns of a line's indent.
std::size_t indent_bytes(std::string_view line, std::size_t most) {
  std::size_t columns = 0, bytes = 0;
  while (bytes < line.size() && columns < most && (line[bytes] == ' ' || line[bytes] == '\t')) {
    columns += line[bytes] == '\t' ? 4 - columns % 4 : 1;
    ++bytes;
  }
  return bytes;
}

// A note's label where `line` opens with `[^label]:` after at most three
// spaces, and the byte after its colon. A label has no spaces or brackets.
std::optional<std::pair<std::string_view, std::size_t>> definition(std::string_view line) {
  const std::size_t i = indent_bytes(line, 3);
  if (indent_of(line) > 3 || !line.substr(i).starts_with("[^")) return std::nullopt;
  const std::size_t close = line.find(']', i + 2);
  if (close == std::string_view::npos || close == i + 2 || line.substr(close + 1, 1) != ":") return std::nullopt;
  const std::string_view label = line.substr(i + 2, close - i - 2);
  if (label.find_first_of(" \t[") != std::string_view::npos) return std::nullopt;
  return std::pair{label, close + 2};
}

// The character and length of the code fence (``` or ~~~, three or more)
// that opens `line` after at most three spaces; length 0 for none.
std::pair<char, std::size_t> fence_of(std::string_view line) {
  if (indent_of(line) > 3) return {0, 0};
  line.remove_prefix(indent_bytes(line, 3));
  if (line.empty() || (line[0] != '`' && line[0] != '~')) return {0, 0};
  const std::size_t n = line.find_first_not_of(line[0]);
  const std::size_t length = n == std::string_view::npos ? line.size() : n;
  return length >= 3 ? std::pair{line[0], length} : std::pair{char(0), std::size_t{0}};
}

// Whether a line opens a block that ends a paragraph running on without an
// indent: a heading, a quote, a fence, a list item or another note.
bool opens_block(std::string_view line) {
  if (indent_of(line) > 3) return false;
  line.remove_prefix(indent_bytes(line, 3));
  if (line.empty()) return false;
  if (line[0] == '#' || line[0] == '>' || fence_of(line).second > 0 || definition(line)) return true;
  if ((line[0] == '-' || line[0] == '*' || line[0] == '+') && (line.size() == 1 || line[1] == ' ')) return true;
  const std::size_t digits = line.find_first_not_of("0123456789");
  return digits > 0 && digits != std::string_view::npos && (line[digits] == '.' || line[digits] == ')') &&
         (digits + 1 == line.size() || line[digits + 1] == ' ');
}

// The block quote markers that open a line: `>`, each after at most three
// spaces and with one space after it taken along.
struct Quoted {
  std::size_t bytes = 0;  // of the markers
  int depth = 0;          // how many
};
Quoted quoted_of(std::string_view line) {
  Quoted q;
  while (q.bytes < line.size() && line.find('>', q.bytes) != std::string_view::npos) {
    const std::string_view rest = line.substr(q.bytes);
    const std::size_t at = indent_bytes(rest, 3);
    if (indent_of(rest) > 3 || at >= rest.size() || rest[at] != '>') break;
    q.bytes += at + 1, ++q.depth;
    if (q.bytes < line.size() && line[q.bytes] == ' ') ++q.bytes;
  }
  return q;
}

// Pairs in a text, each opening's offset to where what it opens ends,
// found a paragraph at a time: the first asked for in a paragraph has all
// of the paragraph's from there matched at once (`match(from, to)` filling
// `ends_`), so a paragraph of many costs its length, not its length for
// each.
class Pairs {
 public:
  explicit Pairs(std::string_view text) : text_(text) {}

 protected:
  // Where the pair opening at `at` ends; npos where none does.
  template <class Match>
  std::size_t end_of(std::size_t at, Match&& match) {
    if (at < from_ || at >= to_) {
      from_ = at;
      to_ = std::min(text_.find("\n\n", at), text_.size());  // (a line of spaces between ends it too, rarely)
      ends_.clear();
      match(from_, to_);
    }
    const auto it = ends_.find(at);
    return it == ends_.end() ? std::string_view::npos : it->second;
  }

  std::string_view text_;
  std::unordered_map<std::size_t, std::size_t> ends_;

 private:
  std::size_t from_ = 0, to_ = 0;
};

// The code spans of a text: where the one a run of backticks opens ends,
// past its closing run, the next of as many in its paragraph.
class CodeSpans : Pairs {
 public:
  using Pairs::Pairs;

  std::size_t end(std::size_t at) {
    return end_of(at, [&](std::size_t from, std::size_t to) {
      std::vector<std::pair<std::size_t, std::size_t>> runs;  // (start, length)
      for (std::size_t k = text_.find('`', from); k < to; k = text_.find('`', k)) {
        const std::size_t start = k;
        while (k < to && text_[k] == '`') ++k;
        runs.emplace_back(start, k - start);
      }
      std::unordered_map<std::size_t, std::size_t> next;  // by length: the end of the next run of it
      for (auto run = runs.rbegin(); run != runs.rend(); ++run) {
        const auto found = next.find(run->second);
        if (found != next.end()) ends_[run->first] = found->second;
        next[run->second] = run->first + run->second;
      }
    });
  }
};

// The brackets of a text: where the `]` is that closes the `[` at `at`,
// past code spans and escaped characters, in its paragraph.
class Brackets : Pairs {
 public:
  Brackets(std::string_view text, CodeSpans& code) : Pairs(text), code_(code) {}

  std::size_t close(std::size_t at) {
    return end_of(at, [&](std::size_t from, std::size_t to) {
      std::vector<std::size_t> open;
      for (std::size_t k = from; k < to; ++k) {
        const char c = text_[k];
        if (c == '\\') {
          ++k;
        } else if (c == '`') {
          const std::size_t end = code_.end(k);
          if (end != std::string_view::npos)
            k = end - 1;
          else
            while (k + 1 < to && text_[k + 1] == '`') ++k;
        } else if (c == '[') {
          open.push_back(k);
        } else if (c == ']' && !open.empty()) {
          ends_[open.back()] = k;
          open.pop_back();
        }
      }
    });
  }

 private:
  CodeSpans& code_;
};

}  // namespace

void through_prose(std::string_view file, std::size_t from, std::string_view wanted,
                   const std::function<std::size_t(std::size_t)>& step) {
  std::string stops = "`\\\n";
  stops += wanted;
  std::pair<char, std::size_t> fence{0, 0};  // the code fence open
  CodeSpans code(file);
  bool line_start = true;
  for (std::size_t i = from; i < file.size();) {
    if (line_start) {
      // A line is read past the quote markers that open it; a fence opens
      // or closes a block of code, whose lines are skipped.
      line_start = false;
      const std::size_t end = std::min(file.find('\n', i), file.size());
      const std::string_view line = file.substr(i, end - i);
      const std::string_view l = line.substr(quoted_of(line).bytes);
      const auto f = fence_of(l);
      const bool closing = fence.second > 0 && f.first == fence.first && f.second >= fence.second &&
                           is_blank(l.substr(l.find(f.first) + f.second));
      if (fence.second > 0 || f.second > 0) {
        fence = fence.second > 0 ? (closing ? std::pair<char, std::size_t>{0, 0} : fence) : f;
        i = end + 1;
        line_start = true;
        continue;
      }
    }
    i = file.find_first_of(stops, i);
    if (i == std::string_view::npos) return;
    const char c = file[i];
    std::size_t next = i + 1;
    if (c == '\\') {
      next = i + 2;
    } else if (c == '`') {
      const std::size_t end = code.end(i);
      next = end != std::string_view::npos ? end : file.find_first_not_of('`', i);
    } else if (c != '\n') {
      next = std::max(step(i), i + 1);
    }
    if (next == std::string_view::npos || next > file.size()) return;
    line_start = file[next - 1] == '\n';
    i = next;
  }
}

std::vector<NoteSource> cut_inline_notes(std::string& file, std::string_view source, std::size_t from, bool& hid) {
  std::vector<NoteSource> out;
  if (file.find("^[", from) == std::string::npos) return out;
  std::optional<LineIndex> index;
  CodeSpans code(file);
  Brackets brackets(file, code);
  through_prose(file, from, "^", [&](std::size_t i) -> std::size_t {
    if (i + 1 >= file.size() || file[i + 1] != '[') return i + 1;
    // Its `]`: past nested brackets, code spans and escapes, in its paragraph.
    const std::size_t close = brackets.close(i + 1);
    if (close == std::string::npos) return i + 2;
    const std::size_t line_start = file.rfind('\n', i) == std::string::npos ? from : file.rfind('\n', i) + 1;
    const std::size_t first_end = std::min(file.find('\n', i), close);
    const std::string label = label_byte + std::to_string(out.size() + 1);
    const std::string_view content = std::string_view(file).substr(i + 2, close - i - 2);
    // The reference, `[^label]`, goes where `^[` and the first of the
    // note's text were, or, where that line holds too little of it, over
    // the last of it on its last line; the rest is hidden, its line ends
    // kept. Nothing to say, a definition's opening (`^[x]:` at a line's
    // start), or a note of too few bytes for either: text.
    const std::size_t least = 2 + label.size() + 1;
    const std::size_t last_start = std::max(file.rfind('\n', close) + 1, i);
    std::size_t reference = i, reference_size = first_end - i + (first_end == close ? 1 : 0);
    if (reference_size < least) reference = last_start, reference_size = close + 1 - last_start;
    const bool opens_line =
        std::string_view(file).substr(line_start, i - line_start).find_first_not_of(" \t>") == std::string_view::npos;
    const bool definition_like = (reference != i || opens_line) && file.substr(close + 1, 1) == ":";
    if (is_blank(content) || definition_like || reference_size < least) return close + 1;
    if (!index) index.emplace(source);
    NoteSource note;
    note.at = index->position(i);
    // Its lines, each past the quote markers the note's first line is
    // inside, and their indent.
    const int depth_of_quote = quoted_of(std::string_view(file).substr(line_start, i - line_start)).depth;
    for (std::size_t at = i + 2; at < close;) {
      const std::size_t end = std::min(file.find('\n', at), close);
      std::string_view line = std::string_view(file).substr(at, end - at);
      if (at != i + 2) {
        const Quoted q = quoted_of(line);
        if (q.depth == depth_of_quote) line.remove_prefix(q.bytes);
        line.remove_prefix(std::min(line.size(), line.find_first_not_of(" \t")));
      }
      note.lines.emplace_back(note.text.size(), static_cast<std::size_t>(line.data() - file.data()));
      note.text += line;
      note.text += '\n';
      at = end + 1;
    }
    std::string shown = "[^" + label;
    shown.append(reference_size - shown.size() - 1, label_byte);
    note.label = shown.substr(2);
    shown += ']';
    for (std::size_t k = i; k <= close; ++k)
      if (k < reference || k >= reference + reference_size) {
        if (file[k] != '\n' && file[k] != '\r') file[k] = hidden_byte, hid = true;
      }
    file.replace(reference, reference_size, shown);
    out.push_back(std::move(note));
    return close + 1;
  });
  return out;
}

std::vector<NoteSource> cut_notes(std::string& file, std::size_t from) {
  std::vector<NoteSource> out;
  if (file.find("[^", from) == std::string::npos) return out;
  // The lines from `from` on, without their ends.
  std::vector<std::pair<std::size_t, std::size_t>> lines;
  for (std::size_t at = from; at < file.size();) {
    const std::size_t end = std::min(file.find('\n', at), file.size());
    lines.emplace_back(at, end);
    at = end + 1;
  }
  auto line = [&](std::size_t i) {
    return std::string_view(file).substr(lines[i].first, lines[i].second - lines[i].first);
  };
  std::optional<LineIndex> index;
  std::pair<char, std::size_t> fence{0, 0};  // the code fence open
  for (std::size_t i = 0; i < lines.size();) {
    // A line is read past the quote markers that open it, as md4c reads a
    // quote's text.
    const Quoted quoted = quoted_of(line(i));
    const std::string_view l = line(i).substr(quoted.bytes);
    if (fence.second > 0) {
      const auto f = fence_of(l);
      if (f.first == fence.first && f.second >= fence.second && is_blank(l.substr(l.find(f.first) + f.second)))
        fence = {0, 0};
      ++i;
      continue;
    }
    if (const auto f = fence_of(l); f.second > 0) {
      fence = f;
      ++i;
      continue;
    }
    const auto def = definition(l);
    if (!def) {
      ++i;
      continue;
    }
    if (!index) index.emplace(file);
    NoteSource note;
    note.label = std::string(def->first);
    note.at = index->position(lines[i].first + quoted.bytes + l.find('['));
    // The text of line k after its quote markers, where it is as deep in
    // quotes as the definition (nullopt for a line outside them).
    auto body = [&](std::size_t k) -> std::optional<std::string_view> {
      const Quoted q = quoted_of(line(k));
      if (q.depth != quoted.depth) return std::nullopt;
      return line(k).substr(q.bytes);
    };
    std::vector<std::pair<std::size_t, std::size_t>> taken;  // the bytes to blank: (first, end) in the file
    auto add = [&](std::size_t k, std::size_t skip) {
      const std::string_view all = *body(k);
      const std::string_view text = all.substr(std::min(skip, all.size()));
      note.lines.emplace_back(note.text.size(), lines[k].first + (text.data() - line(k).data()));
      note.text += text;
      note.text += '\n';
      taken.emplace_back(lines[k].first + (all.data() - line(k).data()), lines[k].second);
    };
    std::size_t first = def->second;
    while (first < l.size() && (l[first] == ' ' || l[first] == '\t')) ++first;
    add(i, first);
    // Its paragraph runs on over the lines after it, and later paragraphs
    // indented by four columns (after blank lines) are its too.
    std::size_t j = i + 1;
    while (j < lines.size() && body(j)) {
      const std::string_view b = *body(j);
      if (is_blank(b)) {
        std::size_t k = j;
        while (k < lines.size() && body(k) && is_blank(*body(k))) ++k;
        if (k == lines.size() || !body(k) || indent_of(*body(k)) < 4) break;
        for (; j < k; ++j) add(j, body(j)->size());
        continue;
      }
      if (indent_of(b) >= 4)
        add(j, indent_bytes(b, 4));
      else if (opens_block(b))
        break;
      else
        add(j, indent_bytes(b, 3));
      ++j;
    }
    for (const auto& [begin, end] : taken)
      for (std::size_t b = begin; b < end; ++b) file[b] = ' ';
    out.push_back(std::move(note));
    i = j;
  }
  return out;
}

namespace {

// Where a piece of a span starts: `bytes` into its text.
Position at_byte(const Span& s, std::size_t bytes) {
  return s.pos.line > 0 ? advanced(s.pos, std::string_view(s.text).substr(0, bytes)) : s.pos;
}

// The anchor of a note, by its number: "^1" (no heading's text names one so,
// as a heading's anchor has no "^").
std::string note_anchor(int number) { return "^" + std::to_string(number); }

}  // namespace

void attach_notes(Document& doc, std::vector<ReadNote> notes, Diagnostics& diags) {
  std::map<std::string, std::size_t, std::less<>> by_label;  // the first definition of each
  for (std::size_t k = 0; k < notes.size(); ++k) {
    if (notes[k].blocks.empty()) {
      diags.add(warning(doc.path, notes[k].at, "note `[^" + notes[k].label + "]` has no text: it is left out"));
      continue;
    }
    auto [first, added] = by_label.emplace(notes[k].label, k);
    if (!added) {
      const Position was = notes[first->second].at;
      diags.add(warning(doc.path, notes[k].at,
                        "note `[^" + notes[k].label + "]` is defined again (first at " + std::to_string(was.line) +
                            ":" + std::to_string(was.column) +
                            "); references lead to the first, and this one is set last"));
    }
  }
  std::vector<int> number(notes.size(), 0);
  std::vector<std::size_t> order;  // the notes by number
  auto refer = [&](std::vector<Span>& spans) {
    std::vector<Span> out;
    for (Span& s : spans) {
      const std::string& t = s.text;
      std::size_t done = 0;
      for (std::size_t at = (s.flags & code) ? std::string::npos : t.find("[^"); at != std::string::npos;
           at = t.find("[^", at)) {
        const std::size_t close = t.find(']', at + 2);
        if (close == std::string::npos) break;
        const std::string_view label = std::string_view(t).substr(at + 2, close - at - 2);
        if (label.empty() || label.find_first_of(" \t\n[") != std::string_view::npos) {
          at += 2;
          continue;
        }
        const auto note = by_label.find(label);
        if (note == by_label.end()) {
          diags.add(warning(doc.path, at_byte(s, at),
                            "`[^" + std::string(label) + "]` refers to no note; it is set as written"));
          at = close + 1;
          continue;
        }
        const std::size_t k = note->second;
        if (number[k] == 0) number[k] = static_cast<int>(order.size()) + 1, order.push_back(k);
        if (at > done) out.push_back({t.substr(done, at - done), s.flags, at_byte(s, done), s.link, s.wiki});
        // It leads to its note, even inside a link's text (whose address
        // the text either side of it keeps). Numbers written one after the
        // other are set apart by a comma, as print does ("1,2", not "12").
        const bool follows_number = at == done && !out.empty() && (out.back().flags & doc::note);
        out.push_back({(follows_number ? "," : "") + std::to_string(number[k]),
                       static_cast<std::uint16_t>(s.flags | doc::note), at_byte(s, at), "#" + note_anchor(number[k])});
        done = at = close + 1;
      }
      if (done == 0) {
        out.push_back(std::move(s));
      } else if (done < t.size()) {
        Span rest{t.substr(done), s.flags, at_byte(s, done), s.link, s.wiki};
        out.push_back(std::move(rest));
      }
    }
    spans = std::move(out);
  };
  auto refer_in = [&](std::vector<Block>& blocks) {
    for (Block& b : blocks) {
      if (b.kind != BlockKind::code) refer(b.spans);
      for (Row& row : b.rows)
        for (Cell& cell : row.cells) refer(cell.spans);
    }
  };
  // Notes refer to notes too: those are numbered after them.
  std::size_t read = 0;
  auto settle = [&] {
    while (read < order.size()) refer_in(notes[order[read++]].blocks);
  };
  refer_in(doc.blocks);
  settle();
  for (std::size_t k = 0; k < notes.size(); ++k) {
    if (number[k] != 0 || notes[k].blocks.empty()) continue;
    number[k] = static_cast<int>(order.size()) + 1, order.push_back(k);
    if (by_label.at(notes[k].label) == k)
      diags.add(warning(doc.path, notes[k].at,
                        "note `[^" + notes[k].label + "]` is never referred to; it is set after the others, numbered " +
                            std::to_string(number[k])));
    settle();
  }
  for (std::size_t k : order) {
    bool first = true;
    for (Block& b : notes[k].blocks) {
      if (b.kind == BlockKind::paragraph || b.kind == BlockKind::heading) b.kind = BlockKind::note, b.level = 0;
      b.in_note = true;
      if (first && b.kind == BlockKind::note)
        b.marker = std::to_string(number[k]) + ".", b.anchor = note_anchor(number[k]);
      first = false;
      doc.blocks.push_back(std::move(b));
    }
  }
}

}  // namespace jakpum::doc
