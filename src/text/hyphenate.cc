#include "text/hyphenate.h"

#include <hyphen.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace jakpum::text {
namespace {

constexpr std::size_t left_min = 2, right_min = 3;  // TeX's \lefthyphenmin, \righthyphenmin for English
constexpr std::size_t longest_word = 60;            // longer is no word (a hash, a run of letters)

bool is_letter(char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// A Latin letter beyond ASCII (é, ö, ł, ạ): the ASCII letters beside it are
// a piece of its word, which the patterns would cut as a word of its own.
bool is_accented_letter(char32_t c) {
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x1E00 && c <= 0x1EFF);
}
bool accented_before(const std::string& t, std::size_t at) {
  if (at == 0 || static_cast<unsigned char>(t[at - 1]) < 0x80) return false;
  auto i = static_cast<int32_t>(at);
  UChar32 c = 0;
  U8_PREV(t.data(), 0, i, c);
  return c >= 0 && is_accented_letter(static_cast<char32_t>(c));
}
bool accented_at(const std::string& t, std::size_t at) {
  return at < t.size() && static_cast<unsigned char>(t[at]) >= 0x80 && is_accented_letter(char_at(t, at));
}

// Patterns by file, loaded on first use and kept for the program's life: a
// dictionary is only read while words are hyphenated (libhyphen keeps no
// state of its own), so threads share it.
struct Dictionaries {
  struct Free {
    void operator()(HyphenDict* d) const { hnj_hyphen_free(d); }
  };
  std::mutex mutex;
  std::map<std::string, std::unique_ptr<HyphenDict, Free>, std::less<>> loaded;
};

HyphenDict* dictionary(const std::string& path) {
  static Dictionaries all;
  std::lock_guard lock(all.mutex);
  auto found = all.loaded.find(path);
  if (found == all.loaded.end())
    found =
        all.loaded.emplace(path, std::unique_ptr<HyphenDict, Dictionaries::Free>(hnj_hyphen_load(path.c_str()))).first;
  return found->second.get();
}

// The words hyphenate() may cut, each as [begin, end) of the text: ASCII
// letters in a style that hyphenates, with `visit` called for each.
template <class Visit>
void for_each_word(const Paragraph& p, const Visit& visit) {
  const std::string& t = p.text;
  for (const Run& run : p.runs) {
    // Not raised or lowered text either (a note's number, m², H₂O).
    if (!p.styles[run.style].hyphenate || p.styles[run.style].rise != 0 || run.script != "Latn") continue;
    for (std::size_t at = run.begin; at < run.end;) {
      if (!is_letter(t[at])) {
        ++at;
        continue;
      }
      std::size_t end = at;
      int capitals = 0;
      while (end < run.end && is_letter(t[end])) capitals += t[end] < 'a', ++end;
      const char before = at > 0 ? t[at - 1] : ' ', after = end < t.size() ? t[end] : ' ';
      const char after_next = end + 1 < t.size() ? t[end + 1] : ' ';
      // Joined to what makes it a name, a number, a piece of an address
      // (x86_64, e-mail, example.com, a/b) or of a word with accents
      // (Schrödinger) rather than a word of plain English.
      const bool joined = accented_before(t, at) || accented_at(t, end) || is_letter(before) || is_digit(before) ||
                          std::string_view("-_@/\\.:").find(before) != std::string_view::npos || is_letter(after) ||
                          is_digit(after) || std::string_view("-_@/\\").find(after) != std::string_view::npos ||
                          ((after == '.' || after == ':') && (is_letter(after_next) || is_digit(after_next)));
      if (end - at >= left_min + right_min && end - at <= longest_word && capitals < 2 && !joined &&
          !ascii_token(t, at).second)
        visit(at, end);
      at = end;
    }
  }
}

}  // namespace

std::size_t hyphenate(Paragraph& p, const std::string& patterns, bool* missing) {
  HyphenDict* dict = nullptr;
  std::size_t marked = 0;
  std::string word;
  std::string points;
  for_each_word(p, [&](std::size_t begin, std::size_t end) {
    if (!dict && !(dict = dictionary(patterns))) {
      if (missing) *missing = true;
      return;
    }
    word.assign(p.text, begin, end - begin);
    for (char& c : word) c = static_cast<char>(c | 0x20);  // the patterns are lower case
    points.assign(word.size() + 5, '\0');
    char** rep = nullptr;
    int *pos = nullptr, *cut = nullptr;
    const int size = static_cast<int>(word.size());
    if (hnj_hyphen_hyphenate3(dict, word.c_str(), size, points.data(), nullptr, &rep, &pos, &cut, left_min, right_min,
                              left_min, right_min) != 0)
      return;
    for (std::size_t k = left_min - 1; k + right_min < word.size(); ++k) {
      // An odd number after letter k: the word may be cut after it (a
      // point that changes the spelling, as some languages' do, is not).
      if (!(points[k] & 1) || (rep && rep[k])) continue;
      Break& b = p.breaks[begin + k + 1];
      if (b == Break::none) b = Break::hyphen, ++marked;
    }
    if (rep) {
      for (int k = 0; k < size; ++k) std::free(rep[k]);
      std::free(rep), std::free(pos), std::free(cut);
    }
  });
  return marked;
}

}  // namespace jakpum::text
