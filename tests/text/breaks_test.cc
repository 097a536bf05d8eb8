// Break opportunities, one case a line: text in, text out with `|` wherever a
// line may start, `~` where it may start at a penalty (inside a word), `!`
// where it must.
#include <doctest/doctest.h>

#include "text/hyphenate.h"
#include "text/paragraph.h"

using namespace jakpum;
using namespace jakpum::text;

namespace {

constexpr auto keep_all = style::WordBreak::keep_all;
constexpr auto normal = style::WordBreak::normal;
constexpr auto automatic = style::WordBreak::auto_;

std::string marked(const std::string& text, style::WordBreak mode) {
  static LineBreaker breaker;
  std::vector<Break> breaks = breaker.find(text, [&](std::size_t) { return mode; });
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (breaks[i] == Break::allowed) out += '|';
    if (breaks[i] == Break::syllable) out += '~';
    if (breaks[i] == Break::mandatory) out += "!";
    out += text[i];
  }
  return out;
}

// The text with `-` wherever hyphenate() lets a Latin word be cut. A run
// a character of ASCII and another of anything else (Latn, Hang), in a style
// that hyphenates; text between ` marks in one that does not (code's).
const std::string english = "/usr/share/hyphen/hyph_en_US.dic";  // Debian's hyphen-en-us

std::string hyphenated(const std::string& written, std::size_t* marked_count = nullptr,
                       const std::string& patterns = english, bool* missing = nullptr) {
  static LineBreaker breaker;
  Paragraph p;
  p.styles.resize(2);
  p.styles[0].hyphenate = true;
  bool code = false;
  for (std::size_t i = 0; i < written.size(); ++i) {
    if (written[i] == '`') {
      code = !code;
      continue;
    }
    const bool ascii = static_cast<unsigned char>(written[i]) < 0x80;
    const std::uint32_t style = code ? 1 : 0;
    if (p.runs.empty() || (p.runs.back().script == "Latn") != ascii || p.runs.back().style != style)
      p.runs.push_back({p.text.size(), p.text.size(), style, font::no_face, ascii ? "Latn" : "Hang"});
    p.text += written[i];
    p.runs.back().end = p.text.size();
  }
  p.breaks = breaker.find(p.text, [](std::size_t) { return keep_all; });
  const std::size_t marked = hyphenate(p, patterns, missing);
  if (marked_count) *marked_count = marked;
  std::string out;
  for (std::size_t i = 0; i < p.text.size(); ++i)
    out += (p.breaks[i] == Break::hyphen ? "-" : "") + p.text.substr(i, 1);
  return out;
}

}  // namespace

TEST_CASE("Latin words are hyphenated by the English patterns, two letters left and three carried over") {
  CHECK(hyphenated("The Degradation of Work in the Twentieth Century") ==
        "The Degra-da-tion of Work in the Twen-ti-eth Cen-tury");
  CHECK(hyphenated("internationally competitive manuscripts") == "in-ter-na-tion-ally com-pet-i-tive manuscripts");
  CHECK(hyphenated("Capitalised: Philosophic, Movement's") == "Cap-i-talised: Philo-sophic, Move-ment's");
  // In Korean text, before a particle, in brackets.
  CHECK(hyphenated("브레이버먼의 『노동과 독점자본』(Labor and Monopoly Capital)을") ==
        "브레이버먼의 『노동과 독점자본』(La-bor and Mo-nop-oly Cap-i-tal)을");
  CHECK(hyphenated("예술공예운동(Arts and Crafts Movement)은") == "예술공예운동(Arts and Crafts Move-ment)은");
  // At least five letters, to leave two and carry three.
  CHECK(hyphenated("table every about work") == "ta-ble ev-ery about work");
}

TEST_CASE("names, numbers, addresses, code and acronyms are never hyphenated") {
  CHECK(hyphenated("NASA UNESCO PyTorch iPhone") == "NASA UNESCO PyTorch iPhone");
  CHECK(hyphenated("x86_64 hyphen_underscore e-mail well-known python3 3dimensional") ==
        "x86_64 hyphen_underscore e-mail well-known python3 3dimensional");
  CHECK(hyphenated("https://example.com/hyphenation www.hyphenation.org /usr/share/hyphenation") ==
        "https://example.com/hyphenation www.hyphenation.org /usr/share/hyphenation");
  CHECK(hyphenated("someone@hyphenation.org example.hyphenation std::hyphenation") ==
        "someone@hyphenation.org example.hyphenation std::hyphenation");
  CHECK(hyphenated("see `international` in code, international in prose") ==
        "see international in code, in-ter-na-tional in prose");
  CHECK(hyphenated("노동자는 자신이 만든 생산물로부터") == "노동자는 자신이 만든 생산물로부터");
  // Pieces of words with accents are no words: Schrödinger, Gödel, naïveté.
  CHECK(hyphenated("Schrödinger Gödelsatz naïvetéxx Übermensch international’s") ==
        "Schrödinger Gödelsatz naïvetéxx Übermensch in-ter-na-tional’s");
}

TEST_CASE("without the patterns, nothing is hyphenated and the caller is told") {
  std::size_t marked = 1;
  bool missing = false;
  CHECK(hyphenated("international", &marked, "/nonexistent/hyph_en_US.dic", &missing) == "international");
  CHECK(marked == 0);
  CHECK(missing);
  missing = false;
  CHECK(hyphenated("international", &marked, english, &missing) == "in-ter-na-tional");
  CHECK(marked == 3);
  CHECK_FALSE(missing);
}

TEST_CASE("keep-all: Korean breaks between words only") {
  CHECK(marked("노동은 단순히 생계를 위한 수단이 아니다.", keep_all) == "노동은 |단순히 |생계를 |위한 |수단이 |아니다.");
  CHECK(marked("AI경제와 데이터 경제의", keep_all) == "AI경제와 |데이터 |경제의");
  CHECK(marked("노동(labor), 작업(work)", keep_all) == "노동(labor), |작업(work)");
  CHECK(marked("인간·자연", keep_all) == "인간·자연");
  CHECK(marked("파이토치(pytorch)가 새로운", keep_all) == "파이토치(pytorch)가 |새로운");  // one 어절
}

TEST_CASE("auto: between words, and inside a word between syllables, two or more each side") {
  CHECK(marked("노동은 단순히 생계를 위한 수단이 아니다.", automatic) == "노동은 |단순히 |생계를 |위한 |수단이 |아니다.");
  CHECK(marked("공유하는 예술공예운동이라는", automatic) == "공유~하는 |예술~공~예~운~동~이~라는");
  CHECK(marked("그는 공유된다.", automatic) == "그는 |공유~된다.");  // never 그|는 nor 공유된|다.
  CHECK(marked("파이토치(pytorch)가 정착시킨", automatic) == "파이~토치~(pytorch)가 |정착~시킨");
  CHECK(marked("거대 기계(Megamachine)'가", automatic) == "거대 |기계~(Megamachine)'가");
  CHECK(marked("삶(life)의 행위(action)의", automatic) == "삶(life)의 |행위~(action)의");
  CHECK(marked("AI경제와", automatic) == "AI경제와");
  CHECK(marked("‘만명’이라는", automatic) == "‘만명’이라는");
}

TEST_CASE("normal: Korean also breaks between syllables") {
  CHECK(marked("노동은 단순히", normal) == "노|동|은 |단|순|히");
  CHECK(marked("AI경제", normal) == "AI|경|제");
}

TEST_CASE("old Hangul: a word stays whole, its tone marks with their syllables") {
  // A tone mark is its syllable's (UAX #14 LB9), not the end of a word;
  // a syllable in jamo is no precomposed one to break beside at a penalty.
  CHECK(marked("나랏〮말〯ᄊᆞ미〮 듕귁〮에〮 달아〮", keep_all) == "나랏〮말〯ᄊᆞ미〮 |듕귁〮에〮 |달아〮");
  CHECK(marked("나랏〮말〯ᄊᆞ미〮 듕귁〮에〮 달아〮", automatic) == "나랏〮말〯ᄊᆞ미〮 |듕귁〮에〮 |달아〮");
  CHECK(marked("ᄒᆞᆫ글", normal) == "ᄒᆞᆫ|글");  // between syllables, never inside one
}

TEST_CASE("no line starts with a closing mark, none ends with an opening one") {
  // klreq §3.1.7: closing marks stay with what precedes them.
  CHECK(marked("행위(action)의 삼분법에서, 진정한", normal) == "행|위|(action)|의 |삼|분|법|에|서, |진|정|한");
  CHECK(marked("‘인공지능’ 세상에선", normal) == "‘인|공|지|능’ |세|상|에|선");
  CHECK(marked("《The Technological Society》에서", keep_all) == "《The |Technological |Society》에서");
  CHECK(marked("가 . 나", keep_all) == "가 . |나");       // a stray full stop does not open a line
  CHECK(marked("인간·자연", normal) == "인|간·|자|연");  // nor a middle dot
  CHECK(marked("“모든 노동자는", normal) == "“모|든 |노|동|자|는");
  CHECK(marked("그는 \"모든 노동자는\"이라고", keep_all) == "그는 |\"모든 |노동자는\"이라고");
}

TEST_CASE("no-break spaces do not break, forced breaks must") {
  CHECK(marked("세상에선\u00A0데이터가 생명", keep_all) == "세상에선\u00A0데이터가 |생명");
  CHECK(marked("첫 줄\n둘째", keep_all) == "첫 |줄\n!둘째");
}

TEST_CASE("numbers keep their units, Latin words stay whole") {
  CHECK(marked("하루 24시간의 100% 3.5kg 24시간을", automatic) == "하루 |24시간의 |100% |3.5kg |24시간을");
  CHECK(marked("Technological Society", normal) == "Technological |Society");
  CHECK(marked("R-기술", automatic) == "R-~기술");  // inside the word: at a penalty
}

TEST_CASE("Latin words break at spaces, as UAX #14 says") {
  CHECK(marked("Arts and Crafts Movement", keep_all) == "Arts |and |Crafts |Movement");
  CHECK(marked("(William Morris)", normal) == "(William |Morris)");
}

TEST_CASE("a straight quote opens after nothing, a space, a bracket, a dash or an opening quote, else closes") {
  CHECK(typographic_quote('\'', 0) == U'\u2018');
  CHECK(typographic_quote('\'', ' ') == U'\u2018');
  CHECK(typographic_quote('"', '\n') == U'\u201C');
  CHECK(typographic_quote('\'', '(') == U'\u2018');
  CHECK(typographic_quote('"', U'\u2014') == U'\u201C');  // em dash
  CHECK(typographic_quote('\'', U'\u201C') == U'\u2018');  // "' → “‘
  CHECK(typographic_quote('\'', U'나') == U'\u2019');
  CHECK(typographic_quote('\'', 'n') == U'\u2019');  // don't
  CHECK(typographic_quote('"', '.') == U'\u201D');
  CHECK(typographic_quote('"', U'\u2019') == U'\u201D');  // '" → ’”
}
