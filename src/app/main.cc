// jakpum: a thin shell over the pipeline. Reads options, reports diagnostics
// one line each, and maps outcomes to exit codes: 0 done, 1 bad input, 2 bad usage.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>

#include "app/options.h"
#include "app/typeset.h"
#include "core/parallel.h"
#include "core/files.h"
#include "doc/read.h"
#include "render/dump/dump.h"
#include "render/pdf/pdf_writer.h"

namespace {

using namespace jakpum;

constexpr int exit_ok = 0, exit_input = 1, exit_usage = 2;

int fail(const Diagnostic& d) {
  std::cerr << format(d) << '\n';
  return exit_input;
}

std::string default_output(const std::string& input) {
  return std::filesystem::path(input).replace_extension(".pdf").string();
}

int run(const std::vector<std::string>& args) {
  auto options = app::parse_options(args);
  if (!options) {
    std::cerr << "jakpum: " << format(options.error()) << "\njakpum: try `jakpum --help`\n";
    return exit_usage;
  }
  if (options->help) return std::cout << app::usage(), exit_ok;
  if (options->version) return std::cout << "jakpum " << JAKPUM_VERSION << '\n', exit_ok;
  if (options->settings) return std::cout << style::describe_settings(), exit_ok;

  Timings timings;
  auto started = std::chrono::steady_clock::now();
  Diagnostics diags;
  std::optional<Result<doc::Publication>> read;
  {
    Stopwatch t(&timings.read);
    read = doc::read_publication(options->inputs, diags);
  }
  auto& publication = *read;
  if (!options->quiet)
    for (const auto& d : diags.items()) std::cerr << format(d) << '\n';
  if (!publication) return fail(publication.error());

  // The layout: named on the command line, else by the manifest (relative to
  // it), else the default.
  std::string input_folder = parent_folder(publication->path);
  std::string layout_name = options->layout;
  if (layout_name.empty() && !publication->layout.empty()) {
    layout_name = publication->layout;
    if (layout_name.find('/') != std::string::npos || layout_name.ends_with(".toml"))
      layout_name = resolve_relative(input_folder, layout_name);
  }
  if (layout_name.empty()) layout_name = app::default_layout;
  std::optional<Result<style::Layout>> loaded;
  {
    Stopwatch t(&timings.setup);
    loaded = style::load_layout(layout_name, {app::layout_folders(input_folder)});
  }
  auto& layout = *loaded;
  if (!layout) {
    Diagnostic d = layout.error();
    if (d.path.empty() && options->layout.empty() && !publication->layout.empty())
      d.path = publication->path, d.pos = publication->layout_pos;  // the manifest named it
    else if (d.path.empty())
      d.message = "--layout: " + d.message;
    return fail(d);
  }

  const unsigned threads = options->threads ? options->threads : default_threads();
  app::Context ctx;
  ctx.timings = &timings;
  ctx.threads = threads;
  app::Report report;
  auto model = app::typeset(*publication, *layout, ctx, &report);
  if (!model) return fail(model.error());
  if (!options->report.empty())
    if (Status s = write_file_atomically(options->report, report.json()); !s) return fail(s.error());

  if (!options->dump.empty()) std::cout << render::dump_pages(*model);
  std::string output = options->output;
  if (output.empty() && options->dump.empty()) output = default_output(publication->path);
  if (output.empty()) return exit_ok;

  render::PdfOptions pdf_options;
  pdf_options.timings = &timings;
  pdf_options.threads = threads;
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) pdf_options.source_date_epoch = std::atoll(epoch);
  if (options->libharu_fonts) pdf_options.fonts = render::FontEmbedding::libharu;
  const style::PrintSetup& print = layout->print;
  pdf_options.imposition.method = *impose::parse_method(options->impose.empty() ? print.impose : options->impose);
  pdf_options.imposition.sheet_width = print.sheet_width;
  pdf_options.imposition.sheet_height = print.sheet_height;
  pdf_options.imposition.bleed = print.bleed;
  pdf_options.imposition.crop_marks = print.crop_marks;
  pdf_options.imposition.creep = print.creep;
  pdf_options.pdfa = options->pdfa || print.pdfa;
  auto bytes = render::write_pdf(*model, pdf_options);
  if (!bytes) {
    Diagnostic d = bytes.error();
    d.path = output;
    return fail(d);
  }
  if (Status s = write_file_atomically(output, *bytes); !s) return fail(s.error());
  timings.total = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (options->timings) std::cerr << "jakpum: timings: " << timings.summary() << '\n';
  if (!options->quiet)
    std::cerr << "jakpum: wrote " << output << " (" << model->pages.size() << " pages, layout "
              << layout->name << ")\njakpum: " << report.summary() << "\n";
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return run(args);
}
