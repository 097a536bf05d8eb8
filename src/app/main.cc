// jakpum: a thin shell over the pipeline. Reads options, reports diagnostics
// one line each, and maps outcomes to exit codes: 0 done, 1 bad input, 2 bad usage.
//   jakpum [options] INPUT...          one publication, one PDF
//   jakpum batch MANIFEST [options]    many, side by side (app/batch.h)
#include <cstdlib>

#include "app/batch.h"
#include "app/job.h"
#include "app/options.h"
#include "app/report.h"
#include "core/files.h"
#include "core/parallel.h"
#include "style/layout.h"

#ifdef JAKPUM_MIMALLOC
#include <mimalloc.h>

namespace {

// A further thread's first segment is committed as it is used, in 4 KiB
// pages (mimalloc's eager commit delay). For the booklet's helper, which
// only subsets fonts and compresses pages, large pages saved 0.5 to 1.7 ms
// (faults 655 -> 470) but put its peak memory at 26 to 27.6 MiB, over the
// 25 MiB a booklet is allowed.
// When the helpers set paragraphs too (a long input) they took thousands of
// faults so (10 µs each); then their segments are committed at once, in
// large pages, as the first thread's are: for 10, 60 and 600 copies of the
// essays 1, 10 and 45 ms less (faults 900 → 440, 2,100 → 450,
// 8,700 → 540), for 4.5, 5.5 and no MB more memory.
void helpers_in_large_pages() { mi_option_set(mi_option_eager_commit_delay, 0); }

// The heap in 2 MiB pages where the system gives them (transparent huge
// pages, asked for with madvise): a run touches megabytes of fresh memory,
// and a fault for every 4 KiB page of it costs more than the work done
// there (on a virtual machine, 10 µs a fault; the 60-copy benchmark took
// 6,300 faults, 2,300 with this). mimalloc reads the option each time it
// maps a segment, and maps the first for a shared library's constructor
// (GLib's) before any of ours runs; so the option is set from
// .preinit_array, which the dynamic linker calls before every constructor,
// mimalloc's own included.
void use_large_pages(int, char**, char**) {
  mi_option_enable(mi_option_large_os_pages);
  jakpum::set_helpers_work_hook(helpers_in_large_pages);
}
__attribute__((section(".preinit_array"), used)) void (*const preinit)(int, char**, char**) = use_large_pages;

}  // namespace
#endif

namespace {

using namespace jakpum;

constexpr int exit_ok = 0, exit_input = 1, exit_usage = 2;

int run(const std::vector<std::string>& args) {
  if (!args.empty() && args.front() == "batch") return app::run_batch({args.begin() + 1, args.end()});
  auto options = app::parse_options(args);
  if (!options) {
    write_err(line_of(options.error()) + "\njakpum: try `jakpum --help`\n");
    return exit_usage;
  }
  if (options->help) return write_out(app::usage()), exit_ok;
  if (options->version) return write_out(std::string("jakpum ") + JAKPUM_VERSION + "\n"), exit_ok;
  if (options->settings) return write_out(style::describe_settings()), exit_ok;
  auto epoch = app::source_date_epoch(std::getenv("SOURCE_DATE_EPOCH"));
  if (!epoch) return write_err(line_of(epoch.error()) + "\njakpum: try `jakpum --help`\n"), exit_usage;

  app::JobSpec spec;
  spec.inputs = options->inputs;
  spec.layout = options->layout;
  spec.output = options->output;
  spec.report = options->report;
  spec.dump_pages = options->dump == "pages";
  spec.impose = options->impose;
  spec.pdfa = options->pdfa;
  spec.pdfx = options->pdfx;
  spec.libharu_fonts = options->libharu_fonts;
  spec.threads = options->threads ? options->threads : default_threads();
  spec.source_date_epoch = *epoch;
  start_workers(spec.threads);  // while the input is read and the layout loaded
  Diagnostics warnings;
  auto outcome = app::run_job(spec, warnings);
  if (!options->quiet)
    for (const auto& d : warnings.items()) write_err(line_of(d) + "\n");
  if (!outcome) {
    write_err(line_of(outcome.error()) + "\n");
    return exit_input;
  }
  if (spec.dump_pages) write_out(outcome->dump);
  if (outcome->output.empty()) return exit_ok;
  if (options->timings) write_err("jakpum: timings: " + outcome->timings.summary() + "\n");
  if (!options->quiet)
    write_err("jakpum: wrote " + (outcome->output == standard_stream ? "standard output" : outcome->output) + " (" +
              app::counted(outcome->pages, "page") + ", layout " + outcome->layout + ")\njakpum: " + outcome->summary +
              "\n");
  return exit_ok;
}

}  // namespace

int main(int argc, char** argv) {
  jakpum::remove_partial_files_on_signal();
  std::vector<std::string> args(argv + 1, argv + argc);
  return run(args);
}
