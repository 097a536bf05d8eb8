#include "app/batch.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>

#include "app/options.h"
#include "app/report.h"
#include "core/files.h"
#include "core/parallel.h"
#include "core/utf8.h"
#include "doc/toml_source.h"

namespace jakpum::app {
namespace {

constexpr int exit_ok = 0, exit_input = 1, exit_usage = 2;

struct BatchOptions {
  std::string manifest;
  unsigned jobs = 0;  // 0: one a core
  std::size_t shard = 1, shards = 1;
  bool quiet = false, help = false;
};

Result<BatchOptions> parse_batch_options(const std::vector<std::string>& args) {
  BatchOptions o;
  auto value = [&](std::size_t& i, const std::string& name) -> Result<std::string> {
    const std::string& a = args[i];
    if (auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) return a.substr(eq + 1);
    if (a.starts_with("-j") && a.size() > 2) return a.substr(2);
    if (i + 1 >= args.size()) return error("", {}, "option " + name + " needs a value");
    return args[++i];
  };
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == "-j" || a.starts_with("-j") || a == "--jobs" || a.starts_with("--jobs=")) {
      auto v = value(i, "--jobs");
      if (!v) return v.error();
      auto n = parse_thread_count(*v, "--jobs");
      if (!n) return n.error();
      o.jobs = *n;
    } else if (a == "--shard" || a.starts_with("--shard=")) {
      auto v = value(i, "--shard");
      if (!v) return v.error();
      unsigned long k = 0, n = 0;
      char tail = 0;
      if (std::sscanf(v->c_str(), "%lu/%lu%c", &k, &n, &tail) != 2 || n < 1 || k < 1 || k > n)
        return error("", {}, "--shard wants K/N with 1 <= K <= N, such as 3/8, not `" + *v + "`");
      o.shard = k, o.shards = n;
    } else if (a == "-q" || a == "--quiet") {
      o.quiet = true;
    } else if (a == "-h" || a == "--help") {
      o.help = true;
    } else if (a.starts_with("-") && a != "-") {
      return error("", {}, "unknown option " + a + " for batch");
    } else if (o.manifest.empty()) {
      o.manifest = a;
    } else {
      return error("", {}, "batch takes one manifest, found `" + o.manifest + "` and `" + a + "`");
    }
  }
  if (!o.help && o.manifest.empty()) return error("", {}, "batch needs a manifest");
  return o;
}

std::string duration(double seconds) {
  char buf[32];
  long s = static_cast<long>(seconds + 0.5);
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// Progress on standard error: a bar redrawn in place on a terminal, a line
// a document otherwise. Failures always get a line of their own.
class Progress {
 public:
  Progress(std::size_t total, bool quiet)
      : total_(total), quiet_(quiet), terminal_(isatty(STDERR_FILENO) != 0), start_(std::chrono::steady_clock::now()) {}

  void finished(std::size_t number, const std::string& line, bool failed) {
    std::lock_guard lock(mutex_);
    ++done_;
    if (terminal_) {
      if (failed) write_err("\r\033[K" + line + "\n");
      if (!quiet_) draw();
    } else if (failed || !quiet_) {
      write_err("jakpum: [" + std::to_string(number) + "/" + std::to_string(total_) + "] " + line + "\n");
    }
  }
  void end() {
    std::lock_guard lock(mutex_);
    if (terminal_ && !quiet_) write_err("\r\033[K");
  }
  double seconds() const { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count(); }

 private:
  // The bar takes what the terminal's width leaves of the line, 30 columns
  // at most: a line that wrapped would be redrawn below itself each time.
  void draw() {
    const double fraction = total_ ? static_cast<double>(done_) / static_cast<double>(total_) : 1;
    const double elapsed = seconds();
    const double rate = elapsed > 0 ? static_cast<double>(done_) / elapsed : 0;
    char figures[128], widest[128];
    constexpr const char* format = " %zu/%zu documents (%.0f%%), %.1f/s, ETA %s";
    std::snprintf(figures, sizeof figures, format, done_, total_, fraction * 100, rate,
                  rate > 0 ? duration(static_cast<double>(total_ - done_) / rate).c_str() : "?");
    std::snprintf(widest, sizeof widest, format, total_, total_, 100.0, 9999.9,
                  "99:59:59");  // a bar that keeps its width
    const std::string_view lead = "jakpum: [";
    winsize size{};
    const int columns = ioctl(STDERR_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0 ? size.ws_col : 80;
    const int width = std::clamp(columns - 1 - static_cast<int>(lead.size() + 1 + std::strlen(widest)), 0, 30);
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '=');
    if (filled < width) bar += '>' + std::string(static_cast<std::size_t>(width - filled - 1), ' ');
    write_err("\r\033[K" + std::string(lead) + bar + "]" + figures);
  }

  std::mutex mutex_;
  std::size_t total_, done_ = 0;
  bool quiet_, terminal_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace

std::string batch_usage() {
  return "usage: jakpum batch MANIFEST [-j N] [--shard K/N] [-q]\n"
         "\n"
         "Typesets every [[document]] of a batch manifest (TOML), each to its own PDF\n"
         "with its own layout, side by side. A failed document is reported and the\n"
         "others go on; the exit status is 1 if any failed.\n"
         "\n"
         "options:\n"
         "  -j, --jobs N     documents typeset at once (default: one a core)\n"
         "      --shard K/N  typeset only the K-th of N equal slices of the manifest\n"
         "                   (for spreading a batch over machines); 1 <= K <= N\n"
         "  -q, --quiet      no progress, only failures and the summary\n"
         "\n"
         "manifest:\n"
         "  layout = \"handout-a4\"      # default layout (optional)\n"
         "  output-folder = \"out\"      # default place for outputs (optional)\n"
         "  [[document]]\n"
         "  input = \"a.md\"             # or inputs = [\"a.md\", \"b.md\"]\n"
         "  output = \"a.pdf\"           # optional\n"
         "  layout = \"booklet-a5\"      # optional\n";
}

std::pair<std::size_t, std::size_t> shard_range(std::size_t count, std::size_t k, std::size_t n) {
  return {(k - 1) * count / n, k * count / n};
}

Result<Batch> read_batch(const std::string& path) {
  auto text = read_file(path);
  if (!text) return text.error();
  if (auto bad = find_invalid_utf8(*text)) {
    LineIndex lines(*text);
    return error(path, lines.position(*bad), "not valid UTF-8 (byte " + std::to_string(*bad) + ")");
  }
  auto table = doc::parse_toml(*text, path);
  if (!table) return table.error();
  const std::string folder = parent_folder(path);
  Batch batch;
  batch.path = path;
  std::string default_layout, output_folder;
  const toml::array* documents = nullptr;
  for (const auto& [key, node] : *table) {
    std::string_view k = key.str();
    if (k == "document") {
      if (!node.is_array_of_tables())
        return error(path, doc::position_of(key.source()), "`document` must be [[document]] tables");
      documents = node.as_array();
    } else if (k == "layout" || k == "output-folder") {
      auto v = doc::read_strings(node, k, path, 1, false);
      if (!v) return v.error();
      (k == "layout" ? default_layout : output_folder) = v->front();
    } else {
      return doc::unknown_key(key, "batch manifest", {"layout", "output-folder", "document"}, path);
    }
  }
  if (!documents || documents->empty())
    return error(path, {1, 1}, "the batch names no documents", "add [[document]] tables with `input = \"file.md\"`");
  if (!output_folder.empty()) output_folder = resolve_relative(folder, output_folder);

  std::map<std::string, std::size_t> outputs;  // normalised path → document number
  for (std::size_t i = 0; i < documents->size(); ++i) {
    const toml::table& t = *(*documents)[i].as_table();
    const Position at = doc::position_of(t.source());
    JobSpec job;
    for (const auto& [key, node] : t) {
      std::string_view k = key.str();
      if (k == "input" || k == "inputs") {
        auto v = doc::read_strings(node, k, path, 1, true);
        if (!v) return v.error();
        for (const auto& input : *v) {
          // Jobs side by side cannot share standard input.
          if (input == standard_stream)
            return error(path, doc::position_of(node.source()), "a batch's inputs are files, not standard input (`-`)");
          job.inputs.push_back(resolve_relative(folder, input));
        }
      } else if (k == "output") {
        auto v = doc::read_strings(node, k, path, 1, false);
        if (!v) return v.error();
        job.output = resolve_relative(folder, v->front());
        if (!job.output.ends_with(".pdf"))
          return error(path, doc::position_of(node.source()), "output `" + v->front() + "` must end in .pdf");
      } else if (k == "layout") {
        auto v = doc::read_strings(node, k, path, 1, false);
        if (!v) return v.error();
        const std::string& l = v->front();
        job.layout = l.find('/') != std::string::npos || l.ends_with(".toml") ? resolve_relative(folder, l) : l;
      } else {
        return doc::unknown_key(key, "[[document]]", {"input", "inputs", "output", "layout"}, path);
      }
    }
    if (job.inputs.empty()) return error(path, at, "this [[document]] has no `input`");
    if (job.layout.empty() && !default_layout.empty())
      job.layout = default_layout.find('/') != std::string::npos || default_layout.ends_with(".toml")
                       ? resolve_relative(folder, default_layout)
                       : default_layout;
    if (job.output.empty())
      job.output = output_folder.empty()
                       ? default_output(job.inputs.front())
                       : (std::filesystem::path(output_folder) /
                          std::filesystem::path(job.inputs.front()).filename().replace_extension(".pdf"))
                             .string();
    // Two documents writing one file would race each other.
    std::string key = std::filesystem::path(job.output).lexically_normal().string();
    if (auto [it, fresh] = outputs.emplace(key, i + 1); !fresh)
      return error(path, at,
                   "documents " + std::to_string(it->second) + " and " + std::to_string(i + 1) + " both write " +
                       job.output,
                   "give one of them its own `output`");
    batch.jobs.push_back(std::move(job));
  }
  if (!output_folder.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(output_folder, ec);
    if (ec) return error(path, {}, "cannot make output-folder " + output_folder + ": " + ec.message());
  }
  return batch;
}

int run_batch(const std::vector<std::string>& args) {
  auto options = parse_batch_options(args);
  if (!options) {
    write_err(line_of(options.error()) + "\njakpum: try `jakpum batch --help`\n");
    return exit_usage;
  }
  if (options->help) return write_out(batch_usage()), exit_ok;
  auto epoch = source_date_epoch(std::getenv("SOURCE_DATE_EPOCH"));
  if (!epoch) return write_err(line_of(epoch.error()) + "\njakpum: try `jakpum --help`\n"), exit_usage;
  auto batch = read_batch(options->manifest);
  if (!batch) {
    write_err(line_of(batch.error()) + "\n");
    return exit_input;
  }

  const auto slice = shard_range(batch->jobs.size(), options->shard, options->shards);
  const std::size_t begin = slice.first, count = slice.second - slice.first;
  const unsigned cores = default_threads();
  const unsigned workers = std::max(1u, std::min<unsigned>(options->jobs ? options->jobs : cores,
                                                           static_cast<unsigned>(std::max<std::size_t>(count, 1))));
  // Threads a document may use itself: what the workers leave of the cores.
  const unsigned per_job = std::max(1u, cores / workers);

  Progress progress(count, options->quiet);
  std::vector<std::optional<Diagnostic>> failures(count);
  std::atomic<std::size_t> finished{0}, pages{0};
  parallel_for(count, workers, [&](std::size_t i) {
    JobSpec job = batch->jobs[begin + i];
    job.threads = per_job;
    job.source_date_epoch = *epoch;
    Diagnostics warnings;
    auto outcome = run_job(job, warnings);
    const std::size_t number = finished.fetch_add(1) + 1;
    if (outcome) {
      pages += outcome->pages;
      progress.finished(number, "wrote " + outcome->output + " (" + counted(outcome->pages, "page") + ")", false);
    } else {
      failures[i] = outcome.error();
      progress.finished(number, format(outcome.error()), true);
    }
  });
  progress.end();

  std::size_t failed = 0;
  for (const auto& f : failures) failed += f.has_value();
  const double seconds = progress.seconds();
  char rate[64];
  std::snprintf(rate, sizeof rate, " in %.1f s (%.1f documents a second)", seconds,
                seconds > 0 ? count / seconds : 0.0);
  std::string shard = options->shards > 1 ? " (shard " + std::to_string(options->shard) + "/" +
                                                std::to_string(options->shards) + ")"
                                          : "";
  write_err("jakpum: batch done" + shard + ": " + std::to_string(count - failed) + " of " + counted(count, "document") +
            ", " + counted(pages.load(), "page") + rate + (failed ? ", " + std::to_string(failed) + " failed:" : "") +
            "\n");
  for (std::size_t i = 0; i < count; ++i)
    if (failures[i])
      write_err("jakpum:   document " + std::to_string(begin + i + 1) + " (" + batch->jobs[begin + i].inputs.front() +
                "): " + format(*failures[i]) + "\n");
  return failed ? exit_input : exit_ok;
}

}  // namespace jakpum::app
