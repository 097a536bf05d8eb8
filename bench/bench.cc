// The benchmark: whole runs of `jakpum` (and of the floor program beside
// it) on the sample essays and on larger documents made from them, timed as a
// user would feel them. For each case: the median and range of the wall time
// over several runs after a warm-up, the peak resident memory, pages and pages
// a second, the median time of each stage from `--timings`, and the ratio to
// the floor. Writes a Markdown table and JSON.
//
//   bench --jakpum PATH --floor PATH --source DIR --work DIR [--runs N]
//         [--markdown FILE] [--json FILE]
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct Outcome {
  int status = -1;
  double seconds = 0;
  long max_rss_kb = 0;
  std::string err;  // standard error
};

// Runs a program (no shell), its standard output discarded, and times it.
// posix_spawn, not fork: a fork copies the benchmark's own page tables
// before the program starts, a cost of the harness (about a millisecond on
// a virtual machine) that a fork of a shell or an editor pays differently.
Outcome run(const std::vector<std::string>& args) {
  Outcome o;
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) return o;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  auto start = std::chrono::steady_clock::now();
  pid_t pid = -1;
  const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (spawned != 0) {
    close(pipe_fds[0]);
    o.err = std::string("cannot start ") + args[0] + ": " + std::strerror(spawned) + "\n";
    return o;
  }
  char buf[4096];
  for (ssize_t n; (n = read(pipe_fds[0], buf, sizeof buf)) > 0;) o.err.append(buf, static_cast<std::size_t>(n));
  close(pipe_fds[0]);
  int status = 0;
  rusage usage{};
  wait4(pid, &status, 0, &usage);
  o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  o.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  o.max_rss_kb = usage.ru_maxrss;
  return o;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// A Markdown file without its +++ front matter.
std::string body_of(const std::string& markdown) {
  if (!markdown.starts_with("+++\n")) return markdown;
  std::size_t end = markdown.find("\n+++\n", 3);
  return end == std::string::npos ? markdown : markdown.substr(end + 5);
}

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

const std::vector<std::string> stage_names = {"read", "setup", "text", "shape", "lines",
                                              "paginate", "fonts", "pages", "save"};

struct Case {
  std::string name, what;
  std::vector<std::string> inputs;
  int runs;
};

struct Measured {
  Case c;
  int pages = 0;
  std::vector<double> wall;  // seconds
  long rss_kb = 0;           // the largest of the runs
  std::map<std::string, std::vector<double>> stages;  // milliseconds
  std::vector<double> floor_wall;
  long floor_rss_kb = 0;
  double med() const { return median(wall); }
  double floor_med() const { return median(floor_wall); }
};

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

int main(int argc, char** argv) {
  std::string jakpum, floor, source, work, markdown_path, json_path;
  int runs_scale = 1;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--jakpum") jakpum = next();
    else if (a == "--floor") floor = next();
    else if (a == "--source") source = next();
    else if (a == "--work") work = next();
    else if (a == "--markdown") markdown_path = next();
    else if (a == "--json") json_path = next();
    else if (a == "--runs") runs_scale = std::max(1, std::atoi(next().c_str()));
    else {
      std::fprintf(stderr, "bench: unknown argument %s\n", a.c_str());
      return 2;
    }
  }
  if (jakpum.empty() || floor.empty() || source.empty() || work.empty()) {
    std::fprintf(stderr, "usage: bench --jakpum PATH --floor PATH --source DIR --work DIR [--runs N]\n"
                         "             [--markdown FILE] [--json FILE]\n");
    return 2;
  }
  fs::create_directories(work);

  // The inputs: the two essays, and their bodies one after the other N times.
  const fs::path samples = fs::path(source) / "samples";
  const std::string essays = body_of(read_text(samples / "work-as-art.md")) + "\n\n" +
                             body_of(read_text(samples / "shared-experience.md")) + "\n\n";
  auto repeated = [&](int n) {
    fs::path p = fs::path(work) / ("essays-" + std::to_string(n) + "x.md");
    std::ofstream out(p, std::ios::binary);
    out << "+++\ntitle = \"작품 ×" << n << "\"\nlang = \"ko\"\n+++\n\n";
    for (int i = 0; i < n; ++i) out << essays;
    return p.string();
  };
  // A page with a title, a heading, and a line in plain and strong type: the
  // fonts, styles and start-up every run pays, however short.
  const std::string one_line = (fs::path(work) / "one-page.md").string();
  std::ofstream(one_line) << "+++\ntitle = \"한 쪽\"\n+++\n\n# 머리\n\n한 줄, **굵게**.\n";

  std::vector<Case> cases = {
      {"start", "a title, a heading and a line: the fixed cost of a run", {one_line}, 20 * runs_scale},
      {"booklet", "both essays", {(samples / "work-as-art.md").string(), (samples / "shared-experience.md").string()},
       20 * runs_scale},
      {"book", "samples/booklet.toml: cover, contents, essays, colophon", {(samples / "booklet.toml").string()},
       20 * runs_scale},
      {"10x", "both essays 10 times", {repeated(10)}, 20 * runs_scale},
      {"60x", "both essays 60 times", {repeated(60)}, 10 * runs_scale},
      {"600x", "both essays 600 times", {repeated(600)}, 5 * runs_scale},
  };

  std::regex pages_re(R"(\((\d+) pages?)");
  std::regex stage_re(R"(([a-z]+) ([0-9.]+) ms)");
  std::vector<Measured> results(cases.size());
  std::vector<std::vector<std::string>> args(cases.size()), floor_args(cases.size());
  for (std::size_t k = 0; k < cases.size(); ++k) {
    const Case& c = cases[k];
    results[k].c = c;
    args[k] = {jakpum, "--timings", "-o", (fs::path(work) / (c.name + ".pdf")).string()};
    args[k].insert(args[k].end(), c.inputs.begin(), c.inputs.end());
    floor_args[k] = {floor, "-o", (fs::path(work) / (c.name + "-floor.pdf")).string()};
    floor_args[k].insert(floor_args[k].end(), c.inputs.begin(), c.inputs.end());
  }
  // Rounds: in each, every case runs a block of its runs, jakpum's and then
  // the floor's, and a block starts with a run that is not counted. Rounds
  // spread a slow spell of the machine (a neighbour on the host) over every
  // case alike, so the costs per page, which compare cases, measure the
  // program, not the hour. The uncounted run lets the machine settle from
  // the program before it (another case, or the other program): on a
  // virtual machine a run right after a large one is slowed while the
  // system takes back the large one's memory. Within a block runs follow
  // each other at once, as a rebuild on every save does.
  constexpr int rounds = 5;
  auto record = [&](Measured& m, const Outcome& o) {
    m.wall.push_back(o.seconds);
    m.rss_kb = std::max(m.rss_kb, o.max_rss_kb);
    std::smatch pm;
    if (std::regex_search(o.err, pm, pages_re)) m.pages = std::stoi(pm[1]);
    std::size_t at = o.err.find("jakpum: timings: ");
    std::string line = at == std::string::npos ? "" : o.err.substr(at, o.err.find('\n', at) - at);
    for (auto it = std::sregex_iterator(line.begin(), line.end(), stage_re); it != std::sregex_iterator(); ++it)
      m.stages[(*it)[1]].push_back(std::stod((*it)[2]));
  };
  for (int r = 0; r < rounds; ++r) {
    for (std::size_t k = 0; k < cases.size(); ++k) {
      const Case& c = cases[k];
      const int runs = (r + 1) * c.runs / rounds - r * c.runs / rounds;  // this round's share
      if (runs == 0) continue;
      Measured& m = results[k];
      for (int i = -1; i < runs; ++i) {
        Outcome o = run(args[k]);
        if (o.status != 0) {
          std::fprintf(stderr, "bench: jakpum failed on %s:\n%s", c.name.c_str(), o.err.c_str());
          return 1;
        }
        if (i >= 0) record(m, o);
      }
      for (int i = -1; i < runs; ++i) {
        Outcome f = run(floor_args[k]);
        if (f.status != 0) {
          std::fprintf(stderr, "bench: the floor failed on %s:\n%s", c.name.c_str(), f.err.c_str());
          return 1;
        }
        if (i < 0) continue;
        m.floor_wall.push_back(f.seconds);
        m.floor_rss_kb = std::max(m.floor_rss_kb, f.max_rss_kb);
      }
    }
    if (r == rounds / 2) std::fprintf(stderr, "bench: half way\n");
  }
  for (const Measured& m : results)
    std::fprintf(stderr, "bench: %-8s %5d pages  %8.1f ms  floor %8.1f ms  (%zu runs)\n", m.c.name.c_str(), m.pages,
                 m.med() * 1000, m.floor_med() * 1000, m.wall.size());

  // Time a page costs beyond the fixed cost of a run, for each case.
  const double start_cost = results.front().med();
  auto marginal_ms = [&](const Measured& m) {
    return m.pages > 0 ? (m.med() - start_cost) * 1000 / m.pages : 0.0;
  };

  // Time an added page costs, from one size of the essays to the next
  // (booklet, 10x, 60x, 600x): a quadratic step anywhere shows here as a
  // rise, whatever the fixed costs of a document.
  const std::vector<std::string> sizes = {"booklet", "10x", "60x", "600x"};
  auto added_ms = [&](const Measured& m) -> std::optional<double> {
    auto at = std::find(sizes.begin(), sizes.end(), m.c.name);
    if (at == sizes.end() || at == sizes.begin()) return std::nullopt;
    const Measured& before = *std::find_if(results.begin(), results.end(), [&](const Measured& r) { return r.c.name == *(at - 1); });
    if (m.pages <= before.pages) return std::nullopt;
    return (m.med() - before.med()) * 1000 / (m.pages - before.pages);
  };

  std::ostringstream md;
  md << "| case | pages | median ms (min–max) | pages/s | peak RSS MiB | floor ms | ×floor | ms/page beyond start | ms/added page |";
  for (const auto& s : stage_names) md << " " << s << " |";
  md << "\n|---|---:|---:|---:|---:|---:|---:|---:|---:|";
  for (std::size_t i = 0; i < stage_names.size(); ++i) md << "---:|";
  md << "\n";
  for (const Measured& m : results) {
    auto [lo, hi] = std::minmax_element(m.wall.begin(), m.wall.end());
    md << "| " << m.c.name << " | " << m.pages << " | " << fixed(m.med() * 1000, 1) << " (" << fixed(*lo * 1000, 1)
       << "–" << fixed(*hi * 1000, 1) << ") | " << fixed(m.pages / m.med(), 0) << " | "
       << fixed(m.rss_kb / 1024.0, 1) << " | " << fixed(m.floor_med() * 1000, 1) << " | "
       << fixed(m.med() / m.floor_med(), 2) << " | " << (m.c.name == "start" ? "–" : fixed(marginal_ms(m), 3)) << " | "
       << (added_ms(m) ? fixed(*added_ms(m), 3) : "–") << " |";
    for (const auto& s : stage_names) md << " " << fixed(median(m.stages.count(s) ? m.stages.at(s) : std::vector<double>{}), 1) << " |";
    md << "\n";
  }
  md << "\nStage times are medians in ms, summed over the threads that ran them. The floor reads the same input, "
        "shapes it with HarfBuzz and writes one libharu text run a line, fonts embedded and streams compressed "
        "by libharu, with no typography.\n";

  // The targets of the performance work.
  auto find = [&](const std::string& name) -> const Measured& {
    return *std::find_if(results.begin(), results.end(), [&](const Measured& m) { return m.c.name == name; });
  };
  const Measured &booklet = find("booklet"), &big = find("60x");
  std::vector<double> per_page;
  for (const char* name : {"booklet", "10x", "60x", "600x"}) per_page.push_back(marginal_ms(find(name)));
  const double mean = [&] {
    double s = 0;
    for (double v : per_page) s += v;
    return s / per_page.size();
  }();
  double spread = 0;
  for (double v : per_page) spread = std::max(spread, std::abs(v - mean) / mean);
  std::vector<double> added;
  for (const auto& m : results)
    if (auto a = added_ms(m)) added.push_back(*a);
  double added_mean = 0, added_spread = 0;
  for (double v : added) added_mean += v / static_cast<double>(added.size());
  for (double v : added) added_spread = std::max(added_spread, std::abs(v - added_mean) / added_mean);
  struct Target {
    std::string what;
    bool met;
    std::string value;
  };
  std::vector<Target> targets = {
      {"booklet median ≤ 20 ms", booklet.med() <= 0.020, fixed(booklet.med() * 1000, 1) + " ms"},
      {"booklet peak RSS ≤ 25 MiB", booklet.rss_kb <= 25 * 1024, fixed(booklet.rss_kb / 1024.0, 1) + " MiB"},
      {"60x median ≤ 0.12 s", big.med() <= 0.120, fixed(big.med(), 3) + " s"},
      {"60x peak RSS ≤ 60 MiB", big.rss_kb <= 60 * 1024, fixed(big.rss_kb / 1024.0, 1) + " MiB"},
      {"time a page beyond start flat within ±25 % (booklet to 600x)", spread <= 0.25,
       "±" + fixed(spread * 100, 0) + " %"},
      {"time an added page flat within ±25 % (booklet → 10x → 60x → 600x)", added_spread <= 0.25,
       "±" + fixed(added_spread * 100, 0) + " %"},
      {"60x ≤ 1.5 × the floor", big.med() <= 1.5 * big.floor_med(), fixed(big.med() / big.floor_med(), 2) + " ×"},
  };
  md << "\n| target | measured | met |\n|---|---:|:---:|\n";
  for (const auto& t : targets) md << "| " << t.what << " | " << t.value << " | " << (t.met ? "yes" : "**no**") << " |\n";

  std::ostringstream js;
  js << "{\n  \"cases\": [\n";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Measured& m = results[i];
    auto [lo, hi] = std::minmax_element(m.wall.begin(), m.wall.end());
    js << "    {\"name\": \"" << m.c.name << "\", \"what\": \"" << m.c.what << "\", \"pages\": " << m.pages
       << ", \"runs\": " << m.wall.size() << ", \"median_s\": " << fixed(m.med(), 5) << ", \"min_s\": " << fixed(*lo, 5)
       << ", \"max_s\": " << fixed(*hi, 5) << ", \"pages_per_s\": " << fixed(m.pages / m.med(), 1)
       << ", \"peak_rss_kib\": " << m.rss_kb << ", \"floor_median_s\": " << fixed(m.floor_med(), 5)
       << ", \"floor_peak_rss_kib\": " << m.floor_rss_kb << ", \"ratio_to_floor\": " << fixed(m.med() / m.floor_med(), 3)
       << ", \"ms_per_added_page\": " << (added_ms(m) ? fixed(*added_ms(m), 4) : "null") << ", \"stages_ms\": {";
    for (std::size_t k = 0; k < stage_names.size(); ++k)
      js << (k ? ", " : "") << "\"" << stage_names[k] << "\": "
         << fixed(median(m.stages.count(stage_names[k]) ? m.stages.at(stage_names[k]) : std::vector<double>{}), 2);
    js << "}}" << (i + 1 < results.size() ? "," : "") << "\n";
  }
  js << "  ],\n  \"targets\": [\n";
  for (std::size_t i = 0; i < targets.size(); ++i)
    js << "    {\"target\": \"" << targets[i].what << "\", \"measured\": \"" << targets[i].value
       << "\", \"met\": " << (targets[i].met ? "true" : "false") << "}" << (i + 1 < targets.size() ? "," : "") << "\n";
  js << "  ]\n}\n";

  std::fputs(md.str().c_str(), stdout);
  if (!markdown_path.empty()) std::ofstream(markdown_path) << md.str();
  if (!json_path.empty()) std::ofstream(json_path) << js.str();
  return 0;
}
