#include "doc/markdown.h"

#include <md4c.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <iterator>
#include <optional>
#include <set>
#include <utility>

#include "core/utf8.h"
#include "doc/front_matter.h"
#include "doc/notes.h"

namespace jakpum::doc {
namespace {

// An address's percent-encoded bytes decoded.
std::string percent_decoded(std::string_view s) {
  std::string out;
  auto hex = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (c | 0x20) - 'a' + 10; };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2])))
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])), i += 2;
    else
      out += s[i];
  }
  return out;
}

// Whether an address is a URI with a scheme ("https:", "mailto:") or a
// network path ("//host/..."), not a path on this machine. RFC 3986 §3.1: a
// scheme is a letter, then letters, digits, "+", "-" or ".", before the
// first ":" (and before any "/", "?" or "#").
bool is_remote(std::string_view address) {
  if (address.starts_with("//")) return true;
  const std::string_view head = address.substr(0, address.find_first_of("/?#"));
  const std::size_t colon = head.find(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view scheme = head.substr(0, colon);
  return !scheme.empty() && std::isalpha(static_cast<unsigned char>(scheme[0])) &&
         std::all_of(scheme.begin(), scheme.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '-' || c == '.';
         });
}

struct Container {
  enum Kind { quote, list } kind;
  bool ordered = false;
  unsigned next_number = 1;
  char delimiter = '.';
  std::size_t first_block = 0;  // quotes: index of the first block inside
};

// Decodes the character references md4c hands over as MD_TEXT_ENTITY. md4c
// recognises their syntax only; the common named ones are listed here.
std::optional<std::string> decode_entity(std::string_view entity) {
  auto utf8 = [](char32_t c) {
    std::string s;
    if (c < 0x80) s += char(c);
    else if (c < 0x800) s += char(0xC0 | (c >> 6)), s += char(0x80 | (c & 0x3F));
    else if (c < 0x10000)
      s += char(0xE0 | (c >> 12)), s += char(0x80 | ((c >> 6) & 0x3F)), s += char(0x80 | (c & 0x3F));
    else
      s += char(0xF0 | (c >> 18)), s += char(0x80 | ((c >> 12) & 0x3F)), s += char(0x80 | ((c >> 6) & 0x3F)),
          s += char(0x80 | (c & 0x3F));
    return s;
  };
  if (entity.size() < 3 || entity.front() != '&' || entity.back() != ';') return std::nullopt;
  std::string_view name = entity.substr(1, entity.size() - 2);
  if (name.starts_with('#')) {
    bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
    std::string digits(name.substr(hex ? 2 : 1));
    if (digits.empty() || digits.size() > 7 || !std::all_of(digits.begin(), digits.end(), [&](char d) {
          return hex ? std::isxdigit(static_cast<unsigned char>(d)) : std::isdigit(static_cast<unsigned char>(d));
        }))
      return std::nullopt;
    char32_t c = static_cast<char32_t>(std::stoul(digits, nullptr, hex ? 16 : 10));
    // CommonMark: invalid code points become U+FFFD.
    if (c == 0 || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
    return utf8(c);
  }
  static const std::pair<std::string_view, char32_t> named[] = {
      {"amp", '&'},       {"lt", '<'},        {"gt", '>'},         {"quot", '"'},      {"apos", '\''},
      {"nbsp", 0xA0},     {"copy", 0xA9},     {"reg", 0xAE},       {"middot", 0xB7},   {"ndash", 0x2013},
      {"mdash", 0x2014},  {"lsquo", 0x2018},  {"rsquo", 0x2019},   {"ldquo", 0x201C},  {"rdquo", 0x201D},
      {"hellip", 0x2026}, {"bull", 0x2022},   {"trade", 0x2122},   {"times", 0xD7},    {"laquo", 0xAB},
      {"raquo", 0xBB},    {"deg", 0xB0},      {"sect", 0xA7},      {"para", 0xB6},     {"shy", 0xAD},
  };
  for (const auto& [n, c] : named)
    if (n == name) return utf8(c);
  return std::nullopt;
}

// Text of raw HTML (which md4c hands over as written) with its character
// references decoded, as a browser reads them; one decode_entity does not
// know is kept as written.
std::string with_references_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t semicolon = text[i] == '&' ? text.find(';', i) : std::string_view::npos;
    if (semicolon != std::string_view::npos && semicolon - i <= 32)
      if (auto decoded = decode_entity(text.substr(i, semicolon + 1 - i))) {
        out += *decoded;
        i = semicolon;
        continue;
      }
    out += text[i];
  }
  return out;
}

// Three readings of md4c's that Korean text does not want, mended by showing
// md4c a character other than the one written, of as many bytes (so every
// offset stays), and giving it back wherever md4c hands over text:
//
// - CommonMark lets `**` close emphasis after punctuation only where a space
//   or punctuation follows, as in English (`**"work"**, and`); Korean puts a
//   particle right after: `**"작품"**이다`, `**마크다운(Markdown)**을` are set
//   with their stars as written, as GitHub sets them (and, the other way
//   round, `그의**『자본』**` written without its space), and so are
//   `**10%**가` and `**C++**를`. Where a run of `*` or of `~~` has
//   punctuation on one side and a Hangul, kana or Han letter on the other,
//   that letter is shown as punctuation (U+3001), which makes the run close
//   (or open) as the CJK-friendly reading of CommonMark proposes; so is a
//   Latin letter or digit before a run opening on a quoted or bracketed
//   Korean word (`AI**“작품”**과`).
// - md4c takes a bare address on to the next space, as GitHub does, so
//   `https://naver.com에서` linked to "naver.com에서" and `(https://a.kr/b)처럼`
//   to "b)처럼": a Hangul, kana or Han letter right after an address's letter,
//   digit or closing mark ends the address, shown as a space (and two
//   letters), which md4c stops at and trims a closing parenthesis before. One
//   after `/`, `=` or the like is a path's own (`/wiki/노동`) and stays; so do
//   addresses in a link's parentheses or angle brackets, which end where
//   those do.
// - md4c strikes text between single tildes, as GitHub's extension allows;
//   Korean writes a range with one: `1~2시간 걸리고 3~4쪽` lost both tildes
//   and struck what lay between. A lone `~` is shown as `$`, which md4c
//   takes as it takes a tilde (neither space nor punctuation to its
//   emphasis, a path's character to an address; math spans are not read)
//   and which, unlike a letter, makes no character reference (`&#~41;`
//   shown as `&#x41;` was one): struck text is written between `~~`, as the
//   README says.
struct Swap {
  std::size_t at = 0;             // offset of the character's bytes
  std::array<char, 3> written{};  // its bytes: three, or one for a tilde
  std::size_t size = 3;
  std::string_view shown = "\u3001";  // what md4c is shown instead, as many bytes
};

// A Hangul, kana or Han letter; each is of three bytes in UTF-8, as a swap's
// stand-in must be.
bool cjk_letter(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) || (c >= 0x3131 && c <= 0x318E) ||
         (c >= 0x3041 && c <= 0x30FA) || (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF);
}

// Punctuation, as CommonMark has it (ASCII's, and Unicode's punctuation
// and symbols): quotes, brackets and stops, and the `%`, `+` or `℃` a
// writer also puts inside emphasis (`**10%**가`, `**C++**를`).
bool punctuation(char32_t c) {
  if (c == 0) return false;
  if (c < 0x80) return std::ispunct(static_cast<int>(c)) != 0;
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & (U_GC_P_MASK | U_GC_S_MASK)) != 0;
}

std::vector<Swap> md4c_swaps(std::string_view text, std::size_t from) {
  std::vector<Swap> out;
  // The character starting at `at` (0 past the end), as ICU's macro reads
  // it, and the one ending there with where it starts.
  const auto n = static_cast<std::int32_t>(text.size());
  auto char_at = [&](std::size_t at) -> char32_t {
    if (at >= text.size()) return 0;
    auto i = static_cast<std::int32_t>(at);
    UChar32 c = 0;
    U8_NEXT(text.data(), i, n, c);
    return c < 0 ? 0 : static_cast<char32_t>(c);
  };
  auto char_before = [&](std::size_t at) -> std::pair<char32_t, std::size_t> {
    if (at <= from) return {0, at};
    std::size_t start = at - 1;  // back over continuation bytes to the lead byte
    while (start > from && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) --start;
    return {char_at(start), start};
  };
  // Whether a Hangul, kana or Han letter starts at `at` (all of three bytes).
  auto letter_at = [&](std::size_t at) { return cjk_letter(char_at(at)); };
  auto add = [&](std::size_t at, std::string_view shown = "\u3001") {
    out.push_back({at, {text[at], text[at + 1], text[at + 2]}, 3, shown});
  };
  // Bare addresses: from each `://` and `www.` on, over what md4c would
  // take into it, to a letter right after one of its own.
  for (std::string_view opening : {"://", "www."}) {
    for (std::size_t at = text.find(opening, from); at != std::string_view::npos; at = text.find(opening, at + 1)) {
      std::size_t start = at;  // the scheme's first letter
      if (opening == "://")
        while (start > from && std::isalpha(static_cast<unsigned char>(text[start - 1]))) --start;
      const char before = start > from ? text[start - 1] : ' ';
      if (before == '<' || (before == '(' && start > from + 1 && text[start - 2] == ']')) continue;  // ends with those
      if (opening == "www." && std::isalnum(static_cast<unsigned char>(before))) continue;           // inside a word
      std::size_t end = at + opening.size();
      while (end < text.size() && static_cast<unsigned char>(text[end]) < 0x80 && text[end] != '<' &&
             !std::isspace(static_cast<unsigned char>(text[end])))
        ++end;
      // Stars or tildes closing emphasis around the address end it too
      // (`**https://a.kr**과`).
      std::size_t stop = end;
      while (stop > at + opening.size() && (text[stop - 1] == '*' || text[stop - 1] == '~')) --stop;
      const auto last = static_cast<unsigned char>(text[stop - 1]);
      const bool own =
          std::isalnum(last) || std::string_view(").,]").find(static_cast<char>(last)) != std::string_view::npos;
      if (stop > at + opening.size() && own && letter_at(end)) add(end, " xx");
    }
  }
  // The next `*` and the next `~`, each found with memchr (find_first_of
  // looks at every byte in turn, ten times slower on a long book).
  std::size_t star = text.find('*', from), tilde = text.find('~', from);
  for (std::size_t i = std::min(star, tilde); i != std::string_view::npos; i = std::min(star, tilde)) {
    std::size_t end = i;
    while (end < text.size() && text[end] == text[i]) ++end;
    const bool escaped = i > from && text[i - 1] == '\\';
    if (!escaped && text[i] == '~' && end - i == 1) out.push_back({i, {'~'}, 1, "$"});  // a range: 1~2
    if (!escaped && (text[i] == '*' ? end - i <= 3 : end - i == 2)) {
      const auto [before, before_at] = char_before(i);
      const char32_t after = char_at(end);
      // Closing: `"**이`. After a link's `)`, the letter is shown as a space:
      // md4c reads an address in the link's destination on (as a bare one)
      // over the stars to the next space, unless a space or an ASCII mark
      // follows them (`**[제품](https://a.kr)**과`).
      if (punctuation(before) && letter_at(end)) add(end, before == ')' ? " xx" : "\u3001");
      if (punctuation(after) && before_at + 3 == i && letter_at(before_at)) add(before_at);  // opening
      // Opening after a Latin letter or a digit, around a Korean word in
      // quotes or brackets (`AI**“작품”**과`): the letter is shown as a comma.
      // Latin inside (`foo**(bar)**`) keeps CommonMark's reading.
      if (before < 0x80 && std::isalnum(static_cast<int>(before)) && punctuation(after) &&
          letter_at(end + U8_LENGTH(after)))
        out.push_back({before_at, {text[before_at]}, 1, ","});
    }
    if (star < end) star = text.find('*', end);
    if (tilde < end) tilde = text.find('~', end);
  }
  // Obsidian's embed, `![[그림.png]]`: md4c reads `![` as an image's
  // opening, and the wiki link after it is lost. Its `!` is shown as a
  // letter (a space would move a list item's text, and go at a line's start).
  for (std::size_t at = text.find("![[", from); at != std::string_view::npos; at = text.find("![[", at + 3))
    if (at == from || text[at - 1] != '\\') out.push_back({at, {'!'}, 1, "x"});
  // A letter both after one run and before the next keeps the first's stand-in.
  std::stable_sort(out.begin(), out.end(), [](const Swap& a, const Swap& b) { return a.at < b.at; });
  out.erase(std::unique(out.begin(), out.end(), [](const Swap& a, const Swap& b) { return a.at == b.at; }), out.end());
  return out;
}

// `text` as md4c is shown it: each swapped character as its stand-in.
std::string shown_to_md4c(std::string_view text, const std::vector<Swap>& swaps) {
  std::string out(text);
  for (const Swap& w : swaps) out.replace(w.at, w.size, w.shown);
  return out;
}

// Where Obsidian finds an embedded file (`![[그림.png]]`), as the note's
// folder names it: beside the note; else in the note's vault, the nearest
// folder above it that holds `.obsidian`, by its path from there
// (`![[첨부/그림.png]]`) or, for a name alone, in whichever of its folders
// has it (Obsidian's attachments folder, wherever the writer set it): the
// one fewest folders down, then the first by name. `name` as it is where
// the vault has no such file, or there is no vault (the error then names it).
std::string embedded_file(const std::string& note, const std::string& name) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (note == "-" || name.empty() || fs::path(name).is_absolute()) return name;
  const fs::path folder = fs::absolute(fs::path(note).parent_path(), ec);
  if (ec || fs::exists(folder / name, ec)) return name;
  fs::path vault;
  for (fs::path at = folder; !at.empty(); at = at.parent_path()) {
    if (fs::is_directory(at / ".obsidian", ec)) {
      vault = at;
      break;
    }
    if (at == at.parent_path()) break;
  }
  if (vault.empty()) return name;
  fs::path found;
  if (fs::exists(vault / name, ec)) {
    found = vault / name;
  } else if (name.find('/') == std::string::npos) {
    // Through the vault, past its hidden folders (`.obsidian`, `.trash`,
    // `.git`), no further than a vault of a hundred thousand files.
    std::ptrdiff_t best_depth = 0;
    auto it = fs::recursive_directory_iterator(vault, fs::directory_options::skip_permission_denied, ec);
    for (std::size_t seen = 0; !ec && it != fs::recursive_directory_iterator() && seen < 100000;
         it.increment(ec), ++seen) {
      const fs::path& path = it->path();
      if (path.filename().string().starts_with('.')) {
        if (it->is_directory(ec)) it.disable_recursion_pending();
        continue;
      }
      if (path.filename() != name || !it->is_regular_file(ec)) continue;
      const std::ptrdiff_t depth = it.depth();
      if (found.empty() || depth < best_depth || (depth == best_depth && path < found))
        found = path, best_depth = depth;
    }
  }
  return found.empty() ? name : found.lexically_relative(folder).string();
}

// The length of the Obsidian block ID that `text` ends with (` ^quote-1`,
// with the spaces before it), 0 for none; `alone`: the text is nothing but one.
std::size_t block_id_at_end(std::string_view text, bool alone) {
  // Back over the ID's letters, digits and dashes, to its `^`.
  std::size_t caret = text.size();
  while (caret > 0 && (std::isalnum(static_cast<unsigned char>(text[caret - 1])) || text[caret - 1] == '-')) --caret;
  if (caret == 0 || caret == text.size() || text[--caret] != '^') return 0;
  std::size_t start = caret;
  while (start > 0 && (text[start - 1] == ' ' || text[start - 1] == '\t')) --start;
  if (alone ? start != 0 : (start == caret || start == 0)) return 0;
  return text.size() - start;
}

// Obsidian's block IDs name a block for links to it (`[[노트#^quote-1]]`),
// written at a paragraph's or item's end after a space, or on a line of
// their own after a quote, list or table; its reading view never shows them,
// nor does print.
void drop_block_ids(std::vector<Block>& blocks) {
  auto plain_text = [](const Span& s) { return !(s.flags & (code | note)) && s.link.empty(); };
  std::erase_if(blocks, [&](const Block& b) {
    return b.kind == BlockKind::paragraph && b.spans.size() == 1 && plain_text(b.spans.front()) &&
           block_id_at_end(b.spans.front().text, true) > 0;
  });
  for (Block& b : blocks) {
    if (b.kind == BlockKind::code || b.kind == BlockKind::heading || b.spans.empty() || !plain_text(b.spans.back()))
      continue;
    std::string& last = b.spans.back().text;
    if (const std::size_t id = block_id_at_end(last, false)) last.resize(last.size() - id);
  }
}

// Where the Pandoc attributes that open at `open` (a `{`) end, past their
// `}`: `#id`, `.class`, `key=value` or `key="a value"` and `-`, apart by
// spaces or line ends (no blank line); npos where what is in the braces is
// no such list (`{이건 본문}`, `{}`). `id`, given, gets the `#id`.
std::size_t attributes_end(std::string_view text, std::size_t open, std::string* id = nullptr) {
  constexpr std::string_view apart = " \t\r\n";
  // No list of attributes runs as long as this (a paragraph of `){` and
  // letters would otherwise be read to its end from each).
  text = text.substr(0, std::min(text.size(), open + 4096));
  bool any = false;
  for (std::size_t i = open + 1; i < text.size();) {
    const std::size_t word = text.find_first_not_of(apart, i);
    if (word == std::string_view::npos) return std::string_view::npos;
    if (text.substr(i, word - i).find("\n\n") != std::string_view::npos) return std::string_view::npos;
    if (text[word] == '}') return any ? word + 1 : std::string_view::npos;
    std::size_t stop = std::min(text.find_first_of(" \t\r\n}", word), text.size());
    const std::string_view token = text.substr(word, stop - word);
    if (token.find('{') != std::string_view::npos) return std::string_view::npos;
    const std::size_t equals = token.find('=');
    if (equals != std::string_view::npos && equals > 0 && token.size() > equals + 1 && token[equals + 1] == '"') {
      // `key="a value"`, spaces and all.
      const std::size_t quote = text.find('"', word + equals + 2);
      if (quote == std::string_view::npos) return std::string_view::npos;
      stop = quote + 1;
    } else if (token.size() > 1 && token.front() == '#') {
      if (id) *id = token.substr(1);
    } else if (!(token == "-" || (token.size() > 1 && token.front() == '.') ||
                 (equals != std::string_view::npos && equals > 0))) {
      return std::string_view::npos;
    }
    any = true;
    i = stop;
  }
  return std::string_view::npos;
}

// Pandoc's attributes after a heading's text, `## 절 {#intro .unnumbered}`
// (`{-}` too): taken off its text, its `#id` the heading's anchor, which
// links name (`[처음으로](#intro)`); the rest has nothing to say to print.
void take_attributes(Block& heading) {
  if (heading.spans.empty() || (heading.spans.back().flags & (code | note))) return;
  std::string& last = heading.spans.back().text;
  std::size_t end = last.size();
  while (end > 0 && last[end - 1] == ' ') --end;
  const std::size_t open = end == 0 ? std::string::npos : last.rfind('{', end - 1);
  if (open == std::string::npos || (open > 0 && last[open - 1] != ' ')) return;
  std::string id;
  if (attributes_end(last, open, &id) != end) return;
  std::size_t cut = open;
  while (cut > 0 && last[cut - 1] == ' ') --cut;
  last.erase(cut);
  if (last.empty()) heading.spans.pop_back();
  if (!id.empty()) heading.anchor = std::move(id);
}

// Pandoc's attributes right after an image, a link or a bracketed span, as
// it writes them converting a word processor's file:
// `![](media/image1.png){width="6.27in"\nheight="3.53in"}`,
// `[밑줄 친 글]{.underline}`, `[]{#_Toc1234 .anchor}`. Each is hidden, as
// Obsidian's comments are, and so are a span's brackets; a span of class
// `underline` or `mark` is added to `styled`, from its text's first
// character to past its last, for that style (style_spans), placed as
// `source`, the file as written, has it. False when the text has none.
struct Styled {
  Position begin, end;
  std::uint16_t flag = 0;
};

bool hide_attributes(std::string& text, std::string_view source, std::size_t from, std::vector<Styled>& styled) {
  bool any = false;
  std::optional<LineIndex> index;
  std::vector<std::size_t> open;                                              // the `[`s not yet closed
  std::size_t last_open = std::string::npos, last_close = std::string::npos;  // the last pair closed
  auto hide = [&](std::size_t begin, std::size_t end) {
    for (std::size_t k = begin; k < end; ++k)
      if (text[k] != '\n' && text[k] != '\r') text[k] = hidden_byte;
    any = true;
  };
  through_prose(text, from, "[]{", [&](std::size_t i) {
    const char c = text[i];
    if (c == '[') {
      open.push_back(i);
    } else if (c == ']') {
      if (!open.empty()) last_open = open.back(), last_close = i, open.pop_back();
    } else if (i > from && (text[i - 1] == ')' || text[i - 1] == ']')) {
      const std::size_t end = attributes_end(text, i);
      if (end == std::string::npos) return i + 1;
      // A span's brackets, in one paragraph, not an image's description.
      if (text[i - 1] == ']' && last_close == i - 1 &&
          std::string_view(text).substr(last_open, last_close - last_open).find("\n\n") == std::string_view::npos &&
          (last_open == from || text[last_open - 1] != '!')) {
        const std::string_view attributes = std::string_view(text).substr(i, end - i);
        for (const auto& [name, flag] : {std::pair{std::string_view(".underline"), underline}, {".mark", mark}}) {
          const std::size_t at = attributes.find(name);
          const char after = at == std::string_view::npos ? 0 : attributes[at + name.size()];
          if (at == std::string_view::npos || (after != ' ' && after != '}' && after != '\n' && after != '\t'))
            continue;
          if (!index) index.emplace(source);
          styled.push_back({index->position(last_open + 1), index->position(last_close), flag});
        }
        hide(last_open, last_open + 1), hide(last_close, last_close + 1);
      }
      hide(i, end);
      return end;
    }
    return i + 1;
  });
  return any;
}

// Pandoc's fenced divs (Quarto's callouts among them): a line of three or
// more colons with a class or attributes, `::: {.callout-note}` or
// `::: 메모`, opens one and a line of colons alone closes it. Their fences
// are hidden, as Obsidian's comments are, and what is between them is set
// as the rest of the text is. False when the text has none.
bool hide_div_fences(std::string& text, std::size_t from) {
  if (text.find(":::", from) == std::string::npos) return false;
  bool any = false;
  int open = 0;
  through_prose(text, from, ":", [&](std::size_t i) {
    if (i != from && text[i - 1] != '\n') return i + 1;
    const std::size_t end = std::min(text.find('\n', i), text.size());
    std::size_t colons = i;
    while (colons < end && text[colons] == ':') ++colons;
    if (colons - i < 3) return end;
    // What follows the colons: nothing (a close), or a class or attributes,
    // with colons after them as some writers close the line.
    std::string_view rest = std::string_view(text).substr(colons, end - colons);
    while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\r' || rest.back() == ':'))
      rest.remove_suffix(1);
    rest.remove_prefix(std::min(rest.size(), rest.find_first_not_of(" \t")));
    const bool closes = rest.empty() && open > 0;
    const bool opens = !rest.empty() && (rest.front() == '{' ? attributes_end(rest, 0) == rest.size()
                                                             : rest.find_first_of(" \t{}") == std::string_view::npos);
    if (!closes && !opens) return end;
    open += opens ? 1 : -1;
    for (std::size_t k = i; k < end; ++k)
      if (text[k] != '\r') text[k] = hidden_byte;
    any = true;
    return end;
  });
  return any;
}

// Each span of text that starts inside a styled range takes its style (its
// brackets, hidden, end the spans before and inside it where they are).
void style_spans(std::vector<Block>& blocks, const std::vector<Styled>& styled) {
  auto before = [](Position a, Position b) { return a.line < b.line || (a.line == b.line && a.column < b.column); };
  auto style = [&](std::vector<Span>& spans) {
    for (Span& s : spans)
      for (const Styled& range : styled)
        if (s.pos.line > 0 && !before(s.pos, range.begin) && before(s.pos, range.end) && !(s.flags & (code | note)))
          s.flags |= range.flag;
  };
  for (Block& b : blocks) {
    if (b.kind == BlockKind::code) continue;
    style(b.spans);
    for (Row& row : b.rows)
      for (Cell& cell : row.cells) style(cell.spans);
  }
}

// Obsidian's comments, `%%…%%`, are the writer's notes, which its reading
// view never shows: each is made a run of hidden bytes (its line ends kept,
// so every offset and line stays), which md4c takes as letters (they start
// no block and end no paragraph) and the reader drops. A `%%` in code (a
// span, a fenced block) is code's; one that nothing closes is text. False
// when the text has none.
constexpr char hidden = hidden_byte;
constexpr char cut_bytes[] = {hidden_byte, label_byte, 0};

bool hide_comments(std::string& text, std::size_t from) {
  if (text.find("%%", from) == std::string::npos) return false;
  bool any = false;
  through_prose(text, from, "%", [&](std::size_t i) {
    if (i + 1 >= text.size() || text[i + 1] != '%') return i + 1;
    const std::size_t close = text.find("%%", i + 2);
    if (close == std::string::npos) return text.size();
    for (std::size_t k = i; k < close + 2; ++k)
      if (text[k] != '\n' && text[k] != '\r') text[k] = hidden;
    any = true;
    return close + 2;
  });
  return any;
}

class Reader {
 public:
  // Reads `file`, a copy of `source` or, for a note, its text, whose lines
  // start where `lines` says (NoteSource::lines), for positions in `source`.
  Reader(std::string_view file, std::string_view source, const std::string& path, Diagnostics& diags,
         const std::vector<std::pair<std::size_t, std::size_t>>* lines = nullptr)
      : file_(file), lines_(source), path_(path), diags_(diags), note_lines_(lines) {}

  Document doc;
  std::string_view file() const { return file_; }
  std::vector<Swap> swaps;  // characters md4c was shown as others (md4c_swaps), by offset into `file`
  // Bytes were hidden or inline notes cut (hide_comments, hide_div_fences,
  // hide_attributes, cut_inline_notes).
  bool cut = false;

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    switch (type) {
      case MD_BLOCK_QUOTE:
        close_block();
        containers_.push_back({Container::quote});
        containers_.back().first_block = doc.blocks.size();
        break;
      case MD_BLOCK_UL:
      case MD_BLOCK_OL: {
        close_block();
        Container list{Container::list};
        if (type == MD_BLOCK_OL) {
          auto* d = static_cast<MD_BLOCK_OL_DETAIL*>(detail);
          list.ordered = true, list.next_number = d->start, list.delimiter = d->mark_delimiter;
        }
        containers_.push_back(list);
        break;
      }
      case MD_BLOCK_LI: {
        close_block();
        auto it = std::find_if(containers_.rbegin(), containers_.rend(),
                               [](const Container& c) { return c.kind == Container::list; });
        int depth = list_depth();
        static const char* bullets[] = {"\u2022", "\u25E6", "\u2013"};  // • ◦ – (all in Nanum and Noto)
        pending_marker_ = it->ordered ? std::to_string(it->next_number++) + it->delimiter
                                      : bullets[(depth - 1) % 3];
        // A task (GitHub's `- [ ]` and `- [x]`) is marked by a box, open or
        // filled: □ and ■ (in Nanum and Noto, which have no ballot boxes), in
        // place of a bullet; a numbered one keeps its number (which a reader
        // may refer to) and its box opens its text, so numbers stay aligned.
        if (auto* task = static_cast<MD_BLOCK_LI_DETAIL*>(detail); task && task->is_task) {
          const char* box = task->task_mark == ' ' ? "\u25A1" : "\u25A0";
          (it->ordered ? pending_box_ : pending_marker_) = box;
        }
        break;
      }
      case MD_BLOCK_HR:
        close_block();
        doc.blocks.emplace_back().kind = BlockKind::section_break;
        doc.blocks.back().quotes = quote_depth(), doc.blocks.back().lists = list_depth();
        break;
      case MD_BLOCK_H: {
        unsigned level = static_cast<MD_BLOCK_H_DETAIL*>(detail)->level;
        open_block(BlockKind::heading, static_cast<int>(std::min(level, 3u)));
        if (level > 3) defer_warning("heading level " + std::to_string(level) + " is set as level 3");
        break;
      }
      case MD_BLOCK_CODE:
        open_block(BlockKind::code, 0);
        verbatim_ = code_block_ = true;
        column_ = 0;
        break;
      case MD_BLOCK_HTML:
        open_block(context_kind(), context_level());
        html_block_ = true;
        break;
      case MD_BLOCK_P:
        open_block(context_kind(), context_level());
        break;
      case MD_BLOCK_TABLE:
        close_block();
        doc.blocks.emplace_back().kind = BlockKind::table;
        doc.blocks.back().quotes = quote_depth(), doc.blocks.back().lists = list_depth();
        table_ = doc.blocks.size() - 1;
        break;
      case MD_BLOCK_THEAD:
        in_head_ = true;
        break;
      case MD_BLOCK_TBODY:
        in_head_ = false;
        break;
      case MD_BLOCK_TR:
        if (table_) doc.blocks[*table_].rows.push_back({in_head_, {}});
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD: {
        // A cell's text is read as a paragraph of its own, then moved into the table.
        const MD_ALIGN align = static_cast<MD_BLOCK_TD_DETAIL*>(detail)->align;
        cell_align_ = align == MD_ALIGN_CENTER ? Cell::Align::center
                      : align == MD_ALIGN_RIGHT ? Cell::Align::right
                                                : Cell::Align::left;
        open_block(BlockKind::paragraph, 0);
        break;
      }
      default:
        break;
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type, void*) {
    in_comment_ = false;  // a comment left open ends with its block
    switch (type) {
      case MD_BLOCK_QUOTE:
        close_block();
        finish_quote(containers_.back().first_block);
        containers_.pop_back();
        break;
      case MD_BLOCK_UL:
      case MD_BLOCK_OL:
        close_block();
        containers_.pop_back();
        break;
      case MD_BLOCK_HTML:
        if (!html_tag_.empty()) {  // a `<` that no `>` ended: as written
          diags_.add(warning(path_, html_tag_at_, "raw HTML has no style yet; set as plain text"));
          append_prose(html_tag_, html_tag_at_);
          html_tag_.clear();
        }
        html_block_ = false;
        close_block();
        // A paragraph or a heading left open ends with its HTML block, as
        // a browser ends it at the next block (a <div> goes on over the
        // Markdown between it and its </div>).
        while (!aligned_.empty() && holds_no_blocks(aligned_.back().first)) aligned_.pop_back();
        break;
      case MD_BLOCK_CODE:
        // Verbatim blocks end with their final newline; it is no line break.
        if (open_) {
          auto& spans = doc.blocks.back().spans;
          while (!spans.empty() && spans.back().text.ends_with('\n')) {
            spans.back().text.pop_back();
            if (spans.back().text.empty()) spans.pop_back();
          }
        }
        verbatim_ = code_block_ = false;
        close_block();
        break;
      case MD_BLOCK_H:
      case MD_BLOCK_P:
      case MD_BLOCK_LI:
        close_block();
        break;
      case MD_BLOCK_TH:
      case MD_BLOCK_TD:
        leave_cell();
        break;
      case MD_BLOCK_TABLE:
        if (table_) {
          Block& t = doc.blocks[*table_];
          for (const Row& r : t.rows)
            for (const Cell& c : r.cells)
              if (t.pos.line == 0 && !c.spans.empty()) t.pos = c.spans.front().pos;
          if (t.rows.empty()) doc.blocks.pop_back();
        }
        table_.reset();
        in_head_ = false;
        break;
      default:
        break;
    }
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    switch (type) {
      case MD_SPAN_A: link_ = link_address(static_cast<MD_SPAN_A_DETAIL*>(detail)->href); break;
      case MD_SPAN_EM: ++emphasis_; break;
      case MD_SPAN_STRONG: ++strong_; break;
      case MD_SPAN_IMG: enter_image(static_cast<MD_SPAN_IMG_DETAIL*>(detail)->src); break;
      case MD_SPAN_CODE: ++code_; break;
      case MD_SPAN_DEL: ++strike_; break;
      case MD_SPAN_WIKILINK: enter_wiki_link(static_cast<MD_SPAN_WIKILINK_DETAIL*>(detail)->target); break;
      default: break;
    }
    return 0;
  }

  int leave_span(MD_SPANTYPE type, void*) {
    if (type == MD_SPAN_EM) --emphasis_;
    if (type == MD_SPAN_STRONG) --strong_;
    if (type == MD_SPAN_A) link_.clear();
    if (type == MD_SPAN_CODE) --code_;
    if (type == MD_SPAN_DEL) --strike_;
    if ((type == MD_SPAN_IMG || (type == MD_SPAN_WIKILINK && embed_)) && --image_ == 0 && figure_block_)
      figure_image_done_ = true;
    if (type == MD_SPAN_WIKILINK) link_.clear(), wiki_ = false, embed_ = false, wiki_shown_.clear();
    return 0;
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    if (embed_) return 0;  // an embedded image's size or description (`![[그림.png|300]]`)
    if (!wiki_shown_.empty() && text == wiki_target_.data() && size == wiki_target_.size()) {
      append_prose(wiki_shown_, position_of(text));  // the note's name and heading, as the link's text
      return 0;
    }
    if (cut) {
      std::string written;
      const std::string_view s = as_written(std::string_view(text, size), written);
      // A comment's bytes are dropped: the prose on either side of one is
      // handed over as pieces of its own, each placed where it starts, with
      // one space between them where each side had one; a line's end inside
      // a comment or right after one is no space. So is the prose after an
      // inline note's reference, which is shown to md4c as more bytes than
      // its characters.
      const bool after_comment = std::exchange(in_hidden_, false);
      if (type == MD_TEXT_SOFTBR && after_comment) return 0;
      if (type == MD_TEXT_NORMAL && (after_comment || s.find_first_of(cut_bytes) != std::string_view::npos)) {
        for (std::size_t at = 0; at < size;) {
          std::size_t start = std::min<std::size_t>(s.find_first_not_of(hidden, at), size);
          std::size_t end = std::min<std::size_t>(s.find(hidden, start), size);
          if (const std::size_t label = s.find(label_byte, start); label < end)
            if (const std::size_t close = s.find(']', label); close < end) end = close + 1;
          if (start > 0 || after_comment)
            while (start < end && s[start] == ' ' && open_text_ends_in_space()) ++start;
          if (end > start) piece(type, text + start, static_cast<MD_SIZE>(end - start));
          at = end;
        }
        in_hidden_ = !s.empty() && s.back() == hidden;
        return 0;
      }
    }
    piece(type, text, size);
    return 0;
  }

  // A piece of text md4c hands over, none of it hidden.
  void piece(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    std::string written;
    std::string_view s = as_written(std::string_view(text, size), written);
    std::string shown;
    if (cut && s.find(hidden) != std::string_view::npos) {  // in raw HTML
      shown.assign(s);
      std::erase(shown, hidden);
      s = shown;
    }
    Position pos = position_of(text);
    if (pos.line > 0) last_pos_ = pos;
    flush_warnings(pos.line > 0 ? pos : last_pos_);
    switch (type) {
      case MD_TEXT_NULLCHAR: append("\uFFFD", pos); break;
      case MD_TEXT_BR:
        if (!in_comment_) append("\n", pos);
        break;
      case MD_TEXT_SOFTBR:
        if (!in_comment_) append(" ", pos);
        break;
      case MD_TEXT_ENTITY:
        if (auto decoded = decode_entity(s)) {
          append(*decoded, pos);
        } else {
          diags_.add(warning(path_, pos, "unknown character reference `" + std::string(s) + "` kept as written"));
          append(s, pos);
        }
        break;
      case MD_TEXT_HTML: {
        // Comments are the author's notes, which no reader sees: never set.
        const std::string shown = without_comments(s);
        if (shown.find_first_not_of(" \t\r\n") == std::string::npos) break;  // the spaces either side make one
        if (html_block_) {
          html_block_text(shown, pos);
          break;
        }
        if (is_line_break_tag(shown)) {
          append("\n", pos);  // as Markdown written for the web breaks a line
          break;
        }
        if (is_rule_tag(shown)) {
          html_rule(pos.line > 0 ? pos : last_pos_);
          break;
        }
        if (inline_tag(shown, pos) || other_tag(shown, pos)) break;
        diags_.add(warning(path_, pos, "raw HTML has no style yet; set as plain text"));
        append_prose(shown, pos);
        break;
      }
      case MD_TEXT_CODE:
        if (code_block_) append(expand_tabs(s), pos);
        else append(s, pos);
        break;
      default: append_marked(s, text, pos); break;
    }
  }

  void finish() {
    close_block();
    flush_warnings(last_pos_);
  }

 private:
  // Whether the text of the open block ends in a space, or it has none yet.
  bool open_text_ends_in_space() const {
    if (!open_ || doc.blocks.empty() || doc.blocks.back().spans.empty()) return true;
    return doc.blocks.back().spans.back().text.ends_with(' ');
  }

  int list_depth() const {
    return static_cast<int>(std::count_if(containers_.begin(), containers_.end(),
                                          [](const Container& c) { return c.kind == Container::list; }));
  }
  int quote_depth() const {
    return static_cast<int>(std::count_if(containers_.begin(), containers_.end(),
                                          [](const Container& c) { return c.kind == Container::quote; }));
  }
  BlockKind context_kind() const {
    if (containers_.empty()) return BlockKind::paragraph;
    return containers_.back().kind == Container::quote ? BlockKind::blockquote : BlockKind::list_item;
  }
  int context_level() const {
    if (containers_.empty()) return 0;
    return containers_.back().kind == Container::quote ? quote_depth() : list_depth();
  }

  Position position_of(const MD_CHAR* p) const {
    if (p < file_.data() || p >= file_.data() + file_.size()) return {};
    std::size_t offset = static_cast<std::size_t>(p - file_.data());
    if (note_lines_ && !note_lines_->empty()) {
      auto line = std::upper_bound(note_lines_->begin(), note_lines_->end(), offset,
                                   [](std::size_t at, const auto& l) { return at < l.first; });
      if (line != note_lines_->begin()) --line;
      offset = line->second + (offset - line->first);
    }
    return lines_.position(offset);
  }
  Position pending_pos() const { return last_pos_; }

  void open_block(BlockKind kind, int level) {
    close_block();
    Block b;
    b.kind = kind, b.level = level;
    b.quotes = quote_depth(), b.lists = list_depth();
    b.align = html_alignment();
    if (kind == BlockKind::list_item) {
      b.marker = std::exchange(pending_marker_, {});
      if (!pending_box_.empty()) {
        b.spans.push_back({std::exchange(pending_box_, {}), plain, pending_pos(), {}});
        b.spans.back().text += ' ';
      }
    }
    doc.blocks.push_back(std::move(b));
    open_ = true;
  }

  void close_block() {
    if (!open_) return;
    open_ = false;
    // HTML's inline styles end with their paragraph, as a browser ends them.
    for (const OpenTag& tag : open_tags_)
      diags_.add(warning(path_, tag.at, "`<" + tag.name + ">` is not closed; it ends with its paragraph"));
    open_tags_.clear();
    quotes_open_ = 0, ruby_brackets_ = ruby_bracketed_ = false;
    tag_flags_ = plain;
    if (!link_stack_.empty()) link_ = link_stack_.front(), link_stack_.clear();  // an `<a>` ends with its paragraph too
    Block& b = doc.blocks.back();
    if (mark_open_) {
      // A highlight's `==` that nothing closed is text, and what followed it plain.
      mark_open_ = false;
      const std::size_t from = std::min(mark_span_, b.spans.size());
      for (std::size_t i = from; i < b.spans.size(); ++i) b.spans[i].flags &= static_cast<std::uint16_t>(~open_mark);
      const std::uint16_t flags = from < b.spans.size() ? b.spans[from].flags : std::uint16_t{plain};
      b.spans.insert(b.spans.begin() + static_cast<std::ptrdiff_t>(from), Span{"==", flags, mark_at_, {}});
    }
    if (figure_block_ == doc.blocks.size() - 1) {
      b.kind = BlockKind::figure, b.level = 0, b.marker.clear();
      b.image = std::move(figure_src_);
      b.pos = figure_pos_;
      // Obsidian's size after the description, `![설명|300](그림.png)` or
      // `|300x200`, is the layout's to choose: not part of the caption.
      if (!b.spans.empty() && !(b.spans.back().flags & code)) {
        std::string& caption = b.spans.back().text;
        const std::size_t bar = caption.rfind('|');
        const std::string_view size = bar == std::string::npos ? "" : std::string_view(caption).substr(bar + 1);
        const std::size_t x = size.find('x');
        auto digits = [](std::string_view d) {
          return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos;
        };
        if (x == std::string_view::npos ? digits(size) : digits(size.substr(0, x)) && digits(size.substr(x + 1))) {
          caption.erase(bar);
          while (caption.ends_with(' ')) caption.pop_back();
          if (caption.empty()) b.spans.pop_back();
        }
      }
    }
    figure_block_.reset();
    // An indent typed with ideographic spaces (U+3000), as Korean word
    // processors have authors indent a paragraph, is the layout's to give:
    // left out, as spaces typed before a paragraph are.
    if (b.kind != BlockKind::code && !verbatim_ && !b.spans.empty() && !(b.spans.front().flags & code)) {
      Span& first = b.spans.front();
      if (const std::size_t cut = typed_indent(first.text)) {
        first.pos = advanced(first.pos, std::string_view(first.text).substr(0, cut));
        first.text.erase(0, cut);
        if (first.text.empty()) b.spans.erase(b.spans.begin());
      }
    }
    // Leading and trailing spaces (from soft breaks) are not content.
    while (!b.spans.empty() && b.spans.back().text.ends_with(' ')) {
      b.spans.back().text.pop_back();
      if (b.spans.back().text.empty()) b.spans.pop_back();
    }
    if (b.spans.empty() && b.marker.empty() && b.kind != BlockKind::figure) doc.blocks.pop_back();
  }

  // An image that is all its paragraph holds (with its description) becomes
  // a figure; any other is set as its description, with a warning.
  void leave_cell() {
    close_block();
    if (!table_ || doc.blocks[*table_].rows.empty()) return;
    Cell cell;
    cell.align = cell_align_;
    if (doc.blocks.size() - 1 > *table_) {
      Block& read = doc.blocks.back();
      if (read.kind == BlockKind::figure) diags_.add(warning(path_, read.pos, inside_text));  // no figures in cells
      cell.spans = std::move(read.spans);
      doc.blocks.pop_back();
    }
    doc.blocks[*table_].rows.back().cells.push_back(std::move(cell));
  }

  // Warnings about an image name the place of its address.
  void enter_image(const MD_ATTRIBUTE& src) {
    const Position source = position_of(src.text);
    enter_image(attribute_text(src), source.line > 0 ? source : last_pos_);
  }
  void enter_image(const std::string& address, Position at) {
    if (image_++ > 0) return;  // an image in an image's description
    if (!open_) open_block(context_kind(), context_level());  // a tight list item's has no paragraph
    if (is_remote(address)) {
      not_a_figure();
      diags_.add(warning(path_, at, "images from the web are not fetched; the image's description is set as plain text"));
    } else if (open_ && doc.blocks.back().spans.empty() && !figure_block_ &&
               doc.blocks.back().kind != BlockKind::heading) {
      figure_block_ = doc.blocks.size() - 1;
      figure_src_ = embed_ ? embedded_file(path_, address) : percent_decoded(address);
      figure_pos_ = at;
      figure_image_done_ = false;
      figure_embed_ = embed_;
    } else {
      not_a_figure();  // a second image in the paragraph
      diags_.add(warning(path_, at, embed_ ? embed_inside_text : inside_text));
    }
  }
  // A wiki link, as Obsidian writes them: `[[노트]]`, `[[노트|보이는 글]]`,
  // `[[노트#절]]` or `[[#절]]`; its text is md4c's (the note's name or the
  // text after `|`), its address the note, found among the publication's
  // documents by name (link_documents). An embed, `![[그림.png]]`, whose `!`
  // md4c reads as text, is an image; an embedded note is set as a link to it.
  void enter_wiki_link(const MD_ATTRIBUTE& target) {
    const std::string name = attribute_text(target);
    const Position source = position_of(target.text);
    const Position at = source.line > 0 ? Position{source.line, source.column - 2} : last_pos_;  // at its `[[`
    // An embed's `!` was shown to md4c as a letter (md4c_swaps), and given
    // back as text: it is taken off.
    const auto offset = static_cast<std::size_t>(target.text - file_.data());
    const auto swap = std::lower_bound(swaps.begin(), swaps.end(), offset - 3,
                                       [](const Swap& w, std::size_t at) { return w.at < at; });
    const bool embed = offset >= 3 && offset <= file_.size() && swap != swaps.end() && swap->at == offset - 3 &&
                       swap->written[0] == '!' && open_;
    if (embed) {
      std::vector<Span>& spans = doc.blocks.back().spans;
      if (!spans.empty() && spans.back().text.ends_with('!')) spans.back().text.pop_back();
      if (!spans.empty() && spans.back().text.empty()) spans.pop_back();
      const Position bang = at.line > 0 && at.column > 1 ? Position{at.line, at.column - 1} : at;
      if (is_image_name(name)) {
        embed_ = true;
        enter_image(name, bang);
        return;
      }
      diags_.add(
          warning(path_, bang, "`![[" + name + "]]` embeds a note, which print cannot: it is set as a link to it"));
    }
    link_ = link_address(name);  // `#절` stays a heading of this document
    wiki_ = !link_.empty() && !link_.starts_with('#');
    // Without a text of its own (after `|`), a link to another note's
    // heading reads as Obsidian shows it: `노트 > 절`.
    const std::size_t hash = name.find('#');
    wiki_shown_.clear();
    if (hash != std::string::npos && hash > 0 && target.text >= file_.data() &&
        target.text + target.size <= file_.data() + file_.size()) {
      wiki_shown_ = name.substr(0, hash) + " > " + name.substr(hash + 1);
      wiki_target_ = std::string_view(target.text, target.size);
    }
  }
  static bool is_image_name(std::string_view name) {
    std::string extension(name.substr(std::min(name.rfind('.'), name.size())));
    for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    static constexpr std::string_view images[] = {".png", ".jpg", ".jpeg", ".gif", ".webp",
                                                  ".bmp", ".svg", ".avif", ".tif", ".tiff"};
    return std::find(std::begin(images), std::end(images), extension) != std::end(images);
  }

  // The paragraph of a figure to be holds more than its image.
  void not_a_figure() {
    if (!figure_block_) return;
    figure_block_.reset();
    diags_.add(warning(path_, figure_pos_, figure_embed_ ? embed_inside_text : inside_text));
  }
  static constexpr const char* inside_text =
      "an image inside text is set as its description; give it a paragraph of its own to show it";
  static constexpr const char* embed_inside_text =
      "an embedded image inside text is left out; give it a paragraph of its own to show it";

  // Prose with Obsidian's highlights, `==글==`: a `==` opens one where it
  // could open emphasis (CommonMark's left-flanking: before other than a
  // space, and before punctuation only after a space or punctuation), and
  // closes one open where it could close emphasis; not an escaped one
  // (`\==`), one of a longer run (`===`), nor one in a link's text (an
  // address's `?a==b`). Its text is marked `open_mark` until it closes; one
  // its paragraph ends first is text (close_block). `source` is where md4c
  // read `s`.
  // Pandoc's superscripts and subscripts, `m^2^` and `H~2~O`, as `<sup>`
  // and `<sub>` set them: between a pair of carets or of single tildes
  // right after what they are raised or lowered against, with no space
  // between and a letter or digit among them. So a smile is none (`^^`,
  // `좋아요^_^`, `웃음 ^o^`), nor is a note's reference (`[^1]`). A
  // subscript is of Latin letters, digits and signs: between tildes,
  // Korean is a range or a tone of voice (`아~하~`).
  void append_marked(std::string_view s, const char* source, Position pos) {
    const bool read_here = source >= file_.data() && source + s.size() <= file_.data() + file_.size();
    // (The next caret and the next tilde each found with memchr: find_first_of
    // looks at every byte in turn.)
    std::size_t caret = read_here ? s.find('^') : std::string_view::npos;
    std::size_t tilde = read_here ? s.find('~') : std::string_view::npos;
    auto next = [&](std::size_t from) {
      if (caret < from) caret = s.find('^', from);
      if (tilde < from) tilde = s.find('~', from);
      return std::min(caret, tilde);
    };
    std::size_t done = 0;
    for (std::size_t at = std::min(caret, tilde); at != std::string_view::npos; at = next(at + 1)) {
      const char c = s[at];
      const char* const mark = source + at;
      const char before = mark > file_.data() ? mark[-1] : '\n';
      const std::size_t close = s.find(c, at + 1);
      if (before == '\\' || before == c || before == '[' || before == ' ' || before == '\t' || before == '\n' ||
          close == std::string_view::npos || close == at + 1 || (close + 1 < s.size() && s[close + 1] == c))
        continue;
      const std::string_view inner = s.substr(at + 1, close - at - 1);
      if (inner.find_first_of(" \t\r\n[]") != std::string_view::npos ||
          std::none_of(inner.begin(), inner.end(),
                       [](char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch < 0; }))
        continue;
      if (c == '~' && !std::all_of(inner.begin(), inner.end(), [](char ch) {
            return std::isalnum(static_cast<unsigned char>(ch)) ||
                   std::string_view("+-.,=()'").find(ch) != std::string_view::npos;
          }))
        continue;
      if (at > done) append_highlighted(s.substr(done, at - done), source + done, advanced(pos, s.substr(0, done)));
      const std::uint16_t was = tag_flags_;
      tag_flags_ |= c == '^' ? superscript : subscript;
      append_highlighted(inner, source + at + 1, advanced(pos, s.substr(0, at + 1)));
      tag_flags_ = was;
      done = close + 1;
      at = close;
    }
    if (done == 0) return append_highlighted(s, source, pos);
    if (done < s.size()) append_highlighted(s.substr(done), source + done, advanced(pos, s.substr(0, done)));
  }

  void append_highlighted(std::string_view s, const char* source, Position pos) {
    const bool read_here = source >= file_.data() && source < file_.data() + file_.size();
    if (s.find("==") == std::string_view::npos || !read_here || !link_.empty() || image_ > 0)
      return append_prose(s, pos);
    const auto base = static_cast<std::size_t>(source - file_.data());
    // The characters before and after the `==` at `at` of `s`, in the text
    // md4c read (a line's end where there is none).
    const auto n = static_cast<std::int32_t>(file_.size());
    auto after = [&](std::size_t at) -> char32_t {
      auto i = static_cast<std::int32_t>(base + at + 2);
      if (i >= n) return '\n';
      UChar32 c = 0;
      U8_NEXT(file_.data(), i, n, c);
      return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
    };
    auto before = [&](std::size_t at) -> char32_t {
      auto i = static_cast<std::int32_t>(base + at);
      if (i <= 0) return '\n';
      UChar32 c = 0;
      U8_PREV(file_.data(), 0, i, c);
      return c < 0 ? 0xFFFD : static_cast<char32_t>(c);
    };
    auto space = [](char32_t c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
    std::size_t done = 0;
    for (std::size_t at = s.find("=="); at != std::string_view::npos; at = s.find("==", at + 2)) {
      const char32_t b = before(at), a = after(at);
      if (b == '=' || a == '=' || b == '\\') continue;
      const bool opens = !space(a) && (!punctuation(a) || space(b) || punctuation(b));
      const bool closes = !space(b) && (!punctuation(b) || space(a) || punctuation(a));
      if (mark_open_ ? !closes : !opens) continue;
      if (at > done) append_prose(s.substr(done, at - done), advanced(pos, s.substr(0, done)));
      mark_open_ = !mark_open_;
      if (mark_open_) {
        mark_span_ = open_ ? doc.blocks.back().spans.size() : 0;
        mark_at_ = advanced(pos, s.substr(0, at));
      } else {
        for (std::size_t i = mark_span_; i < doc.blocks.back().spans.size(); ++i) {
          std::uint16_t& flags = doc.blocks.back().spans[i].flags;
          if (flags & open_mark) flags = static_cast<std::uint16_t>((flags & ~open_mark) | mark);
        }
      }
      done = at + 2;
    }
    if (done < s.size()) append_prose(s.substr(done), advanced(pos, s.substr(0, done)));
  }
  // The flag of text in a highlight not yet closed: `mark` once it is.
  static constexpr std::uint16_t open_mark = 0x8000;

  // Prose is set as print sets it: a run of spaces or tabs is one space (two
  // after a full stop, a tab pasted in, the spaces either side of a comment).
  // Code keeps its own.
  void append_prose(std::string_view s, Position pos) {
    const bool after_space =
        open_ && !doc.blocks.back().spans.empty() && doc.blocks.back().spans.back().text.ends_with(' ');
    auto pieces = verbatim_ || code_ > 0 ? std::nullopt : folded_spaces(s, pos, after_space);
    if (!pieces) return append(s, pos);
    for (const auto& [text, at] : *pieces) append(text, at);
  }

  void append(std::string_view s, Position pos) {
    if (!open_) open_block(context_kind(), context_level());  // tight list items have no paragraph
    if (figure_block_ && figure_image_done_ && s.find_first_not_of(" \n") != std::string_view::npos) not_a_figure();
    Block& b = doc.blocks.back();
    if (b.spans.empty() && b.pos.line == 0) b.pos = pos.line > 0 ? pos : last_pos_;
    const std::uint16_t flags = (emphasis_ > 0 ? emphasis : plain) | (strong_ > 0 ? strong : plain) |
                                (code_ > 0 ? code : plain) | (strike_ > 0 ? strike : plain) |
                                (mark_open_ ? open_mark : std::uint16_t{plain}) | tag_flags_;
    // Text goes on its span only where it goes on in the source too (a span
    // is placed by its first character, the rest counted from there): after
    // a line's end, a character reference or an escape, a span starts afresh.
    if (!b.spans.empty() && b.spans.back().flags == flags && b.spans.back().link == link_ &&
        b.spans.back().wiki == wiki_ && (pos.line == 0 || pos == span_end_)) {
      b.spans.back().text += s;
    } else {
      if (b.spans.empty() && s == " ") return;
      b.spans.push_back({std::string(s), flags, pos.line > 0 ? pos : last_pos_, link_, wiki_});
      span_end_ = b.spans.back().pos;
    }
    span_end_ = advanced(span_end_, s);
  }

  // A piece of the text md4c was given, as the writer wrote it: with the
  // characters md4c_swaps showed md4c as others given back (in `buffer`).
  std::string_view as_written(std::string_view s, std::string& buffer) const {
    if (swaps.empty() || s.data() < file_.data() || s.data() >= file_.data() + file_.size()) return s;
    const auto from = static_cast<std::size_t>(s.data() - file_.data()), to = from + s.size();
    // The first swap that ends past `from` (one may begin before it: md4c
    // may hand over part of a stand-in, the space of `" xx"` alone).
    auto it = std::lower_bound(swaps.begin(), swaps.end(), from,
                               [](const Swap& w, std::size_t at) { return w.at + w.size <= at; });
    if (it == swaps.end() || it->at >= to) return s;
    buffer.assign(s);
    for (; it != swaps.end() && it->at < to; ++it)
      for (std::size_t k = std::max(it->at, from); k < std::min(it->at + it->size, to); ++k)
        buffer[k - from] = it->written[k - it->at];
    return buffer;
  }

  // An attribute (a link's or an image's address) with its character references decoded.
  std::string attribute_text(const MD_ATTRIBUTE& a) const {
    std::string out, written;
    for (unsigned k = 0; a.substr_offsets && a.substr_offsets[k] < a.size; ++k) {
      std::string_view part = as_written(
          std::string_view(a.text + a.substr_offsets[k], a.substr_offsets[k + 1] - a.substr_offsets[k]), written);
      if (a.substr_types[k] == MD_TEXT_ENTITY) out += decode_entity(part).value_or(std::string(part));
      else if (a.substr_types[k] == MD_TEXT_NULLCHAR) out += "\uFFFD";
      else out += part;
    }
    return out;
  }

  // A link's address as a PDF holds it (PDF 1.7 §12.6.4.7: 7-bit ASCII):
  // character references decoded, then every byte that a URI may not carry
  // as it is percent-encoded, as CommonMark's own renderer does (UTF-8, so
  // https://ko.wikipedia.org/wiki/노동 becomes .../wiki/%EB%85%B8%EB%8F%99).
  std::string link_address(const MD_ATTRIBUTE& href) { return link_address(attribute_text(href)); }
  std::string link_address(const std::string& decoded) {
    if (decoded.starts_with('#')) return decoded;  // a heading of this document: resolved at the end
    static constexpr std::string_view hex = "0123456789ABCDEF";
    static constexpr std::string_view unsafe = "\"<>\\^`{|}";
    std::string uri;
    for (unsigned char c : decoded) {
      if (c <= 0x20 || c >= 0x7F || unsafe.find(static_cast<char>(c)) != std::string_view::npos)
        uri += '%', uri += hex[c >> 4], uri += hex[c & 15];
      else
        uri += static_cast<char>(c);
    }
    // libharu's strings hold 65,535 bytes at most.
    if (uri.size() > 65535) {
      defer_warning("link address is longer than a PDF holds (" + std::to_string(uri.size()) +
                    " bytes, 65,535 at most); its text is set without it");
      uri.clear();
    }
    return uri;
  }

  // Raw HTML without its comments (`<!-- ... -->`), which may begin and end
  // in different pieces of it: `in_comment_` says whether one is open.
  std::string without_comments(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
      if (in_comment_) {
        const std::size_t end = s.find("-->", i);
        if (end == std::string_view::npos) break;
        in_comment_ = false;
        i = end + 3;
      } else {
        const std::size_t start = s.find("<!--", i);
        out += s.substr(i, start == std::string_view::npos ? std::string_view::npos : start - i);
        if (start == std::string_view::npos) break;
        in_comment_ = true;
        i = start + 4;
      }
    }
    return out;
  }

  // <br>, <br/> or <br />, in any case.
  static bool is_line_break_tag(std::string_view s) {
    if (s.size() < 4 || s.front() != '<' || s.back() != '>') return false;
    std::string_view inner = s.substr(1, s.size() - 2);
    if (inner.ends_with('/')) inner.remove_suffix(1);
    while (inner.ends_with(' ')) inner.remove_suffix(1);
    return inner.size() == 2 && (inner[0] | 0x20) == 'b' && (inner[1] | 0x20) == 'r';
  }

  // <hr>, <hr/> or <hr />, in any case, attributes aside, with the spaces
  // and line end around it.
  static bool is_rule_tag(std::string_view s) {
    const std::size_t first = s.find_first_not_of(" \t\r\n"), last = s.find_last_not_of(" \t\r\n");
    if (first == std::string_view::npos) return false;
    s = s.substr(first, last - first + 1);
    if (s.size() < 4 || s.front() != '<' || s.find('>') != s.size() - 1 || (s[1] | 0x20) != 'h' || (s[2] | 0x20) != 'r')
      return false;
    const char after = s[3];
    return after == '>' || after == '/' || after == ' ' || after == '\t' || after == '\r' || after == '\n';
  }

  // An HTML tag of inline style that Markdown written for GitHub uses:
  // `<sup>` and `<sub>`, and those that say what Markdown says (`<b>`,
  // `<i>`, `<s>`, `<code>`, ...; `<cite>`, `<var>` and `<dfn>`, which a
  // browser sets in italics, as emphasis), opening or closing their style
  // (attributes aside). False for any other HTML, which is set as written.
  bool inline_tag(std::string_view html, Position pos) {
    struct Style {
      std::string_view tag;
      std::uint16_t flag;
    };
    static constexpr Style styles[] = {{"sup", superscript}, {"sub", subscript}, {"b", strong},      {"strong", strong},
                                       {"i", emphasis},      {"em", emphasis},   {"s", strike},      {"del", strike},
                                       {"strike", strike},   {"code", code},     {"kbd", code},      {"samp", code},
                                       {"u", underline},     {"ins", underline}, {"cite", emphasis}, {"var", emphasis},
                                       {"dfn", emphasis},    {"mark", mark}};
    if (html.size() < 3 || html.front() != '<' || html.back() != '>') return false;
    const bool closing = html[1] == '/';
    const std::string_view inner = html.substr(closing ? 2 : 1, html.size() - (closing ? 3 : 2));
    const std::size_t end = std::min(inner.find_first_of(" \t\r\n/"), inner.size());
    if (inner.ends_with('/')) return false;  // <b/> styles nothing
    if (closing && inner.substr(end).find_first_not_of(" \t\r\n") != std::string_view::npos) return false;
    std::string name(inner.substr(0, end));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const auto style =
        std::find_if(std::begin(styles), std::end(styles), [&](const Style& st) { return st.tag == name; });
    if (style == std::end(styles)) return false;
    if (!closing) {
      open_tags_.push_back({std::move(name), style->flag, pos.line > 0 ? pos : last_pos_});
    } else {
      const auto open =
          std::find_if(open_tags_.rbegin(), open_tags_.rend(), [&](const OpenTag& t) { return t.name == name; });
      if (open == open_tags_.rend()) {
        diags_.add(warning(path_, pos.line > 0 ? pos : last_pos_,
                           "`" + std::string(html) + "` closes no `<" + name + ">`; left out"));
        return true;
      }
      open_tags_.erase(std::next(open).base());
    }
    tag_flags_ = plain;
    for (const OpenTag& t : open_tags_) tag_flags_ |= t.flag;
    return true;
  }

  // An HTML element's tag as md4c finds it in text (a whole tag, as
  // CommonMark defines one): its name in lower case, whether it closes, and
  // its attributes' text; nullopt for a comment, a declaration and the like.
  struct Tag {
    std::string name;
    bool closing = false;
    std::string_view attributes;
  };
  static std::optional<Tag> element_tag(std::string_view html) {
    if (html.size() < 3 || html.front() != '<' || html.back() != '>') return std::nullopt;
    Tag tag;
    std::size_t i = 1;
    if (html[i] == '/') tag.closing = true, ++i;
    if (!std::isalpha(static_cast<unsigned char>(html[i]))) return std::nullopt;
    const std::size_t start = i;
    while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])) || html[i] == '-')) ++i;
    for (char c : html.substr(start, i - start))
      tag.name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    tag.attributes = html.substr(i, html.size() - 1 - i);
    return tag;
  }

  // The value of an attribute of a tag's (`href="..."`, `alt='...'` or
  // unquoted), its character references decoded; nullopt where the tag has none.
  static std::optional<std::string> attribute(std::string_view attributes, std::string_view name) {
    for (std::size_t i = 0; i < attributes.size();) {
      while (i < attributes.size() && std::isspace(static_cast<unsigned char>(attributes[i]))) ++i;
      const std::size_t start = i;
      while (i < attributes.size() && !std::isspace(static_cast<unsigned char>(attributes[i])) &&
             attributes[i] != '=' && attributes[i] != '/')
        ++i;
      std::string key(attributes.substr(start, i - start));
      for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      while (i < attributes.size() && std::isspace(static_cast<unsigned char>(attributes[i]))) ++i;
      std::string_view value;
      if (i < attributes.size() && attributes[i] == '=') {
        ++i;
        while (i < attributes.size() && std::isspace(static_cast<unsigned char>(attributes[i]))) ++i;
        const char quote = i < attributes.size() && (attributes[i] == '"' || attributes[i] == '\'') ? attributes[i] : 0;
        const std::size_t from = quote ? i + 1 : i;
        std::size_t to = from;
        while (to < attributes.size() &&
               (quote ? attributes[to] != quote : !std::isspace(static_cast<unsigned char>(attributes[to]))))
          ++to;
        value = attributes.substr(from, to - from);
        i = quote && to < attributes.size() ? to + 1 : to;
      } else if (start == i) {
        ++i;  // a lone `/`
        continue;
      }
      if (key == name) return with_references_decoded(value);
    }
    return std::nullopt;
  }

  // Any other HTML element's tag in text: a browser sets what is between an
  // opening and a closing tag, so print does too, without the tags. `<a
  // href>` makes a link of it; `<img>` is set as its description (`alt`),
  // as an image inside text is; any other tag is left out, with a warning
  // that its style is not set where it has one. False for what is no
  // element's tag.
  bool other_tag(std::string_view html, Position pos) {
    const std::optional<Tag> tag = element_tag(html);
    if (!tag) return false;
    const Position at = pos.line > 0 ? pos : last_pos_;
    if (tag->name == "a") {
      if (!tag->closing) {
        link_stack_.push_back(link_);
        if (auto href = attribute(tag->attributes, "href")) link_ = link_address(*href);
      } else if (!link_stack_.empty()) {
        link_ = link_stack_.back();
        link_stack_.pop_back();
      }
      return true;
    }
    // A quotation a browser sets between quotation marks: “ ” and, inside
    // another, ‘ ’.
    if (tag->name == "q") {
      if (!tag->closing)
        append_prose(quotes_open_++ % 2 ? "‘" : "“", at);
      else if (quotes_open_ > 0)
        append_prose(--quotes_open_ % 2 ? "’" : "”", at);
      return true;
    }
    // A ruby's annotation (`<ruby>漢字<rt>한자</rt></ruby>`, a reading set
    // small above its text on a screen) is set after it in brackets, as
    // Korean prints a reading, 漢字(한자), and as a browser without ruby
    // does with the `<rp>` brackets the writer gives, which are set instead.
    if (tag->name == "ruby" || tag->name == "rb" || tag->name == "rtc") {
      if (tag->name == "ruby") ruby_brackets_ = false;
      return true;
    }
    if (tag->name == "rp") {
      ruby_brackets_ = true;
      return true;
    }
    if (tag->name == "rt") {
      if (!tag->closing && !ruby_brackets_)
        append_prose("(", at), ruby_bracketed_ = true;
      else if (tag->closing && ruby_bracketed_)
        append_prose(")", at), ruby_bracketed_ = false;
      return true;
    }
    if (tag->name == "img" && !tag->closing) {
      const std::string alt = attribute(tag->attributes, "alt").value_or("");
      diags_.add(warning(path_, at,
                         alt.empty() ? "`<img>` inside text, with no description (`alt`), is left out"
                                     : "`<img>` inside text is set as its description (`alt`)"));
      if (!alt.empty()) append_prose(alt, at);
      return true;
    }
    const std::size_t last = tag->attributes.find_last_not_of(" \t\r\n");
    // What a browser sets plain is set so without a word, unless the tag
    // asks for a style (`<span style="color: red">`).
    static constexpr std::string_view plain_tags[] = {"span", "abbr", "time", "data", "bdi", "bdo"};
    const bool plain_tag = std::find(std::begin(plain_tags), std::end(plain_tags), tag->name) != std::end(plain_tags) &&
                           !attribute(tag->attributes, "style") && !attribute(tag->attributes, "class");
    if (last != std::string_view::npos && tag->attributes[last] == '/')
      diags_.add(warning(path_, at, "`" + std::string(html) + "` holds no text; left out"));
    else if (!tag->closing && !plain_tag)
      diags_.add(
          warning(path_, at, "`<" + tag->name + ">` has no style here: its text is set plain, the tag left out"));
    return true;
  }

  // The text of an HTML block, as a browser shows it: its text as prose
  // (its line ends are spaces), its tags read as they would be in text
  // (styles, links, `<br>`), and those that make blocks (`<p>`, `<div>`,
  // `<center>`, `<details>`, ...) ending a paragraph. An image alone in its
  // paragraph (`<img src="그림.png" alt="설명">`, as READMEs centre one) is
  // a figure, its `alt` its caption; `<hr>` a break between sections.
  // A tag is read whole though its attributes run over several lines: the
  // piece of it a line ends with waits for the next (`html_tag_`, from
  // `html_tag_at_`), and what no `>` ends by the block's end is set as written.
  void html_block_text(std::string_view chunk, Position pos) {
    std::string joined;
    std::string_view html = chunk;
    if (!html_tag_.empty()) {
      joined = std::move(html_tag_) + std::string(chunk);
      html_tag_.clear();
      html = joined;
      pos = html_tag_at_;
    }
    for (std::size_t i = 0; i < html.size();) {
      // A tag opens with `<` and a letter, `/` or `!`; any other `<` is text.
      std::size_t lt = html.find('<', i);
      while (lt != std::string_view::npos && lt + 1 < html.size() &&
             !std::isalpha(static_cast<unsigned char>(html[lt + 1])) && html[lt + 1] != '/' && html[lt + 1] != '!')
        lt = html.find('<', lt + 1);
      if (lt != i)
        html_block_prose(html.substr(i, lt == std::string_view::npos ? std::string_view::npos : lt - i),
                         advanced(pos, html.substr(0, i)));
      if (lt == std::string_view::npos) break;
      // The tag's end, past what its quoted attributes hold.
      std::size_t gt = lt + 1;
      for (char quote = 0; gt < html.size() && (quote || html[gt] != '>'); ++gt)
        if (html[gt] == '"' || html[gt] == '\'') quote = quote == html[gt] ? 0 : quote ? quote : html[gt];
      const Position at = advanced(pos, html.substr(0, lt));
      if (gt >= html.size()) {  // the rest of the tag comes with the next line
        html_tag_ = html.substr(lt);
        html_tag_at_ = at;
        break;
      }
      html_block_tag(html.substr(lt, gt + 1 - lt), at);
      i = gt + 1;
    }
  }

  // Text of an HTML block: its line ends and tabs are spaces, and its
  // character references are decoded, as a browser reads them.
  void html_block_prose(std::string_view text, Position at) {
    std::string out = with_references_decoded(text);
    for (char& c : out)
      if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    if (out.find_first_not_of(' ') != std::string::npos) append_prose(out, at);
  }

  // `<p>` and `<h1>`...`<h6>`, which hold text but no blocks.
  static bool holds_no_blocks(std::string_view name) {
    return name == "p" || (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6');
  }

  // The alignment a block tag asks for: `<center>`, an `align` attribute,
  // or `text-align` in its `style`; one jakpum does not set is warned of.
  Align html_alignment(const Tag& tag, Position at) {
    if (tag.name == "center") return Align::center;
    std::optional<std::string> value = attribute(tag.attributes, "align");
    if (!value) {
      const std::string style = attribute(tag.attributes, "style").value_or("");
      const std::size_t key = style.find("text-align");
      if (key == std::string::npos) return Align::none;
      std::size_t from = style.find(':', key);
      if (from == std::string::npos) return Align::none;
      ++from;
      while (from < style.size() && style[from] == ' ') ++from;
      std::size_t to = from;
      while (to < style.size() && style[to] != ';' && style[to] != ' ' && style[to] != '!') ++to;
      value = style.substr(from, to - from);
    }
    std::string v = *value;
    for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (v == "center" || v == "middle") return Align::center;
    if (v == "left" || v == "start") return Align::left;
    if (v == "right" || v == "end") return Align::right;
    if (v == "justify") return Align::justify;
    diags_.add(warning(path_, at, "`<" + tag.name + ">`'s alignment `" + *value + "` is not one jakpum sets",
                       "left, center, right or justify"));
    return Align::none;
  }
  // The alignment the HTML elements a block stands in ask for: the
  // innermost that asks.
  Align html_alignment() const {
    for (auto it = aligned_.rbegin(); it != aligned_.rend(); ++it)
      if (it->second != Align::none) return it->second;
    return Align::none;
  }

  // `<hr>`: a break between sections, as a browser draws it; the text
  // after it goes on in a paragraph of its own.
  void html_rule(Position at) {
    close_block();
    doc.blocks.emplace_back().kind = BlockKind::section_break;
    doc.blocks.back().quotes = quote_depth(), doc.blocks.back().lists = list_depth();
    doc.blocks.back().pos = at;
  }

  void html_block_tag(std::string_view html, Position at) {
    static constexpr std::string_view blocks[] = {
        "p",     "div",   "center", "details",    "summary",    "section", "article", "header", "footer",  "main",
        "aside", "nav",   "figure", "figcaption", "blockquote", "ul",      "ol",      "li",     "dl",      "dt",
        "dd",    "table", "thead",  "tbody",      "tfoot",      "tr",      "td",      "th",     "caption", "h1",
        "h2",    "h3",    "h4",     "h5",         "h6",         "pre",     "address", "picture"};
    if (is_line_break_tag(html)) return append("\n", at);
    if (is_rule_tag(html)) return html_rule(at);
    const std::optional<Tag> tag = element_tag(html);
    if (!tag) {  // a declaration, an instruction: as written
      diags_.add(warning(path_, at, "raw HTML has no style yet; set as plain text"));
      return append_prose(html, at);
    }
    if (std::find(std::begin(blocks), std::end(blocks), tag->name) != std::end(blocks)) {
      close_block();
      if (tag->closing) {
        // Back to where the element opened (what it holds and left open ends with it).
        auto open =
            std::find_if(aligned_.rbegin(), aligned_.rend(), [&](const auto& e) { return e.first == tag->name; });
        if (open != aligned_.rend()) aligned_.erase(std::next(open).base(), aligned_.end());
      } else if (!html.ends_with("/>")) {
        aligned_.emplace_back(tag->name, html_alignment(*tag, at));
      }
      return;
    }
    if (tag->name == "img" && !tag->closing) {
      const std::string src = attribute(tag->attributes, "src").value_or("");
      if (!open_) open_block(context_kind(), context_level());
      if (!src.empty() && !is_remote(src) && doc.blocks.back().spans.empty() && !figure_block_ &&
          doc.blocks.back().kind != BlockKind::heading) {
        figure_block_ = doc.blocks.size() - 1;
        figure_src_ = percent_decoded(src);
        figure_pos_ = at;
        figure_embed_ = false;
        append_prose(attribute(tag->attributes, "alt").value_or(""), at);
        figure_image_done_ = true;
        return;
      }
    }
    if (!inline_tag(html, at)) other_tag(html, at);
  }

  // A code block's tabs as spaces to the next stop of every four columns,
  // as code is written to be read; columns count characters from the line's start.
  std::string expand_tabs(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
      const char c = s[i];
      if (c == '\t') {
        const int spaces = 4 - column_ % 4;
        out.append(static_cast<std::size_t>(spaces), ' ');
        column_ += spaces;
        continue;
      }
      out += c;
      if (c == '\n') column_ = 0;
      else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column_;  // a character's first byte
    }
    return out;
  }

  void defer_warning(std::string message) { pending_warnings_.push_back(std::move(message)); }
  void flush_warnings(Position pos) {
    for (auto& m : pending_warnings_) diags_.add(warning(path_, pos, std::move(m)));
    pending_warnings_.clear();
  }

  // The marker a quote may open with, `[!kind]` in any case, perhaps with
  // Obsidian's `+` or `-` (open or folded on a screen; print shows it
  // whole): its kind in lower case and its length with the spaces after it;
  // none where `text` opens with no marker ("[!note]s" is none).
  static std::optional<std::pair<std::string, std::size_t>> quote_marker(std::string_view text) {
    const std::size_t close = text.find(']');
    if (!text.starts_with("[!") || close == std::string_view::npos) return std::nullopt;
    std::string kind(text.substr(2, close - 2));
    for (char& c : kind) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::size_t cut = close + 1;
    if (cut < text.size() && (text[cut] == '+' || text[cut] == '-')) ++cut;
    if (cut < text.size() && text[cut] != ' ' && text[cut] != '\n') return std::nullopt;
    while (cut < text.size() && (text[cut] == ' ' || text[cut] == '\n')) ++cut;
    return std::pair{std::move(kind), cut};
  }

  // A quote whose first paragraph opens with a marker: a pull quote, or one
  // of GitHub's alerts or Obsidian's callouts, which is set as a quote that
  // opens with its title, or its kind's name, in bold, on a line of its own
  // (rather than the marker as written).
  void finish_quote(std::size_t first) {
    if (first >= doc.blocks.size()) return;
    Block& head = doc.blocks[first];
    if (head.kind != BlockKind::blockquote || head.spans.empty()) return;
    std::string& t = head.spans.front().text;
    const auto marker = quote_marker(t);
    if (!marker) return;
    const auto& [kind, cut] = *marker;
    // (Named again for the lambda: clang 14, which the fuzz targets are built
    // with, captures no structured binding.)
    const Callout* callout = std::find_if(std::begin(callouts), std::end(callouts),
                                          [&name = kind](const Callout& c) { return c.kind == name; });
    if (kind != "pullquote" && callout == std::end(callouts)) return;  // "[!notes]" is text
    const Position at = head.spans.front().pos;
    t.erase(0, cut);
    head.spans.front().pos.column += static_cast<int>(cut);
    if (t.empty()) head.spans.erase(head.spans.begin());
    if (kind == "pullquote") {
      for (std::size_t i = first; i < doc.blocks.size(); ++i)
        if (doc.blocks[i].kind == BlockKind::blockquote)
          doc.blocks[i].kind = BlockKind::pullquote, doc.blocks[i].level = 0;
      if (head.spans.empty()) doc.blocks.erase(doc.blocks.begin() + static_cast<std::ptrdiff_t>(first));
      // Its paragraphs after the first go on in its box; a pull quote right
      // after it is another.
      for (std::size_t i = first + 1; i < doc.blocks.size(); ++i) doc.blocks[i].continues = true;
      return;
    }
    // Text after the marker on its line is the callout's title (Obsidian's
    // `> [!tip] 제목`), set in place of its kind's name. A span of it never
    // runs on to the next line (text after a line's end starts a new one).
    std::size_t title_end = 0;
    while (title_end < head.spans.size() && head.spans[title_end].pos.line == at.line) ++title_end;
    std::vector<Span> label(head.spans.begin(), head.spans.begin() + static_cast<std::ptrdiff_t>(title_end));
    while (!label.empty() && label.back().text.find_last_not_of(' ') == std::string::npos) label.pop_back();
    if (!label.empty()) {
      label.back().text.erase(label.back().text.find_last_not_of(' ') + 1);
    } else {
      const std::string_view name = doc.meta.lang.starts_with("ko") ? callout->korean : callout->english;
      label = {{std::string(name), plain, at, {}}};
    }
    for (Span& span : label) span.flags |= strong;
    head.spans.erase(head.spans.begin(), head.spans.begin() + static_cast<std::ptrdiff_t>(title_end));
    if (!head.spans.empty()) label.push_back({"\n", plain, {}, {}});
    head.spans.insert(head.spans.begin(), label.begin(), label.end());
  }

  // The kinds of GitHub's alerts and of Obsidian's callouts (with their
  // other names), and the name each is set under.
  struct Callout {
    std::string_view kind, korean, english;
  };
  static constexpr Callout callouts[] = {
      {"note", "참고", "Note"},           {"tip", "도움말", "Tip"},         {"hint", "도움말", "Hint"},
      {"important", "중요", "Important"}, {"warning", "경고", "Warning"},   {"caution", "주의", "Caution"},
      {"attention", "주의", "Attention"}, {"abstract", "요약", "Abstract"}, {"summary", "요약", "Summary"},
      {"tldr", "요약", "TL;DR"},          {"info", "정보", "Info"},         {"todo", "할 일", "To do"},
      {"success", "성공", "Success"},     {"check", "확인", "Check"},       {"done", "완료", "Done"},
      {"question", "질문", "Question"},   {"help", "도움", "Help"},         {"faq", "자주 묻는 질문", "FAQ"},
      {"failure", "실패", "Failure"},     {"fail", "실패", "Fail"},         {"missing", "누락", "Missing"},
      {"danger", "위험", "Danger"},       {"error", "오류", "Error"},       {"bug", "버그", "Bug"},
      {"example", "예시", "Example"},     {"quote", "인용", "Quote"},       {"cite", "인용", "Cite"}};

  std::string_view file_;
  LineIndex lines_;
  const std::string& path_;
  Diagnostics& diags_;
  const std::vector<std::pair<std::size_t, std::size_t>>* note_lines_;
  std::vector<Container> containers_;
  std::string pending_marker_;
  std::string pending_box_;  // a numbered task's box, to open its first paragraph
  std::vector<std::string> pending_warnings_;
  std::string link_;  // the address of the link being read, as a URI ("" outside links)
  bool wiki_ = false;   // ... a wiki link's note
  bool embed_ = false;  // reading an embedded image (`![[그림.png]]`)
  int quotes_open_ = 0;           // `<q>`s open in the paragraph
  bool ruby_brackets_ = false;    // the `<ruby>` read gives its annotation's brackets (`<rp>`)
  bool ruby_bracketed_ = false;   // ... or its `<rt>` was given one here
  std::string wiki_shown_;        // the text a wiki link to a note's heading shows, where it has none of its own
  std::string_view wiki_target_;  // ... in place of this, its target as written
  bool mark_open_ = false;     // in a highlight (`==글==`), opened at `mark_at_`
  std::size_t mark_span_ = 0;  // ... where the paragraph's span after the `==` stands
  Position mark_at_;
  Position last_pos_{1, 1};
  Position span_end_;  // where the last span's text, counted from its start, ends
  int emphasis_ = 0, strong_ = 0, code_ = 0, strike_ = 0, image_ = 0;
  struct OpenTag {
    std::string name;  // in lower case
    std::uint16_t flag;
    Position at;
  };
  std::vector<OpenTag> open_tags_;           // the inline HTML tags open, in order
  std::vector<std::string> link_stack_;      // the links around each `<a>` open, innermost last
  std::uint16_t tag_flags_ = plain;          // the flags they set
  std::optional<std::size_t> figure_block_;  // the block that is a figure, if nothing else comes into it
  std::string figure_src_;
  Position figure_pos_;
  bool figure_image_done_ = false;  // its image has ended: any more text makes it a paragraph
  bool figure_embed_ = false;       // its image is an embed (`![[그림.png]]`), which has no description
  int column_ = 0;  // in a code block, the column the next character is set in
  bool open_ = false, verbatim_ = false, code_block_ = false, in_head_ = false;
  bool in_comment_ = false;
  bool in_hidden_ = false;            // the last text handed over ended inside an Obsidian comment
  bool html_block_ = false;           // reading an HTML block
  // The HTML block elements open, innermost last, with the alignment each asks for.
  std::vector<std::pair<std::string, Align>> aligned_;
  std::string html_tag_;              // in one, the start of a tag its next line goes on with
  Position html_tag_at_;
  std::optional<std::size_t> table_;  // the table being read
  Cell::Align cell_align_ = Cell::Align::left;
};

// The anchor among `anchors` that a link's fragment (after its `#`) names:
// the anchor as written (percent-encoded or not, in any case), or a heading's
// own text.
std::optional<std::string> find_anchor(const std::set<std::string>& anchors, std::string_view fragment) {
  std::string wanted = percent_decoded(fragment);
  for (char& c : wanted) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (anchors.contains(wanted)) return wanted;
  if (std::string own = anchor_of(wanted); !own.empty() && anchors.contains(own)) return own;
  return std::nullopt;
}

// The anchors a document's title and headings are named by.
std::set<std::string> anchors_of(const Document& doc) {
  std::set<std::string> out;
  if (!doc.meta.anchor.empty()) out.insert(doc.meta.anchor);
  for (const Block& b : doc.blocks)
    if (!b.anchor.empty()) out.insert(b.anchor);
  return out;
}

// Calls visit(span) for every span of a document, a table's cells' included.
template <class Visit>
void for_each_span(Document& doc, Visit visit) {
  for (Block& b : doc.blocks) {
    for (Span& s : b.spans) visit(s);
    for (Row& row : b.rows)
      for (Cell& cell : row.cells)
        for (Span& s : cell.spans) visit(s);
  }
}

// Points each `#name` link at its heading of the same document. A link to no
// heading is warned of and left out.
void link_headings(Document& doc, Diagnostics& diags) {
  const std::set<std::string> anchors = anchors_of(doc);
  for_each_span(doc, [&](Span& s) {
    if (!s.link.starts_with('#')) return;
    if (auto anchor = find_anchor(anchors, std::string_view(s.link).substr(1))) {
      s.link = "#" + *anchor;
    } else {
      diags.add(warning(doc.path, s.pos,
                        "link to `" + s.link + "` leads to no heading of this document; its text is set without it"));
      s.link.clear();
    }
  });
}

// Whether an address is a reference relative to the document (a file's path,
// perhaps with a `#fragment`) rather than a URI with a scheme ("https:",
// "mailto:"), a network path ("//host/...") or a link within the document.
bool is_relative_path(std::string_view address) {
  if (address.empty() || address.starts_with('#') || is_remote(address)) return false;
  return address.find('?') == std::string_view::npos;  // a query is for a server, not a file here
}

std::filesystem::path normal_path(const std::filesystem::path& p) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(p, ec);
  return (ec ? p : absolute).lexically_normal();
}

// Whether `path` ends with the folders and file of `tail` ("글/노트.md").
bool ends_with(const std::filesystem::path& path, const std::filesystem::path& tail) {
  const std::filesystem::path normal = tail.lexically_normal();
  const std::vector<std::filesystem::path> a(path.begin(), path.end()), b(normal.begin(), normal.end());
  return !b.empty() && b.size() <= a.size() && std::equal(b.rbegin(), b.rend(), a.rbegin());
}

}  // namespace

void link_documents(Publication& publication, Diagnostics& diags) {
  std::vector<std::filesystem::path> paths;
  std::vector<std::set<std::string>> anchors;
  for (const Document& d : publication.documents) {
    paths.push_back(normal_path(d.path));
    anchors.push_back(anchors_of(d));
  }
  for (std::size_t from = 0; from < publication.documents.size(); ++from) {
    Document& doc = publication.documents[from];
    const std::filesystem::path folder = std::filesystem::path(doc.path).parent_path();
    for_each_span(doc, [&](Span& s) {
      const bool wiki = std::exchange(s.wiki, false);
      if (!wiki && !is_relative_path(s.link)) return;
      const std::size_t hash = s.link.find('#');
      const std::string file = percent_decoded(std::string_view(s.link).substr(0, hash));
      auto to = paths.end();
      if (wiki) {
        // A note is named without its `.md`, and perhaps its folders: the
        // document whose path ends so. A note not in the publication is
        // nowhere the PDF can lead: its text is set without a link.
        const std::filesystem::path name = std::filesystem::path(file).extension() == ".md" ? file : file + ".md";
        to = std::find_if(paths.begin(), paths.end(),
                          [&](const std::filesystem::path& p) { return ends_with(p, name); });
        if (to == paths.end()) {
          s.link.clear();
          return;
        }
      } else {
        to = std::find(paths.begin(), paths.end(), normal_path(folder / file));
        if (to == paths.end()) return;  // a file beside the PDF, perhaps: the address stays a relative URI
      }
      const std::size_t index = static_cast<std::size_t>(to - paths.begin());
      const Document& into = publication.documents[index];
      std::optional<std::string> anchor;
      if (hash == std::string::npos) {
        // The document itself: where its title, else its first heading, is.
        if (!into.meta.anchor.empty()) anchor = into.meta.anchor;
        for (std::size_t i = 0; !anchor && i < into.blocks.size(); ++i)
          if (!into.blocks[i].anchor.empty()) anchor = into.blocks[i].anchor;
      } else {
        anchor = find_anchor(anchors[index], std::string_view(s.link).substr(hash + 1));
      }
      if (!anchor) {
        diags.add(warning(doc.path, s.pos,
                          "link to `" + percent_decoded(s.link) + "` leads to no heading of " + into.path +
                              "; its text is set without it"));
        s.link.clear();
        return;
      }
      s.link = index == from ? "#" + *anchor : "#" + std::to_string(index) + "#" + *anchor;
    });
  }
}

namespace {

// Reads `text` with md4c into `reader`; false when md4c runs out of memory.
bool parse(Reader& reader, std::string_view text) {
  MD_PARSER parser{};
  parser.flags =
      MD_FLAG_TABLES | MD_FLAG_PERMISSIVEAUTOLINKS | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS | MD_FLAG_WIKILINKS;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* r) { return static_cast<Reader*>(r)->enter_block(t, d); };
  parser.leave_block = [](MD_BLOCKTYPE t, void* d, void* r) { return static_cast<Reader*>(r)->leave_block(t, d); };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* r) { return static_cast<Reader*>(r)->enter_span(t, d); };
  parser.leave_span = [](MD_SPANTYPE t, void* d, void* r) { return static_cast<Reader*>(r)->leave_span(t, d); };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* r) {
    return static_cast<Reader*>(r)->text(t, s, n);
  };
  if (md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &reader) != 0) return false;
  reader.finish();
  return true;
}

}  // namespace

Result<Document> read_markdown(std::string_view text, const std::string& path, Diagnostics& diags) {
  auto front = read_front_matter(text, path, diags);
  if (!front) return front.error();

  // Notes' definitions are read on their own, and the rest without them.
  // Obsidian's comments are hidden first, so that no note is read from one,
  // and inline notes cut before notes' definitions, which may hold them.
  std::string without_notes;
  std::vector<NoteSource> sources, inline_notes;
  std::vector<Styled> styled;
  bool cut = false;
  const std::size_t body = front->body_offset;
  if (text.find("%%", body) != std::string_view::npos) {
    without_notes = std::string(text);
    cut = hide_comments(without_notes, body);
  }
  if (text.find(":::", body) != std::string_view::npos) {
    if (without_notes.empty()) without_notes = std::string(text);
    cut = hide_div_fences(without_notes, body) || cut;
  }
  if (text.find("){", body) != std::string_view::npos || text.find("]{", body) != std::string_view::npos) {
    if (without_notes.empty()) without_notes = std::string(text);
    cut = hide_attributes(without_notes, text, body, styled) || cut;
  }
  if (text.find("^[", body) != std::string_view::npos) {
    if (without_notes.empty()) without_notes = std::string(text);
    inline_notes = cut_inline_notes(without_notes, text, body, cut);
    cut = cut || !inline_notes.empty();
  }
  if (text.find("[^", body) != std::string_view::npos) {
    if (without_notes.empty()) without_notes = std::string(text);
    sources = cut_notes(without_notes, body);
  }
  std::move(inline_notes.begin(), inline_notes.end(), std::back_inserter(sources));
  std::string_view file = without_notes.empty() ? text : std::string_view(without_notes);
  std::vector<Swap> swaps = md4c_swaps(file, front->body_offset);
  std::string swapped;
  if (!swaps.empty()) file = swapped = shown_to_md4c(file, swaps);

  Reader reader(file, text, path, diags);
  reader.swaps = std::move(swaps);
  reader.cut = cut;
  reader.doc.path = path;
  reader.doc.meta = std::move(front->meta);
  if (!parse(reader, file.substr(front->body_offset))) return error(path, {}, "the Markdown parser ran out of memory");
  Document doc = std::move(reader.doc);

  std::vector<ReadNote> notes;
  for (const NoteSource& source : sources) {
    std::vector<Swap> note_swaps = md4c_swaps(source.text, 0);
    const std::string note_text = note_swaps.empty() ? std::string() : shown_to_md4c(source.text, note_swaps);
    Reader note(note_swaps.empty() ? std::string_view(source.text) : note_text, text, path, diags, &source.lines);
    note.swaps = std::move(note_swaps);
    note.cut = cut;
    note.doc.meta.lang = doc.meta.lang;
    if (!parse(note, note.file())) return error(path, {}, "the Markdown parser ran out of memory");
    notes.push_back({source.label, source.at, std::move(note.doc.blocks)});
  }
  if (!notes.empty()) attach_notes(doc, std::move(notes), diags);

  auto& blocks = doc.blocks;
  if (!styled.empty()) style_spans(blocks, styled);
  drop_block_ids(blocks);
  for (Block& b : blocks)
    if (b.kind == BlockKind::heading) take_attributes(b);
  // A paragraph of the text holding only an ornament (`◇`, `\* \* \*`)
  // marks a break between sections, as a thematic break does, with the
  // writer's own mark.
  for (Block& b : blocks)
    if (b.kind == BlockKind::paragraph && !b.spans.empty() && reads_as_ornament(b.spans.front().text) &&
        std::all_of(b.spans.begin(), b.spans.end(), [](const Span& s) { return !(s.flags & (code | note)); }) &&
        reads_as_ornament(b.text()))
      b.kind = BlockKind::section_break;
  if (doc.meta.title.empty() && !blocks.empty() && blocks.front().kind == BlockKind::heading &&
      blocks.front().level == 1 &&
      std::count_if(blocks.begin(), blocks.end(),
                    [](const Block& b) { return b.kind == BlockKind::heading && b.level == 1; }) == 1) {
    doc.meta.title = blocks.front().text();
    doc.meta.title_spans = plain_spans(std::move(blocks.front().spans));
    doc.meta.anchor = std::move(blocks.front().anchor);
    blocks.erase(blocks.begin());
  }
  name_anchors(doc);
  link_headings(doc, diags);
  return doc;
}

}  // namespace jakpum::doc
