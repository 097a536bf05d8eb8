// Break opportunities, one case a line: text in, text out with `|` wherever a
// line may start.
#include <doctest/doctest.h>

#include "text/paragraph.h"

using namespace jakpum;
using namespace jakpum::text;

namespace {

std::string marked(const std::string& text, bool keep_all) {
  static LineBreaker breaker;
  std::vector<Break> breaks = breaker.find(text, [&](std::size_t) { return keep_all; });
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (breaks[i] == Break::allowed) out += '|';
    if (breaks[i] == Break::mandatory) out += "!";
    out += text[i];
  }
  return out;
}

}  // namespace

TEST_CASE("keep-all: Korean breaks between words only") {
  CHECK(marked("노동은 단순히 생계를 위한 수단이 아니다.", true) == "노동은 |단순히 |생계를 |위한 |수단이 |아니다.");
  CHECK(marked("AI경제와 데이터 경제의", true) == "AI경제와 |데이터 |경제의");
  CHECK(marked("노동(labor), 작업(work)", true) == "노동(labor), |작업(work)");
  CHECK(marked("인간·자연", true) == "인간·자연");
  CHECK(marked("파이토치(pytorch)가 새로운", true) == "파이토치(pytorch)가 |새로운");  // one 어절
}

TEST_CASE("normal: Korean also breaks between syllables") {
  CHECK(marked("노동은 단순히", false) == "노|동|은 |단|순|히");
  CHECK(marked("AI경제", false) == "AI|경|제");
}

TEST_CASE("no line starts with a closing mark, none ends with an opening one") {
  // klreq §3.1.7: closing marks stay with what precedes them.
  CHECK(marked("행위(action)의 삼분법에서, 진정한", false) == "행|위|(action)|의 |삼|분|법|에|서, |진|정|한");
  CHECK(marked("‘인공지능’ 세상에선", false) == "‘인|공|지|능’ |세|상|에|선");
  CHECK(marked("《The Technological Society》에서", true) == "《The |Technological |Society》에서");
  CHECK(marked("가 . 나", true) == "가 . |나");       // a stray full stop does not open a line
  CHECK(marked("인간·자연", false) == "인|간·|자|연");  // nor a middle dot
  CHECK(marked("“모든 노동자는", false) == "“모|든 |노|동|자|는");
  CHECK(marked("그는 \"모든 노동자는\"이라고", true) == "그는 |\"모든 |노동자는\"이라고");
}

TEST_CASE("no-break spaces do not break, forced breaks must") {
  CHECK(marked("세상에선\u00A0데이터가 생명", true) == "세상에선\u00A0데이터가 |생명");
  CHECK(marked("첫 줄\n둘째", true) == "첫 |줄\n!둘째");
}

TEST_CASE("Latin words break at spaces, as UAX #14 says") {
  CHECK(marked("Arts and Crafts Movement", true) == "Arts |and |Crafts |Movement");
  CHECK(marked("(William Morris)", false) == "(William |Morris)");
}
