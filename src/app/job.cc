#include "app/job.h"

#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>

#include "app/options.h"
#include "app/typeset.h"
#include "core/files.h"
#include "core/utf8.h"
#include "doc/read.h"
#include "font/system.h"
#include "render/dump/dump.h"
#include "render/pdf/pdf_writer.h"

namespace jakpum::app {

std::string default_output(const std::string& input) {
  return std::filesystem::path(input).replace_extension(".pdf").string();
}

namespace {

// When the newest of a job's inputs (the manifest, its documents, the layout
// and those it extends, the images) last changed, in seconds since 1970.
long long newest_change(const doc::Publication& publication, const style::Layout& layout,
                        const page::PageModel& model) {
  std::set<std::string> paths = {publication.path, layout.path};
  for (const auto& [key, origin] : layout.origins) paths.insert(origin.path);  // the layouts it extends
  for (const auto& d : publication.documents) paths.insert(d.path);
  for (const auto& image : model.images) paths.insert(image.path);
  long long newest = 0;
  for (const auto& p : paths) {
    struct stat st {};
    if (!p.empty() && ::stat(p.c_str(), &st) == 0) newest = std::max<long long>(newest, st.st_mtim.tv_sec);
  }
  return newest;
}

// The layout with installed fonts for the characters none of its fonts has,
// as fallbacks after its own, each with a warning naming the font and where
// its first character is; nullopt where no installed font has any of them.
std::optional<style::Layout> with_system_fonts(const style::Layout& layout,
                                               const std::vector<text::MissingChar>& missing, Diagnostics& warnings) {
  std::vector<char32_t> chars;
  std::vector<std::u32string> syllables;
  for (const auto& m : missing) {
    if (!m.syllable.empty() && std::find(syllables.begin(), syllables.end(), m.syllable) == syllables.end())
      syllables.push_back(m.syllable);
    else if (m.syllable.empty() && std::find(chars.begin(), chars.end(), m.c) == chars.end())
      chars.push_back(m.c);
  }
  const auto found = font::system_fonts_for(chars, syllables);
  if (found.empty()) return std::nullopt;
  style::Layout out = layout;
  for (const font::SystemFont& f : found) {
    std::string name = f.family;
    while (out.family(name)) name += " (installed)";
    style::FontFamily family;
    family.name = name;
    family.regular = f.source;
    out.fonts.push_back(std::move(family));
    out.text.fallback.push_back(name);
    // "U+1F600 '😀', ..., and 3 more"; syllables as they read: "'ᄒᆞᆫ'".
    auto list = [](const auto& items, const auto& name_of) {
      std::string listed;
      for (std::size_t i = 0; i < items.size() && i < 8; ++i) listed += (i ? ", " : "") + name_of(items[i]);
      if (items.size() > 8) listed += ", and " + std::to_string(items.size() - 8) + " more";
      return listed;
    };
    std::string what;
    if (!f.chars.empty()) what = "has " + list(f.chars, [](char32_t c) { return described(c); });
    if (!f.syllables.empty()) {
      const std::string shown = list(f.syllables, [](const std::u32string& s) { return "'" + utf8(s) + "'"; });
      what += (what.empty() ? "" : ", or ") + std::string("composes the old Hangul ") + shown;
    }
    const auto first = std::find_if(missing.begin(), missing.end(), [&](const auto& m) {
      return m.syllable.empty() ? std::find(f.chars.begin(), f.chars.end(), m.c) != f.chars.end()
                                : std::find(f.syllables.begin(), f.syllables.end(), m.syllable) != f.syllables.end();
    });
    warnings.add(warning(
        first->path, first->pos,
        "no font of the layout " + what + ": set in " + f.family + ", an installed font (" + f.source.path + ")",
        "to choose the font, add a family that has them to `fallback` in [text]"));
  }
  return out;
}

}  // namespace

Result<JobOutcome> run_job(const JobSpec& spec, Diagnostics& warnings) {
  const auto started = std::chrono::steady_clock::now();
  JobOutcome outcome;
  Timings& timings = outcome.timings;

  std::optional<Result<doc::Publication>> read;
  {
    Stopwatch t(&timings.read);
    read = doc::read_publication(spec.inputs, warnings);
  }
  auto& publication = *read;
  if (!publication) return publication.error();
  // Text from standard input, untitled, goes by the name of the PDF it
  // makes (`-o notes.pdf`: "notes"), not by "<stdin>"; sent to standard
  // output too, by none.
  for (doc::Document& d : publication->documents)
    if (d.path == doc::standard_input_name && spec.output != standard_stream)
      d.name = std::filesystem::path(spec.output).stem().string();

  // The layout: named by the job, else by the manifest (relative to it), else the default.
  std::string input_folder = parent_folder(publication->path);
  std::string layout_name = spec.layout;
  if (layout_name.empty() && !publication->layout.empty()) {
    layout_name = publication->layout;
    if (layout_name.find('/') != std::string::npos || layout_name.ends_with(".toml"))
      layout_name = resolve_relative(input_folder, layout_name);
  }
  if (layout_name.empty()) layout_name = default_layout;
  std::optional<Result<style::Layout>> loaded;
  {
    Stopwatch t(&timings.setup);
    loaded = style::load_layout(layout_name, {layout_folders(input_folder)});
  }
  auto& layout = *loaded;
  if (!layout) {
    Diagnostic d = layout.error();
    if (d.path.empty() && spec.layout.empty() && !publication->layout.empty())
      d.path = publication->path, d.pos = publication->layout_pos;  // the manifest named it
    else if (d.path.empty())
      d.message = "--layout: " + d.message;
    return d;
  }
  outcome.layout = layout->name;

  // Typesets with the layout given; where a character none of its fonts has
  // stops that, again with installed fonts that have it (the first try's
  // warnings then left out, as the second gives them again).
  std::unique_ptr<Context> ctx;
  Report report;
  Diagnostics typeset_warnings;
  auto attempt = [&](const style::Layout& with) {
    ctx = std::make_unique<Context>();
    ctx->timings = &timings;
    ctx->warnings = &typeset_warnings;
    ctx->threads = spec.threads;
    report = Report{};
    return typeset(*publication, with, *ctx, &report);
  };
  auto model = attempt(*layout);
  std::optional<style::Layout> widened;
  if (!model && !ctx->missing.empty() && layout->text.installed_fonts) {
    Diagnostics found;
    widened = with_system_fonts(*layout, ctx->missing, found);
    if (widened) {
      typeset_warnings = std::move(found);
      model = attempt(*widened);
    }
  }
  for (const Diagnostic& d : typeset_warnings.items()) warnings.add(d);
  if (!model) return model.error();
  outcome.pages = model->pages.size();
  outcome.summary = report.summary();
  if (!spec.report.empty())
    if (Status s = write_file_atomically(spec.report, report.json()); !s) return s.error();
  if (spec.dump_pages) outcome.dump = render::dump_pages(*model);

  outcome.output = spec.output;
  if (outcome.output.empty() && !spec.dump_pages) outcome.output = default_output(publication->path);
  if (outcome.output.empty()) return outcome;

  render::PdfOptions options;
  options.timings = &timings;
  options.threads = spec.threads;
  options.faces = &ctx->fonts;
  options.source_date_epoch = spec.source_date_epoch;
  if (spec.libharu_fonts) options.fonts = render::FontEmbedding::libharu;
  const style::PrintSetup& print = layout->print;
  options.imposition.method = *impose::parse_method(spec.impose.empty() ? print.impose : spec.impose);
  options.imposition.sheet_width = print.sheet_width;
  options.imposition.sheet_height = print.sheet_height;
  options.imposition.bleed = print.bleed;
  options.imposition.crop_marks = print.crop_marks;
  options.imposition.creep = print.creep;
  options.pdfa = spec.pdfa || print.pdfa;
  options.pdfx = spec.pdfx || print.pdfx;
  options.condition = print.printing_condition;
  if (options.pdfx) {
    // PDF/X asks for a title and dates. A document without a title goes by
    // its file's name; without SOURCE_DATE_EPOCH the date is when its
    // newest input last changed, so equal files still give equal bytes.
    if (model->info.title.empty() && publication->path != standard_stream)
      model->info.title = std::filesystem::path(publication->path).stem().string();
    if (!options.source_date_epoch) options.source_date_epoch = newest_change(*publication, *layout, *model);
  }
  // The PDF goes into the file as libharu saves it.
  Status written = write_file_atomically(
      outcome.output, [&](const ByteSink& sink) { return render::write_pdf(*model, options, sink); });
  if (!written) {
    Diagnostic d = written.error();
    if (d.path.empty() && outcome.output != standard_stream) d.path = outcome.output;  // else it names a font, say
    return d;
  }
  timings.total = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace jakpum::app
