// A publication's layout: page, fonts and named styles, loaded from
// layouts/*.toml. Every setting is declared once, in settings.cc, with its type,
// default, unit and help text; `jakpum --settings` prints them.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/units.h"
#include "doc/document.h"
#include "style/values.h"

namespace jakpum::style {

struct PageSetup {
  Pt width = 0, height = 0;
  Pt margin_top = 0, margin_bottom = 0, margin_inner = 0, margin_outer = 0;
  bool facing = false;
  Pt opening_sink = 0;   // extra space above the title on a document's first page
  Pt opening_space = 0;  // between the title (with subtitle and author) and the text
  bool documents_open_recto = false;
  int orphans = 1, widows = 1;
  int last_page_lines = 0;        // fewest lines on a document's last page (0: no rule)
  Pt cover_sink = 0;              // space above the title on a cover
  bool balance_spreads = false;   // facing pages end on the same baseline where possible
  bool notes_at_foot = true;      // notes at the foot of the page that refers to them, not at the document's end
};

struct TextSetup {
  std::vector<std::string> fallback;  // font families tried, in order, after a style's own
  double space_stretch = 0;           // fraction of the space's width a space may grow
  double space_shrink = 0;            // ... and shrink
  double letter_stretch = 0;          // em a gap between characters may widen
  double letter_shrink = 0;           // ... and narrow
  double script_spacing = 0;          // em added between Hangul and a Latin letter or digit
  bool hanging_punctuation = false;
  bool smart_quotes = true;           // straight quotes set as typographic ones
  bool smart_dashes = true;           // -- and --- set as en and em dashes
  bool half_width_brackets = true;    // a CJK face's full-width brackets and stops set half an em wide
  bool installed_fonts = true;        // characters no font of the layout has taken from installed fonts
  Color highlight;                    // behind highlighted text (<mark>, ==text==)
  std::string section_break;          // the mark set for Markdown's thematic break ("" for a line's space)
  double tolerance = 0, line_penalty = 0, syllable_penalty = 0, syllable_demerits = 0, fitness_demerits = 0;
  double runt_demerits = 0;  // a paragraph's last line holding a single word
  int looseness = 0;
  double emergency_stretch = 0;  // em every line may stretch beyond its own when no way through keeps the tolerance
  // Latin words may be hyphenated, by the patterns of this libhyphen file
  // (resolved against the layout), in a paragraph that without has a line
  // looser than the ratio; at the penalty, in total-fit.
  bool hyphenate = true;
  std::string hyphenation_patterns;
  double hyphenate_ratio = 0, hyphen_penalty = 0;
};

// One face of a font file: TrueType or OpenType CFF (.ttf, .otf), or a face
// of a collection (.ttc), chosen by index or by PostScript name.
struct FontSource {
  std::string path;  // resolved against the layout file
  int index = 0;
  std::string postscript_name;  // when set, the face with this name, whatever its index
  bool empty() const { return path.empty(); }
};

// A printing condition of the ICC's registry of characterizations, which a
// PDF/X output intent may name without embedding a profile.
struct PrintingCondition {
  std::string_view identifier;   // as the registry spells it: "FOGRA39"
  std::string_view description;  // what the output intent's Info says
};
const std::vector<PrintingCondition>& registered_conditions();
// The registered condition `identifier` names, or nullptr.
const PrintingCondition* find_condition(std::string_view identifier);
// Their identifiers, for messages: "FOGRA39, FOGRA51, ...".
std::string condition_names();

// Print production: how pages go onto sheets, bleed, marks, PDF/A, PDF/X.
struct PrintSetup {
  std::string impose = "none";  // none | booklet | 2-up | 4-up
  Pt sheet_width = 0, sheet_height = 0;
  Pt bleed = 0;
  bool crop_marks = false;
  Pt creep = 0;
  bool pdfa = false;
  bool pdfx = false;                       // PDF/X-1a:2003
  std::string printing_condition = "FOGRA39";  // a registered_conditions() identifier
};

// The table of contents of a publication.
struct ContentsSetup {
  std::string title;   // its heading
  std::string leader;  // repeated between an entry and its page number ("" for none)
  int depth = 1;       // 1: documents; 2: and their sections (h1)
};

struct FontFamily {
  std::string name;
  FontSource regular, bold;
  // A family whose faces set this one's Latin, Greek and Cyrillic letters,
  // and the digits and punctuation among them ("" for none): a Hangul
  // family's own are often drawn plain, or a full em wide.
  std::string latin;
  double latin_scale = 1;  // the Latin family's size, as a fraction of the style's
  // Families tried, in order, for characters this one lacks, before the
  // layout's [text] fallback: Hanja for a Myeongjo that has none.
  std::vector<std::string> fallback;
  // A family of fonts not always installed: where its regular file is
  // missing, it is `absent`, and left out of fallback chains (a missing bold
  // file leaves the regular for both weights).
  bool optional = false, absent = false;
  const FontSource& source(Weight w) const { return w == Weight::bold && !bold.empty() ? bold : regular; }
};

struct Style {
  std::string font;
  Weight weight = Weight::regular;
  Pt size = 0;
  Length leading;
  Align align = Align::left;
  Length indent;  // first line
  Length space_before, space_after;
  Color color;
  Pt rule_above = 0, rule_below = 0;  // rule thickness, 0 = none
  Length rule_gap;                    // between a rule and the text
  bool keep_with_next = false;
  WordBreak word_break = WordBreak::keep_all;
  bool greedy = false;  // line-breaking = "greedy" instead of total-fit
  Length margin_left, margin_right;

  Pt leading_pt() const { return leading.resolve(size); }
};

// What emphasis, being a link's text, or being code changes in the style it
// appears in.
struct InlineStyle {
  std::string font;  // empty = unchanged
  bool set_weight = false;
  Weight weight = Weight::regular;
  bool set_color = false;
  Color color;
  bool changes_nothing() const { return font.empty() && !set_weight && !set_color; }
};

// Templates for one page side; `{page}`, `{title}`, `{section}`, `{publication}`.
struct HeadSlots {
  std::string inner, center, outer;
};

struct RunningHead {
  HeadSlots recto, verso;
  Pt distance = 0;            // from the text block to the baseline
  bool on_opening_page = false;
};

// Values above are placeholders; every default is declared in settings.cc.

// Where a setting came from, for errors found after loading.
struct Origin {
  std::string path;
  Position pos;   // the value's
  Position text;  // where a string's text starts (none for other values)
};

struct Layout {
  std::string name;
  std::string path;
  std::string description;
  PageSetup page;
  TextSetup text;
  ContentsSetup contents;
  PrintSetup print;
  std::vector<FontFamily> fonts;
  std::map<std::string, Style, std::less<>> styles;
  InlineStyle emphasis, strong, link, code;
  RunningHead header, footer;
  std::map<std::string, Origin, std::less<>> origins;  // "page.margin-top" → where it was set

  const Style& style(std::string_view name) const;
  const FontFamily* family(std::string_view name) const;
  Pt text_width() const { return page.width - page.margin_inner - page.margin_outer; }
  Pt text_height() const { return page.height - page.margin_top - page.margin_bottom; }
  Origin origin(std::string_view key) const;
};

// The style names a layout defines; documents map onto them.
const std::vector<std::string>& style_names();

// The style for a block of a document, e.g. "h2" for a level-2 heading;
// a list in a quote, or a list or quote in a note, is set in that one's face
// ("list-in-blockquote", "list-in-note", "blockquote-in-note").
std::string style_name_for(const doc::Block& block);

// Where layouts named without a path are looked up, in order.
struct LayoutSearch {
  std::vector<std::string> folders;
};

// `name_or_path` is a layout name ("booklet-a5", looked up as NAME.toml in the
// search folders) or a path to a .toml file.
Result<Layout> load_layout(const std::string& name_or_path, const LayoutSearch& search);
// A layout from its text, as if read from `path` (for messages and relative paths).
Result<Layout> load_layout_text(std::string_view text, const std::string& path, const LayoutSearch& search);

// Every setting with its type, default and help, as text (for --settings).
std::string describe_settings();

}  // namespace jakpum::style
