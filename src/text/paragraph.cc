#include "text/paragraph.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <memory>

#include "core/utf8.h"

namespace jakpum::text {
namespace {

// Appends `text` to `out` in NFC: as it is when it is so already (nearly
// always), else normalised on the way.
void append_nfc(std::string& out, std::string_view text) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  const icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (U_FAILURE(status) || (normalizer->isNormalizedUTF8(piece, status) && U_SUCCESS(status))) {
    out += text;
    return;
  }
  const std::size_t size = out.size();
  icu::StringByteSink<std::string> sink(&out);
  status = U_ZERO_ERROR;
  normalizer->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) out.resize(size), out += text;
}

// Characters that take the face and script of their neighbours rather than
// choosing their own: spaces, controls, marks (UAX #24: Common and Inherited).
bool is_neutral_for_font(UChar32 c) {
  if (c < 0x80) return c <= ' ' || c == 0x7F;  // space and the C0 controls
  if (c >= 0xAC00 && c <= 0xD7A3) return false;  // Hangul syllables, most of our text
  return u_charType(c) == U_CONTROL_CHAR || u_getIntPropertyValue(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
}

// The script of a character, Inherited taken as Common. ASCII and Hangul
// syllables, nearly all of an essay, are answered without asking ICU.
UScriptCode script_of(UChar32 c) {
  if (c >= 0xAC00 && c <= 0xD7A3) return USCRIPT_HANGUL;
  if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? USCRIPT_LATIN : USCRIPT_COMMON;
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(c, &status);
  return script == USCRIPT_INHERITED ? USCRIPT_COMMON : script;
}

// A character of a paragraph: its style, its face and its script.
struct Char {
  std::uint32_t style;
  font::FaceId face;
  UScriptCode script;
};

// Conjoining jamo (Hangul Jamo, Jamo Extended-A and -B): the letters old
// Hangul's syllables are written in, which have no precomposed character.
bool is_jamo(UChar32 c) {
  return (c >= 0x1100 && c <= 0x11FF) || (c >= 0xA960 && c <= 0xA97F) || (c >= 0xD7B0 && c <= 0xD7FF);
}

// Characters of a grapheme cluster of old Hangul: jamo, and the tone marks
// of Middle Korean (〮 〯), drawn beside their syllable by its face.
bool is_old_hangul_part(UChar32 c) {
  if (c < 0x1100 || (c >= 0xAC00 && c < 0xD7B0)) return false;  // most text: ASCII, Latin, Hangul syllables
  return is_jamo(c) || c == 0x302E || c == 0x302F;
}

// Sets each grapheme cluster of old Hangul among the characters of a span
// (from `first` on; its text from byte `base` on, its first character at
// `start` in the source) whole in one face: the first of the chain that has
// all of it and, for jamo, composes them (one face alone draws a syllable
// as one, with its tone mark). A syllable in jamo no face composes is missing
// (in place of its letters, which go from `missing` from `missing_from` on);
// a tone mark no face has with its syllable stays in a face of its own.
void set_old_hangul_whole(const std::string& text, std::size_t base, const LineBreaker::Chars& decoded,
                          std::size_t first, std::vector<Char>& chars, const font::Library& fonts,
                          const font::Chain& chain, Position start, const std::string& path,
                          std::vector<MissingChar>& missing, std::size_t missing_from) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> clusters(
      icu::BreakIterator::createCharacterInstance(icu::Locale::getRoot(), status));
  UText* ut = utext_openUTF8(nullptr, text.data() + base, static_cast<int64_t>(text.size() - base), &status);
  if (U_SUCCESS(status)) clusters->setText(ut, status);
  std::size_t k = first;
  Position pos = start;
  auto step = [&] {
    if (decoded[k].second == '\n')
      ++pos.line, pos.column = 1;
    else
      ++pos.column;
    ++k;
  };
  for (int32_t end = U_SUCCESS(status) ? clusters->next() : icu::BreakIterator::DONE; end != icu::BreakIterator::DONE;
       end = clusters->next()) {
    const std::size_t from = k;
    const Position at = pos;
    std::u32string letters;
    bool old = false, jamo = false;
    for (; k < decoded.size() && decoded[k].first < base + static_cast<std::size_t>(end); step()) {
      const UChar32 c = decoded[k].second;
      old = old || is_old_hangul_part(c);
      jamo = jamo || is_jamo(c);
      if (!is_neutral_for_font(c)) letters += static_cast<char32_t>(c);
    }
    if (!old || letters.size() < 2) continue;
    font::FaceId face = font::pick_whole(fonts, chain, letters, jamo);
    if (face == font::no_face && !jamo) continue;
    if (face == font::no_face) {
      // In the place of its letters, in the order of the text.
      const auto place = [](const MissingChar& m) { return std::pair(m.pos.line, m.pos.column); };
      const auto from_here =
          std::find_if(missing.begin() + static_cast<std::ptrdiff_t>(missing_from), missing.end(),
                       [&](const MissingChar& m) { return place(m) >= std::pair(at.line, at.column); });
      const auto past = std::find_if(from_here, missing.end(),
                                     [&](const MissingChar& m) { return place(m) >= std::pair(pos.line, pos.column); });
      missing.insert(missing.erase(from_here, past), {letters.front(), letters, path, at, chain.families});
      face = chain.faces.front();
    }
    for (std::size_t j = from; j < k; ++j) chars[j].face = face;
  }
  utext_close(ut);
}

bool is_latin_greek_cyrillic(UScriptCode s) {
  return s == USCRIPT_LATIN || s == USCRIPT_GREEK || s == USCRIPT_CYRILLIC;
}

// Sets the letters of Latin, Greek and Cyrillic, and the digits, punctuation
// and spaces among them, in the Latin face of their style's family, where it
// has them. A neutral character takes the script of the one before it (else
// the one after), and a closing bracket or quote that of its opening one, so
// that "모리스(William Morris)" and "‘Relation’의" have both in one face. A
// closing quote between a letter and a Latin one ("don’t") is an apostrophe,
// and closes nothing; before Hangul (a particle: "’의") it closes.
// `quotes` are the straight quotes shown curly, in order.
void use_latin_faces(const LineBreaker::Chars& decoded, const std::vector<Paragraph::Quote>& quotes,
                     const font::Library& fonts, const std::vector<TextStyle>& styles, std::vector<Char>& chars) {
  std::vector<UScriptCode> resolved(decoded.size(), USCRIPT_COMMON);
  std::vector<std::pair<UChar32, std::size_t>> open;  // what closes it (0: any closing quote), and where it is
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  auto quote = quotes.begin();
  for (std::size_t k = 0; k < decoded.size(); ++k) {
    UChar32 c = decoded[k].second;
    if (quote != quotes.end() && quote->at == decoded[k].first) c = static_cast<UChar32>((quote++)->shown);
    const UScriptCode own = script_of(c);
    resolved[k] = own != USCRIPT_COMMON ? own : k > 0 ? resolved[k - 1] : USCRIPT_COMMON;
    if (own != USCRIPT_COMMON) continue;
    const int type = u_charType(c);
    const int bracket = u_getIntPropertyValue(c, UCHAR_BIDI_PAIRED_BRACKET_TYPE);
    const bool apostrophe = type == U_FINAL_PUNCTUATION && k > 0 && k + 1 < decoded.size() &&
                            u_isalpha(decoded[k - 1].second) && is_latin_greek_cyrillic(script_of(decoded[k + 1].second));
    if (bracket == U_BPT_OPEN || type == U_INITIAL_PUNCTUATION) {
      open.emplace_back(bracket == U_BPT_OPEN ? u_getBidiPairedBracket(c) : 0, k);
    } else if ((bracket == U_BPT_CLOSE || type == U_FINAL_PUNCTUATION) && !apostrophe) {
      const UChar32 awaited = bracket == U_BPT_CLOSE ? c : 0;
      auto match = std::find_if(open.rbegin(), open.rend(), [&](const auto& o) { return o.first == awaited; });
      if (match != open.rend()) {
        pairs.emplace_back(match->second, k);
        resolved[k] = resolved[match->second];
        open.erase(std::next(match).base(), open.end());
      }
    }
  }
  for (std::size_t k = resolved.size(); k-- > 1;)
    if (resolved[k - 1] == USCRIPT_COMMON) resolved[k - 1] = resolved[k];
  for (auto [opening, closing] : pairs) resolved[closing] = resolved[opening];
  for (std::size_t k = 0; k < decoded.size(); ++k) {
    const font::FaceId latin = styles[chars[k].style].chain.latin;
    if (latin == font::no_face || !is_latin_greek_cyrillic(resolved[k])) continue;
    const UChar32 c = decoded[k].second;
    if (is_neutral_for_font(c) || fonts.has_glyph(latin, static_cast<char32_t>(c))) chars[k].face = latin;
  }
}

}  // namespace

char32_t typographic_quote(char32_t straight, char32_t before) {
  const int type = before ? static_cast<int>(u_charType(static_cast<UChar32>(before))) : static_cast<int>(U_SPACE_SEPARATOR);
  const bool opening = before == 0 || u_isUWhiteSpace(static_cast<UChar32>(before)) || type == U_START_PUNCTUATION ||
                       type == U_INITIAL_PUNCTUATION || type == U_DASH_PUNCTUATION;
  if (straight == '\'') return opening ? U'\u2018' : U'\u2019';
  return opening ? U'\u201C' : U'\u201D';
}

Diagnostic missing_characters(const std::vector<MissingChar>& missing) {
  // Each character (or syllable) once, where it first comes, with how often it comes.
  std::vector<std::pair<const MissingChar*, std::size_t>> distinct;
  for (const auto& m : missing) {
    auto it = std::find_if(distinct.begin(), distinct.end(),
                           [&](const auto& d) { return d.first->c == m.c && d.first->syllable == m.syllable; });
    if (it == distinct.end()) distinct.emplace_back(&m, 1);
    else ++it->second;
  }
  const bool syllables = std::any_of(missing.begin(), missing.end(), [](const auto& m) { return !m.syllable.empty(); });
  std::string out;
  for (std::size_t i = 0; i < distinct.size() && i < 12; ++i) {
    const MissingChar& m = *distinct[i].first;
    out += (i ? ", " : "") + (m.syllable.empty() ? described(m.c) : "the syllable " + described(m.syllable));
    if (m.pos.line > 0)
      out += " at " + (m.path == missing.front().path ? "" : m.path + ":") + std::to_string(m.pos.line) + ":" +
             std::to_string(m.pos.column);
    if (distinct[i].second > 1) out += " (" + std::to_string(distinct[i].second) + " times)";
  }
  if (distinct.size() > 12) out += ", and " + std::to_string(distinct.size() - 12) + " more";
  std::string families;
  for (const auto& f : missing.front().families) families += (families.empty() ? "" : ", ") + f;
  const bool one = distinct.size() == 1;
  return error(
      missing.front().path, missing.front().pos,
      syllables ? "no font can set " + std::string(one ? "this" : "these") + ": " + out
                : "no font has " + std::string(one ? "this character" : "these characters") + ": " + out,
      "fonts tried: " + families + "; add a family that has them to `fallback` in [text]" +
          (syllables ? "; for old Hangul, one that composes syllables in jamo, as Noto Serif CJK KR does" : ""));
}

Result<Paragraph> prepare(const std::vector<StyledSpan>& spans, std::vector<TextStyle> styles,
                          const font::Library& fonts, LineBreaker& breaker, const std::string& path,
                          std::vector<MissingChar>* missing_out) {
  Paragraph p;
  p.styles = std::move(styles);
  std::vector<MissingChar> missing;

  // Each character with the byte it starts at (as the line breaker reads
  // them), and beside it its style, its face (none for neutrals) and script.
  LineBreaker::Chars decoded;
  std::vector<Char> chars;
  std::size_t bytes = 0;
  for (const auto& span : spans) bytes += span.text.size();
  chars.reserve(bytes);
  decoded.reserve(bytes);
  p.text.reserve(bytes);
  for (const auto& span : spans) {
    std::size_t base = p.text.size();
    append_nfc(p.text, span.text);
    if (!span.link.empty()) {
      if (!p.links.empty() && p.links.back().end == base && p.links.back().address == span.link)
        p.links.back().end = p.text.size();  // the same link, on in another style
      else
        p.links.push_back({base, p.text.size(), span.link});
    }
    for (auto [lined, ranges] : {std::pair{span.struck, &p.struck}, std::pair{span.underlined, &p.underlined},
                                 std::pair{span.marked, &p.marked}}) {
      if (!lined) continue;
      if (!ranges->empty() && ranges->back().second == base)
        ranges->back().second = p.text.size();
      else
        ranges->emplace_back(base, p.text.size());
    }
    const TextStyle& ts = p.styles[span.style];
    const auto* s = reinterpret_cast<const uint8_t*>(p.text.data());
    const int32_t n = static_cast<int32_t>(p.text.size());
    Position pos = span.pos;
    const std::size_t first = chars.size(), missing_from = missing.size();
    bool old_hangul = false;
    for (int32_t i = static_cast<int32_t>(base); i < n;) {
      int32_t at = i;
      UChar32 c;
      U8_NEXT(s, i, n, c);
      font::FaceId face = font::no_face;
      if (!is_neutral_for_font(c)) {
        face = font::pick(fonts, ts.chain, static_cast<char32_t>(c));
        if (face == font::no_face) missing.push_back({static_cast<char32_t>(c), {}, path, pos, ts.chain.families});
        old_hangul = old_hangul || is_old_hangul_part(c);
      }
      decoded.emplace_back(static_cast<std::size_t>(at), c);
      chars.push_back({span.style, face, script_of(c)});
      if (c == '\n') ++pos.line, pos.column = 1;
      else ++pos.column;
    }
    if (old_hangul)
      set_old_hangul_whole(p.text, base, decoded, first, chars, fonts, ts.chain, span.pos, path, missing, missing_from);
  }
  if (!missing.empty()) {
    if (missing_out) missing_out->insert(missing_out->end(), missing.begin(), missing.end());
    return missing_characters(missing);
  }

  // Neutral characters take the face and script of the character before them
  // in the same style, or failing that the one after (UAX #24, Common and
  // Inherited); at worst the style's first face.
  for (std::size_t i = 1; i < chars.size(); ++i) {
    if (chars[i].face == font::no_face && chars[i - 1].style == chars[i].style) chars[i].face = chars[i - 1].face;
    if (chars[i].script == USCRIPT_COMMON) chars[i].script = chars[i - 1].script;
  }
  for (std::size_t i = chars.size(); i-- > 1;) {
    if (chars[i - 1].face == font::no_face && chars[i - 1].style == chars[i].style) chars[i - 1].face = chars[i].face;
    if (chars[i - 1].script == USCRIPT_COMMON) chars[i - 1].script = chars[i].script;
  }
  for (auto& ch : chars)
    if (ch.face == font::no_face) ch.face = p.styles[ch.style].chain.faces.front();

  // Straight quotes in styles that want typographic ones. One just made
  // opening counts as an opening quote for the next ("'" → “‘).
  char32_t before = 0;
  const bool has_quotes = p.text.find('\'') != std::string::npos || p.text.find('"') != std::string::npos;
  for (std::size_t k = 0; has_quotes && k < decoded.size(); ++k) {
    const char32_t c = static_cast<char32_t>(decoded[k].second);
    if ((c == '\'' || c == '"') && p.styles[chars[k].style].smart_quotes) {
      const char32_t shown = typographic_quote(c, before);
      p.quotes.push_back({decoded[k].first, shown});
      before = shown;
    } else {
      before = c;
    }
  }

  if (std::any_of(p.styles.begin(), p.styles.end(), [](const TextStyle& ts) { return ts.chain.latin != font::no_face; }))
    use_latin_faces(decoded, p.quotes, fonts, p.styles, chars);

  // Two hyphens written for an en dash ("1990--2000") and three for an em
  // dash, as TeX reads them, in styles that want typographic ones: each
  // shown as one glyph, its hyphens all in one style and face. A longer
  // run of hyphens is a line drawn with them, and stays.
  const bool has_hyphens = p.text.find("--") != std::string::npos;
  for (std::size_t k = 0; has_hyphens && k < decoded.size();) {
    if (decoded[k].second != '-') {
      ++k;
      continue;
    }
    std::size_t end = k;
    bool one_face = true;
    for (; end < decoded.size() && decoded[end].second == '-'; ++end)
      one_face = one_face && chars[end].style == chars[k].style && chars[end].face == chars[k].face;
    const std::size_t length = end - k;
    if ((length == 2 || length == 3) && one_face && p.styles[chars[k].style].smart_dashes)
      p.dashes.push_back({decoded[k].first, static_cast<std::uint8_t>(length), length == 2 ? U'\u2013' : U'\u2014'});
    k = end;
  }

  UScriptCode run_script = USCRIPT_INVALID_CODE;
  for (std::size_t k = 0; k < chars.size(); ++k) {
    const Char& ch = chars[k];
    const std::size_t end = k + 1 < decoded.size() ? decoded[k + 1].first : p.text.size();
    if (!p.runs.empty()) {
      Run& last = p.runs.back();
      if (last.style == ch.style && last.face == ch.face && run_script == ch.script) {
        last.end = end;
        continue;
      }
    }
    p.runs.push_back({decoded[k].first, end, ch.style, ch.face, uscript_getShortName(ch.script)});
    run_script = ch.script;
  }
  p.breaks = breaker.find(p.text, decoded, p.runs, p.styles);
  // Raised or lowered text (a note's number, a superscript, a subscript)
  // keeps to what it follows; inside, it breaks as any text does.
  for (std::size_t k = 0; k < p.runs.size(); ++k) {
    const Run& run = p.runs[k];
    if (p.styles[run.style].rise != 0 && (k == 0 || p.runs[k - 1].style != run.style) &&
        p.breaks[run.begin] != Break::mandatory)
      p.breaks[run.begin] = Break::none;
  }
  return p;
}

}  // namespace jakpum::text
