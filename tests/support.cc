#include "support.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <stdexcept>

#include <doctest/doctest.h>

namespace jakpum::test {

namespace fs = std::filesystem;

std::string source_path(const std::string& relative) { return (fs::path(JAKPUM_SOURCE_DIR) / relative).string(); }

namespace {

// Each test process works in a folder of its own (ctest runs them side by
// side) and removes it when it ends.
struct ProcessFolder {
  fs::path path = fs::path(JAKPUM_TEST_TMP) / ("run-" + std::to_string(::getpid()));
  ~ProcessFolder() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

const fs::path& process_folder() {
  static ProcessFolder folder;
  return folder.path;
}

}  // namespace

std::string scratch_folder(const std::string& name) {
  fs::path p = process_folder() / name;
  fs::remove_all(p);
  fs::create_directories(p);
  return p.string();
}

std::string essays_manifest() {
  std::string path = (process_folder() / "essays" / "essays.toml").string();
  if (!fs::exists(path))
    write_file(path, "title = \"작품\"\nlayout = \"booklet-a5\"\ncover = false\ncontents = false\ncolophon = false\n"
                     "documents = [\"" + source_path("samples/work-as-art.md") + "\", \"" +
                     source_path("samples/shared-experience.md") + "\"]\n");
  return path;
}

std::string write_file(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

Run jakpum(const std::string& args) { return run(shell_quoted(JAKPUM_BINARY) + " " + args); }

std::string draw_image(const std::string& path, const std::string& device, int width, int height, int dpi) {
  fs::create_directories(fs::path(path).parent_path());
  const Run r = run("gs -q -dBATCH -dNOPAUSE -dSAFER -sDEVICE=" + device + " -r" + std::to_string(dpi) + " -g" +
                    std::to_string(width) + "x" + std::to_string(height) + " -sOutputFile=" + shell_quoted(path) +
                    " -c \"0.2 0.4 0.8 setrgbcolor 0 0 36 24 rectfill showpage\"");
  if (r.status != 0) throw std::runtime_error("Ghostscript could not draw " + path + ": " + r.err);
  return path;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Run run(const std::string& command) {
  static int counter = 0;
  std::string err_file = (process_folder() / ("stderr-" + std::to_string(counter++))).string();
  fs::create_directories(process_folder());
  Run r;
  FILE* pipe = ::popen((command + " 2>" + shell_quoted(err_file)).c_str(), "r");
  if (!pipe) return r;
  char buf[65536];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, pipe)) > 0) r.out.append(buf, n);
  int status = ::pclose(pipe);
  r.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.err = read_text(err_file);
  fs::remove(err_file);
  return r;
}

std::string shell_quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string without_space(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') continue;
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

std::string without_soft_hyphens(std::string s) {
  for (std::size_t at; (at = s.find("\u00AD")) != std::string::npos;) s.erase(at, 2);
  return s;
}

std::vector<std::vector<PdfWord>> pdf_words(const std::string& pdf) {
  auto r = run("pdftotext -bbox " + shell_quoted(pdf) + " -");
  REQUIRE_MESSAGE(r.status == 0, r.err);
  std::vector<std::vector<PdfWord>> pages;
  static const std::regex word(
      R"re(<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>)re");
  for (std::size_t at = 0; (at = r.out.find("<page ", at)) != std::string::npos;) {
    const std::size_t end = r.out.find("</page>", at);
    const std::string page = r.out.substr(at, end - at);
    std::vector<PdfWord> words;
    for (auto it = std::sregex_iterator(page.begin(), page.end(), word); it != std::sregex_iterator(); ++it)
      words.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]),
                       without_soft_hyphens((*it)[5])});
    pages.push_back(std::move(words));
    at = end;
  }
  return pages;
}

std::vector<PdfLink> pdf_links(const std::string& pdf) {
  auto r = run("qpdf --json --json-key=pages --json-key=qpdf " + shell_quoted(pdf));
  REQUIRE_MESSAGE(r.status == 0, r.err);
  const std::string& json = r.out;
  const std::size_t objects = json.find("\"qpdf\": [");
  REQUIRE(objects != std::string::npos);
  // Page objects in order: each page's "object", just before its outlines.
  std::map<std::string, int> page_of;  // object number → page
  static const std::regex page_object(R"re("object": "(\d+) 0 R",\s*"outlines": \[)re");
  for (auto it = std::sregex_iterator(json.begin(), json.begin() + static_cast<std::ptrdiff_t>(objects), page_object);
       it != std::sregex_iterator(); ++it)
    page_of[(*it)[1]] = static_cast<int>(page_of.size()) + 1;
  auto page = [&](const std::string& object) {
    auto found = page_of.find(object);
    REQUIRE_MESSAGE(found != page_of.end(), ("object " + object + " is no page"));
    return found->second;
  };
  // qpdf writes each dictionary's keys in order: /A, /Border, /Dest, /F, /P, /Rect, /Subtype.
  static const std::regex link(
      R"re((?:"/A": \{\s*"/S": "/URI",\s*"/Type": "/Action",\s*"/URI": "u:([^"]*)"\s*\},\s*)?)re"
      R"re("/Border": \[\s*([^\]]*?)\s*\],\s*(?:"/Dest": "(\d+) 0 R",\s*)?"/F": (\d+),\s*"/P": "(\d+) 0 R",)re"
      R"re(\s*"/Rect": \[\s*([-\d.]+),\s*([-\d.]+),\s*([-\d.]+),\s*([-\d.]+)\s*\],\s*"/Subtype": "/Link")re");
  static const std::regex fit_h(R"re(^\{\s*"value": \[\s*"(\d+) 0 R",\s*"/FitH",\s*([-\d.]+)\s*\])re");
  std::vector<PdfLink> out;
  for (auto it = std::sregex_iterator(json.begin() + static_cast<std::ptrdiff_t>(objects), json.end(), link);
       it != std::sregex_iterator(); ++it) {
    const auto& m = *it;
    PdfLink l;
    l.page = page(m[5]);
    l.x0 = std::stod(m[6]), l.y0 = std::stod(m[7]), l.x1 = std::stod(m[8]), l.y1 = std::stod(m[9]);
    l.border = std::regex_replace(m[2].str(), std::regex("\\s+"), " ");
    l.flags = std::stoi(m[4]);
    l.uri = m[1];
    if (m[3].matched) {
      const std::string key = "\"obj:" + m[3].str() + " 0 R\": ";
      const std::size_t at = json.find(key);
      REQUIRE(at != std::string::npos);
      std::smatch d;
      const std::string dest = json.substr(at + key.size(), 200);
      REQUIRE(std::regex_search(dest, d, fit_h));
      l.to_page = page(d[1]), l.to_top = std::stod(d[2]);
    }
    out.push_back(std::move(l));
  }
  std::size_t annotations = 0;
  for (std::size_t at = objects; (at = json.find("\"/Subtype\": \"/Link\"", at)) != std::string::npos; ++at)
    ++annotations;
  REQUIRE(annotations == out.size());  // every link annotation read
  return out;
}

long resident_kb(const std::string& path) {
  std::ifstream smaps("/proc/self/smaps");
  long kb = 0;
  bool in_file = false;
  for (std::string line; std::getline(smaps, line);) {
    // A mapping's header starts with its address range; its fields follow.
    if (!line.empty() && std::isxdigit(static_cast<unsigned char>(line[0])) && line.find('-') < line.find(' '))
      in_file = line.ends_with(" " + path);
    else if (in_file && line.starts_with("Rss:"))
      kb += std::stol(line.substr(4));
  }
  return kb;
}

}  // namespace jakpum::test
