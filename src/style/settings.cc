#include "style/settings.h"

#include <cmath>
#include <cstdio>

#include "doc/toml_source.h"

namespace jakpum::style::settings {
namespace {

Diagnostic expected(std::string what, const toml::node& node) {
  return error("", {}, "expected " + std::move(what) + ", found " + doc::describe_type(node));
}

// A field whose value type T is read by `parse` (node → Result<T>).
template <class Owner, class T, class Parse>
Field<Owner> field(std::string_view key, T Owner::*member, std::string_view type, std::string_view initial,
                   std::string_view help, Parse parse, bool inherited = false) {
  return {key,
          type,
          initial,
          help,
          inherited,
          [member, parse](const toml::node& node, Owner& owner) -> Status {
            Result<T> value = parse(node);
            if (!value) return value.error();
            owner.*member = std::move(*value);
            return ok();
          },
          [member](const Owner& from, Owner& to) { to.*member = from.*member; }};
}

auto absolute_length(bool allow_negative = false) {
  return [allow_negative](const toml::node& node) -> Result<Pt> {
    auto length = parse_length(node, true);
    if (!length) return length.error();
    if (!allow_negative && length->value < 0) return error("", {}, "must not be negative");
    return length->value;
  };
}

auto relative_length(bool allow_negative = false) {
  return [allow_negative](const toml::node& node) -> Result<Length> {
    auto length = parse_length(node, false);
    if (!length) return length.error();
    if (!allow_negative && length->value < 0) return error("", {}, "must not be negative");
    return *length;
  };
}

// A length within [least, most] points; `range` says so in the error.
auto length_within(Pt least, Pt most, std::string_view range) {
  return [=](const toml::node& node) -> Result<Pt> {
    auto length = parse_length(node, true);
    if (!length) return length.error();
    if (length->value < least || length->value > most) return error("", {}, std::string("must be between ").append(range));
    return length->value;
  };
}

auto positive_size() { return length_within(1, 500, "1pt and 500pt"); }

// A page's side: what PDF 1.7 (Annex C.2) lets a page be, 3 to 14,400 units.
auto page_side() { return length_within(3, 14400, "3pt and 14400pt (5080mm)"); }

auto boolean() {
  return [](const toml::node& node) -> Result<bool> {
    if (!node.is_boolean()) return expected("true or false", node);
    return *node.value<bool>();
  };
}

auto fraction() {
  return [](const toml::node& node) -> Result<double> {
    if (!node.is_number()) return expected("a number", node);
    double v = *node.value<double>();
    if (v < 0 || v > 10) return error("", {}, "must be between 0 and 10");
    return v;
  };
}

auto count(int low, int high) {
  return [low, high](const toml::node& node) -> Result<int> {
    if (!node.is_integer()) return expected("a whole number", node);
    auto v = *node.value<int64_t>();
    if (v < low || v > high)
      return error("", {}, "must be between " + std::to_string(low) + " and " + std::to_string(high));
    return static_cast<int>(v);
  };
}

auto number(double low, double high) {
  return [low, high](const toml::node& node) -> Result<double> {
    if (!node.is_number()) return expected("a number", node);
    double v = *node.value<double>();
    if (v < low || v > high) {
      char buf[80];
      std::snprintf(buf, sizeof buf, "must be between %g and %g", low, high);
      return error("", {}, buf);
    }
    return v;
  };
}

auto text_value() {
  return [](const toml::node& node) -> Result<std::string> {
    if (!node.is_string()) return expected("a string", node);
    return *node.value<std::string>();
  };
}

auto string_list() {
  return [](const toml::node& node) -> Result<std::vector<std::string>> {
    if (!node.is_array()) return expected("a list of names", node);
    std::vector<std::string> out;
    for (const auto& item : *node.as_array()) {
      if (!item.is_string()) return expected("a list of names", node);
      out.push_back(*item.value<std::string>());
    }
    return out;
  };
}

}  // namespace

const std::vector<Field<PageSetup>>& page() {
  static const std::vector<Field<PageSetup>> fields = {
      {"size", "name", "\"A5\"", "A4, A5, A6, B5 (ISO), B5-JIS, Letter or Shinguk (152 × 225 mm); width and height override it",
       false,
       [](const toml::node& node, PageSetup& page) -> Status {
         if (!node.is_string()) return expected("a page size name", node);
         std::string_view name = *node.value<std::string_view>();
         std::string names;
         for (const auto& s : page_sizes()) {
           if (s.name == name) {
             page.width = mm_to_pt(s.width_mm), page.height = mm_to_pt(s.height_mm);
             return ok();
           }
           names += (names.empty() ? "" : ", ") + std::string(s.name);
         }
         return error("", {}, "unknown page size `" + std::string(name) + "`", "use one of " + names);
       },
       [](const PageSetup& from, PageSetup& to) { to.width = from.width, to.height = from.height; }},
      field("width", &PageSetup::width, "length", "\"148mm\"", "page width", page_side()),
      field("height", &PageSetup::height, "length", "\"210mm\"", "page height", page_side()),
      field("margin-top", &PageSetup::margin_top, "length", "\"20mm\"", "from the page top to the text block", absolute_length()),
      field("margin-bottom", &PageSetup::margin_bottom, "length", "\"22mm\"", "from the text block to the page bottom", absolute_length()),
      field("margin-inner", &PageSetup::margin_inner, "length", "\"20mm\"", "on the binding side (left on right-hand pages)", absolute_length()),
      field("margin-outer", &PageSetup::margin_outer, "length", "\"16mm\"", "on the side away from the binding", absolute_length()),
      field("facing", &PageSetup::facing, "boolean", "true", "facing pages: inner and outer margins alternate sides", boolean()),
      field("opening-sink", &PageSetup::opening_sink, "length", "\"0mm\"", "space above the title on a document's first page", absolute_length()),
      field("opening-space", &PageSetup::opening_space, "length", "\"20pt\"", "between a document's title, subtitle and author and its text", absolute_length()),
      field("documents-open-recto", &PageSetup::documents_open_recto, "boolean", "true", "each document starts on a right-hand (odd) page", boolean()),
      field("orphans", &PageSetup::orphans, "count", "2", "fewest lines of a paragraph left at the foot of a page", count(1, 10)),
      field("widows", &PageSetup::widows, "count", "2", "fewest lines of a paragraph carried to the top of a page", count(1, 10)),
      field("last-page-lines", &PageSetup::last_page_lines, "count", "0", "fewest lines on a document's last page, taken from the page before (0: any)", count(0, 20)),
      field("cover-sink", &PageSetup::cover_sink, "length", "\"60mm\"", "space above the title on a publication's cover", absolute_length()),
      field("balance-spreads", &PageSetup::balance_spreads, "boolean", "true", "facing pages end on the same baseline where that costs no page", boolean()),
      field("notes-at-foot", &PageSetup::notes_at_foot, "boolean", "true", "notes ([^1]) are set at the foot of the page that first refers to them; false: at the end of their document", boolean()),
  };
  return fields;
}

const std::vector<Field<TextSetup>>& text() {
  static const std::vector<Field<TextSetup>> fields = {
      field("fallback", &TextSetup::fallback, "list of families", "[]", "font families tried, in order, for characters a style's font lacks", string_list()),
      field("space-stretch", &TextSetup::space_stretch, "fraction", "0.15", "how far a justified space may grow, as a fraction of its width", fraction()),
      field("space-shrink", &TextSetup::space_shrink, "fraction", "0.25", "how far a justified space may shrink, as a fraction of its width", fraction()),
      field("letter-stretch", &TextSetup::letter_stretch, "em", "0.07", "how far a gap between two characters may widen in justified lines, with the spaces (a line stretched further widens only its spaces)", fraction()),
      field("letter-shrink", &TextSetup::letter_shrink, "em", "0.03", "how far a gap between two characters may narrow in justified lines, with the spaces", fraction()),
      field("script-spacing", &TextSetup::script_spacing, "em", "0", "space added where Hangul meets a Latin letter or a digit with no space between", fraction()),
      field("hanging-punctuation", &TextSetup::hanging_punctuation, "boolean", "false", "a full stop, comma or hyphen ending a justified line hangs into the margin", boolean()),
      field("smart-quotes", &TextSetup::smart_quotes, "boolean", "true", "straight quotes ' and \" are set as ‘ ’ and “ ”, opening or closing by what comes before (code keeps them straight; the PDF's text keeps them as written)", boolean()),
      field("installed-fonts", &TextSetup::installed_fonts, "boolean", "true", "a character no font of the layout has (an emoji, say) is set in an installed font that has it, found through fontconfig, with a warning naming it; false: such a character is an error", boolean()),
      field("smart-dashes", &TextSetup::smart_dashes, "boolean", "true", "two hyphens -- are set as an en dash – and three --- as an em dash — (code keeps them; a longer run stays; the PDF's text keeps them as written)", boolean()),
      field("half-width-brackets", &TextSetup::half_width_brackets, "boolean", "true", "the brackets, comma and full stop a CJK face draws a full em wide, half of it blank (《 》 「 」 〈 〉 、 。 as in Nanum Myeongjo), are set half an em wide, as a proportional face sets them; false: as the face draws them (code keeps them)", boolean()),
      field("highlight", &TextSetup::highlight, "colour", "\"cmyk(0, 0, 45, 0)\"", "the colour behind highlighted text (HTML's <mark>, Obsidian's ==text==), as a marker pen's: a light yellow by default", parse_color),
      field("section-break", &TextSetup::section_break, "text", "\"*  *  *\"", "the mark set, in [styles.section-break], for Markdown's thematic break (*** or --- on a line of its own); \"\" for a line's space, which a page's top drops (an ornament the text itself writes on a line of its own, * * * or ◇, is set as written)", text_value()),
      field("tolerance", &TextSetup::tolerance, "number", "400", "total-fit: the worst badness (100 r³) a line may have before emergency breaks", number(1, 10000)),
      field("line-penalty", &TextSetup::line_penalty, "number", "10", "total-fit: demerits of every line, so fewer lines are preferred", number(0, 10000)),
      field("syllable-penalty", &TextSetup::syllable_penalty, "number", "1500", "total-fit: penalty of a break inside a word (word-break auto)", number(0, 10000)),
      field("syllable-demerits", &TextSetup::syllable_demerits, "number", "3000", "total-fit: demerits for two lines in a row ending inside words", number(0, 1e6)),
      field("fitness-demerits", &TextSetup::fitness_demerits, "number", "1000", "total-fit: demerits for a tight line next to a loose one", number(0, 1e6)),
      field("runt-demerits", &TextSetup::runt_demerits, "number", "10000", "total-fit: demerits of a paragraph whose last line holds a single word (a runt, 있다. alone), so a word is taken back or another carried down where the lines around can take it at less cost; 0: allowed", number(0, 1e6)),
      field("emergency-stretch", &TextSetup::emergency_stretch, "em", "2", "total-fit: stretch every line is reckoned to have beyond its own when no way through keeps the tolerance (TeX's \\emergencystretch), so the slack is shared out rather than left in one line", fraction()),
      field("hyphenate", &TextSetup::hyphenate, "boolean", "true", "Latin words (of ASCII letters) may be cut with a hyphen, by hyphenation-patterns, in a justified paragraph that cannot be set well without (see hyphenate-ratio), or where a word is wider than its line; code never is", boolean()),
      field("hyphenation-patterns", &TextSetup::hyphenation_patterns, "path", "\"/usr/share/hyphen/hyph_en_US.dic\"", "the patterns Latin words are hyphenated by, a libhyphen file (relative to the layout): English (US) from Debian's hyphen-en-us by default; hyphen-en-gb, hyphen-de, ... install others", text_value()),
      field("hyphenate-ratio", &TextSetup::hyphenate_ratio, "number", "2", "a paragraph's Latin words are hyphenated when, set without, one of its lines is stretched past this ratio (1: past what its spaces and gaps may take; TeX hyphenates at once) or cut inside a word", number(0, 100)),
      field("hyphen-penalty", &TextSetup::hyphen_penalty, "number", "50", "total-fit: penalty of a break with a hyphen (TeX's \\hyphenpenalty)", number(0, 10000)),
      field("looseness", &TextSetup::looseness, "count", "0", "total-fit: set paragraphs this many lines longer (or shorter) when possible", count(-10, 10)),
  };
  return fields;
}

const std::vector<Field<ContentsSetup>>& contents() {
  static const std::vector<Field<ContentsSetup>> fields = {
      field("title", &ContentsSetup::title, "text", "\"차례\"", "the heading of a publication's table of contents", text_value()),
      field("leader", &ContentsSetup::leader, "text", "\".\"", "repeated between an entry and its page number; \"\" for none", text_value()),
      field("depth", &ContentsSetup::depth, "count", "2", "1: the documents; 2: and their sections", count(1, 2)),
  };
  return fields;
}

const std::vector<Field<PrintSetup>>& print() {
  static const std::string condition_help = "PDF/X: the press's printing condition, as the ICC registers it: " + condition_names();
  static const std::vector<Field<PrintSetup>> fields = {
      field("impose", &PrintSetup::impose, "keyword", "\"none\"", "none | booklet (saddle stitch, two pages a side) | 2-up | 4-up",
            [](const toml::node& node) -> Result<std::string> {
              static const char* methods[] = {"none", "booklet", "2-up", "4-up"};
              if (node.is_string())
                for (const char* m : methods)
                  if (*node.value<std::string_view>() == m) return std::string(m);
              return error("", {}, "expected none | booklet | 2-up | 4-up, found " +
                                       (node.is_string() ? "`" + *node.value<std::string>() + "`" : doc::describe_type(node)));
            }),
      {"sheet", "name", "\"A4\"", "the paper pages are imposed on (A4, A3, SRA3, Letter, ...; turned to fit)", false,
       [](const toml::node& node, PrintSetup& print) -> Status {
         if (!node.is_string()) return expected("a sheet size name", node);
         std::string_view name = *node.value<std::string_view>();
         std::string names;
         for (const auto& s : sheet_sizes()) {
           if (s.name == name) {
             print.sheet_width = mm_to_pt(s.width_mm), print.sheet_height = mm_to_pt(s.height_mm);
             return ok();
           }
           names += (names.empty() ? "" : ", ") + std::string(s.name);
         }
         return error("", {}, "unknown sheet size `" + std::string(name) + "`", "use one of " + names);
       },
       [](const PrintSetup& from, PrintSetup& to) { to.sheet_width = from.sheet_width, to.sheet_height = from.sheet_height; }},
      field("bleed", &PrintSetup::bleed, "length", "\"0mm\"", "how far the print runs past the trim, to be cut off", absolute_length()),
      field("crop-marks", &PrintSetup::crop_marks, "boolean", "false", "crop marks at the trim's corners (and the fold's middle), outside the bleed", boolean()),
      field("creep", &PrintSetup::creep, "length", "\"0mm\"", "booklets: how far the innermost sheet's pages move towards the fold", absolute_length()),
      field("pdfa", &PrintSetup::pdfa, "boolean", "false", "write PDF/A-1b (sRGB output intent, XMP, CMYK colours turned into RGB)", boolean()),
      field("pdfx", &PrintSetup::pdfx, "boolean", "false", "write PDF/X-1a:2003 for the press (CMYK and grey only, RGB colours turned into inks, no links)", boolean()),
      field("printing-condition", &PrintSetup::printing_condition, "name", "\"FOGRA39\"",
            condition_help,
            [](const toml::node& node) -> Result<std::string> {
              if (!node.is_string()) return expected("a printing condition's name", node);
              std::string name = *node.value<std::string>();
              if (!find_condition(name))
                return error("", {}, "unknown printing condition `" + name + "`", "use one of " + condition_names());
              return name;
            }),
  };
  return fields;
}

const std::vector<Field<Style>>& style() {
  static const std::vector<Field<Style>> fields = {
      field("font", &Style::font, "family", "\"\"", "a family from [fonts]", text_value(), true),
      field("weight", &Style::weight, "keyword", "\"regular\"", "regular | bold", parse_weight, true),
      field("size", &Style::size, "length", "\"10pt\"", "font size", positive_size(), true),
      field("leading", &Style::leading, "length", "\"170%\"", "baseline to baseline; % and em are of the size", relative_length(), true),
      field("align", &Style::align, "keyword", "\"justify\"", "justify | left | center | right (justified text sets its last line flush left)", parse_align, true),
      field("indent", &Style::indent, "length", "\"0pt\"", "first-line indent; negative hangs", relative_length(true), true),
      field("space-before", &Style::space_before, "length", "\"0pt\"", "space above the block (dropped at a page top)", relative_length()),
      field("space-after", &Style::space_after, "length", "\"0pt\"", "space below the block", relative_length()),
      field("color", &Style::color, "colour", "\"cmyk(0, 0, 0, 100)\"", "text colour: \"#rrggbb\", or \"cmyk(c, m, y, k)\" in percent; pure black ink by default", parse_color, true),
      field("rule-above", &Style::rule_above, "length", "\"0pt\"", "thickness of a rule above the block; 0 for none", absolute_length()),
      field("rule-below", &Style::rule_below, "length", "\"0pt\"", "thickness of a rule below the block; 0 for none", absolute_length()),
      field("rule-gap", &Style::rule_gap, "length", "\"0.6em\"", "between a rule and the text", relative_length()),
      field("keep-with-next", &Style::keep_with_next, "boolean", "false", "keep with the first two lines of what follows", boolean()),
      field("word-break", &Style::word_break, "keyword", "\"auto\"", "auto: between words (어절), inside a word between syllables at `syllable-penalty`; keep-all: between words only; normal: between any syllables", parse_word_break, true),
      field("line-breaking", &Style::greedy, "keyword", "\"total-fit\"", "total-fit (Knuth–Plass) or greedy; ragged text is always filled greedily",
            [](const toml::node& node) -> Result<bool> {
              if (node.is_string() && *node.value<std::string_view>() == "greedy") return true;
              if (node.is_string() && *node.value<std::string_view>() == "total-fit") return false;
              return error("", {}, "expected total-fit | greedy, found " + (node.is_string() ? "`" + *node.value<std::string>() + "`" : doc::describe_type(node)));
            }, true),
      field("margin-left", &Style::margin_left, "length", "\"0pt\"", "indent of the whole block from the left", relative_length()),
      field("margin-right", &Style::margin_right, "length", "\"0pt\"", "indent of the whole block from the right", relative_length()),
  };
  return fields;
}

const std::vector<Field<RunningHead>>& running_head(bool footer) {
  static const std::vector<Field<RunningHead>> header = {
      field("distance", &RunningHead::distance, "length", "\"8mm\"", "from the top of the text block up to the header's baseline", absolute_length()),
      field("opening-page", &RunningHead::on_opening_page, "boolean", "false", "set on a document's first page too", boolean()),
  };
  static const std::vector<Field<RunningHead>> footers = {
      field("distance", &RunningHead::distance, "length", "\"10mm\"", "from the bottom of the text block down to the footer's baseline", absolute_length()),
      field("opening-page", &RunningHead::on_opening_page, "boolean", "true", "set on a document's first page too", boolean()),
  };
  return footer ? footers : header;
}

}  // namespace jakpum::style::settings
