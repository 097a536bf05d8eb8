// Total-fit line breaking after Knuth & Plass, "Breaking paragraphs into
// lines" (1981), as TeX: The Program §§ 813–890 does it: active breakpoints,
// four fitness classes, demerits (l + b)² ± p², extra demerits for two
// inside-word breaks in a row, for lines of far-apart tightness in a row and
// for a paragraph's last line of a single word.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>
#include <optional>

#include "linebreak/model.h"

namespace jakpum::linebreak {

using detail::Breakpoint;
using detail::emergency_penalty;
using detail::infinite_penalty;
using detail::LineSize;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

// TeX §108: badness 100 r³, at most 10000 ("infinitely bad").
double badness(double r) {
  if (!std::isfinite(r)) return 10000;
  double b = 100 * std::abs(r * r * r);
  return b > 10000 ? 10000 : b;
}

// TeX §817: very loose, loose, decent, tight.
int fitness(double r) {
  if (r > 1) return 0;
  if (r > 0.5) return 1;
  if (r >= -0.5) return 2;
  return 3;
}

struct Node {
  double line_demerits = 0;  // of the line ending here
  std::size_t at = 0;  // glyph where the line after this break starts
  std::size_t line = 0;  // lines before it
  int fit = 2;
  End kind = End::word;
  double demerits = 0;
  int previous = -1;
};

// One pass; empty when no way through the paragraph keeps every line within
// the tolerance (and the pass was not the final one). `overfull` is set when
// a final pass had to take an overfull line, as a last resort.
std::vector<int> pass(const detail::Model& model, const std::vector<Breakpoint>& breakpoints, const Params& params,
                      bool final_pass, std::vector<Node>& nodes, bool* overfull = nullptr) {
  // A final pass reckons a line's looseness with the emergency stretch
  // added to its own, so that looser lines cost more however loose (past
  // badness 10000 all cost the same) and the slack is shared out; each line
  // is still set at its own ratio.
  const Pt extra = final_pass ? params.emergency_stretch : 0;
  // The loosest ratio within the tolerance (badness 100 r³): a line that
  // cannot reach the measure even stretched this far is not feasible.
  const double loosest = params.tolerance < 10000 ? std::cbrt(params.tolerance / 100) : inf;
  nodes.clear();
  nodes.push_back({});
  std::vector<int> active = {0};
  std::array<std::optional<Node>, 4> best_by_fit;  // by fitness class
  std::map<std::pair<std::size_t, int>, std::optional<Node>> best_by_lines;  // by lines and class, for looseness
  for (const Breakpoint& b : breakpoints) {
    const bool last = b.kind == End::last;
    const bool forced = b.penalty <= -infinite_penalty;
    // The best way to reach b in each fitness class (and, with looseness, in
    // each line count too).
    best_by_fit.fill(std::nullopt);
    best_by_lines.clear();
    bool found = false;
    const detail::Model::LineEnd end = model.end_of(b.at, b.kind);
    // Nodes at one breakpoint (up to one a fitness class) stand together and
    // start the same line: its ratio is worked out once for them all.
    std::size_t ratio_from = std::numeric_limits<std::size_t>::max(), ratio_line = 0;
    double line_ratio = 0, reckoned_ratio = 0;
    for (std::size_t i = 0; i < active.size();) {
      const Node& a = nodes[static_cast<std::size_t>(active[i])];
      if (b.at <= a.at) {
        ++i;
        continue;
      }
      if (a.at != ratio_from || a.line != ratio_line) {
        LineSize s = model.size(a.at, end);
        const bool ends = last || b.kind == End::forced;
        line_ratio = model.ratio(s, model.measure(a.line), ends);
        s.stretch += extra;
        reckoned_ratio = line_ratio > 0 ? model.ratio(s, model.measure(a.line), ends) : line_ratio;
        ratio_from = a.at, ratio_line = a.line;
      }
      double r = line_ratio;
      // Active nodes stand in the order of the text, so when the line from
      // this one is too loose, the lines from all later ones are too (they
      // are shorter, with less to stretch, and only the first line has a
      // shorter measure). They stay active for later breakpoints. (Not for
      // the line that ends the paragraph, which never stretches, nor on the
      // final pass, which takes lines of any looseness.)
      if (!final_pass && !last && b.kind != End::forced && r > loosest) break;
      bool deactivate = r < -1;
      if (deactivate && final_pass && active.size() == 1 && !found) {
        r = -1;  // an overfull line, as last resort
        if (overfull) *overfull = true;
      } else if (deactivate) {
        active.erase(active.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
      if (r > 0) r = reckoned_ratio;
      double bad = badness(r);
      if (bad <= params.tolerance || final_pass) {
        double d = params.line_penalty + bad;
        d *= d;
        if (b.penalty >= 0) d += b.penalty * b.penalty;
        else if (b.penalty > -infinite_penalty) d -= b.penalty * b.penalty;
        // Two lines in a row ending inside words, or the paragraph's last
        // line the end of a word cut before it (TeX's \doublehyphendemerits
        // and \finalhyphendemerits).
        if (inside_word(a.kind) && (inside_word(b.kind) || (last && a.kind == End::hyphen)))
          d += params.syllable_demerits;
        // A paragraph's last line holding a single word.
        if (last && model.runt(a.at, a.line)) d += params.runt_demerits;
        int fit = fitness(r);
        if (std::abs(fit - a.fit) > 1) d += params.fitness_demerits;
        std::optional<Node>& slot = params.looseness != 0 ? best_by_lines[{a.line + 1, fit}] : best_by_fit[fit];
        if (!slot || a.demerits + d < slot->demerits) slot = Node{d, b.at, a.line + 1, fit, b.kind, a.demerits + d, active[i]};
        found = true;
      }
      if (r < -1) {  // the last-resort line: its node is spent
        active.erase(active.begin() + static_cast<std::ptrdiff_t>(i));
        continue;
      }
      ++i;
    }
    // No line may run past a forced break.
    if (forced) active.clear();
    auto activate = [&](const std::optional<Node>& n) {
      if (!n) return;
      nodes.push_back(*n);
      active.push_back(static_cast<int>(nodes.size() - 1));
    };
    for (const auto& n : best_by_fit) activate(n);
    for (const auto& [key, n] : best_by_lines) activate(n);
    if (active.empty() && !last) return {};
  }
  return active;
}

}  // namespace

std::vector<Line> break_total_fit(const text::Paragraph& p, const shape::ShapedParagraph& shaped,
                                  const Params& params) {
  const detail::Model model(p, shaped, params);
  if (model.glyph_count() == 0) return {};
  std::vector<Node> nodes;
  const std::vector<Breakpoint> breakpoints = model.breakpoints(false);
  std::vector<int> ends = pass(model, breakpoints, params, false, nodes);
  if (ends.empty() && params.looseness == 0 && params.syllable_penalty >= 0 && params.syllable_demerits >= 0 &&
      params.fitness_demerits >= 0) {
    // The final pass takes lines of any looseness and may break inside
    // words, at a penalty. Between word breaks alone it is several times
    // quicker, and it is all that most paragraphs here need: one line too
    // loose for the tolerance. Its lines stand when they cost less than one
    // break inside a word would (a line's demerits are never negative, so
    // any way through such a break costs more) and took no overfull line
    // (which could have come otherwise with those breaks): then the final
    // pass over every break finds the same lines, node for node.
    bool overfull = false;
    ends = pass(model, breakpoints, params, true, nodes, &overfull);
    const double inside_word = emergency_penalty * emergency_penalty;
    double best = inside_word;
    for (int e : ends) best = std::min(best, nodes[static_cast<std::size_t>(e)].demerits);
    if (overfull || !(best < inside_word)) ends.clear();
  }
  if (ends.empty()) ends = pass(model, model.breakpoints(true), params, true, nodes);

  // The best ending; with looseness, the one nearest the asked number of lines.
  int chosen = -1;
  std::size_t best_lines = 0;
  for (int e : ends)
    if (chosen < 0 || nodes[static_cast<std::size_t>(e)].demerits < nodes[static_cast<std::size_t>(chosen)].demerits)
      chosen = e;
  if (chosen >= 0 && params.looseness != 0) {
    best_lines = nodes[static_cast<std::size_t>(chosen)].line;
    auto target = static_cast<long>(best_lines) + params.looseness;
    for (int e : ends) {
      const Node& n = nodes[static_cast<std::size_t>(e)];
      const Node& c = nodes[static_cast<std::size_t>(chosen)];
      long dn = std::abs(static_cast<long>(n.line) - target), dc = std::abs(static_cast<long>(c.line) - target);
      if (dn < dc || (dn == dc && n.demerits < c.demerits)) chosen = e;
    }
  }
  std::vector<const Node*> path;
  for (int i = chosen; i > 0; i = nodes[static_cast<std::size_t>(i)].previous) path.push_back(&nodes[static_cast<std::size_t>(i)]);

  std::vector<Line> lines;
  std::size_t from = 0;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    const Node& n = **it;
    LineSize s = model.size(from, n.at, n.kind);
    const bool last = n.kind == End::last || n.kind == End::forced;
    lines.push_back(model.set(from, s, lines.size(), model.ratio(s, model.measure(lines.size()), last), n.kind));
    lines.back().demerits = n.line_demerits;
    from = n.at;
  }
  return lines;
}

}  // namespace jakpum::linebreak
