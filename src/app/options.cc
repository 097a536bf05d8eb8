#include "app/options.h"

#include <charconv>
#include <cstdlib>
#include <filesystem>

#include "core/files.h"

namespace jakpum::app {

std::string usage() {
  return "usage: jakpum [--layout NAME|PATH] [-o OUT.pdf] INPUT...\n"
         "       jakpum batch MANIFEST [-j N] [--shard K/N]   (see jakpum batch --help)\n"
         "\n"
         "Typesets Markdown (.md) or plain text (.txt) documents, or a publication\n"
         "manifest (.toml), into a print-ready PDF. An INPUT of - is Markdown read\n"
         "from standard input.\n"
         "\n"
         "options:\n"
         "  -l, --layout NAME|PATH  layout from layouts/NAME.toml, or a layout file\n"
         "                          (default: the manifest's layout, else booklet-a5)\n"
         "  -o, --output OUT.pdf    where to write the PDF (default: INPUT with .pdf;\n"
         "                          - for standard output)\n"
         "      --impose METHOD     none, booklet (A5 pages on A4 sheets, say), 2-up or\n"
         "                          4-up; overrides the layout's [print] impose\n"
         "      --pdfa              write PDF/A-1b\n"
         "      --pdfx              write PDF/X-1a:2003 for the press, for the layout's\n"
         "                          [print] printing-condition (FOGRA39 by default)\n"
         "  -j, --threads N         set paragraphs and write pages on N threads\n"
         "                          (default: one a core); the PDF is the same\n"
         "      --timings           print the time each stage took (summed over\n"
         "                          threads, so stages may add up to more than total)\n"
         "      --report FILE.json  write the quality report: every line's adjustment,\n"
         "                          breaks inside words, widows, orphans, ... (- for\n"
         "                          standard output)\n"
         "      --dump pages        print the page model as text (no PDF unless -o)\n"
         "      --settings          list every layout setting with its default\n"
         "      --font-embedding libharu\n"
         "                          embed fonts with libharu's own TrueType code\n"
         "                          (whole-table copies, by code point), to compare\n"
         "  -q, --quiet             do not print warnings\n"
         "  -h, --help              show this help\n"
         "      --version           show the version\n"
         "\n"
         "environment:\n"
         "  SOURCE_DATE_EPOCH       the documents' date, in seconds since 1970 (as\n"
         "                          `date +%s` prints it); unset, a PDF has no date\n"
         "                          (a PDF/X one: when its newest input changed)\n"
         "  JAKPUM_LAYOUT_PATH      folders, `:` between them, where layouts named\n"
         "                          without a path are looked for after the input's\n"
         "                          layouts/ folder and before the shipped ones\n"
         "\n"
         "exit status: 0 done, 1 bad input, 2 bad usage\n";
}

Result<unsigned> parse_thread_count(const std::string& value, const std::string& option) {
  char* end = nullptr;
  long n = std::strtol(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || n < 1 || n > 256)
    return error("", {}, option + " wants a number from 1 to 256, not `" + value + "`");
  return static_cast<unsigned>(n);
}

Result<Options> parse_options(const std::vector<std::string>& args) {
  Options o;
  auto value = [&](std::size_t& i, const std::string& name) -> Result<std::string> {
    const std::string& a = args[i];
    if (auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) return a.substr(eq + 1);
    if (i + 1 >= args.size()) return error("", {}, "option " + name + " needs a value");
    return args[++i];
  };
  bool only_inputs = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto is = [&](const char* s, const char* l) { return a == s || a == l || (a.starts_with(std::string(l) + "=")); };
    if (only_inputs || a == "-" || !a.starts_with("-")) {
      o.inputs.push_back(a);
    } else if (a == "--") {
      only_inputs = true;
    } else if (is("-l", "--layout")) {
      auto v = value(i, "--layout");
      if (!v) return v.error();
      o.layout = *v;
    } else if (is("-o", "--output")) {
      auto v = value(i, "--output");
      if (!v) return v.error();
      o.output = *v;
    } else if (a == "--impose" || a.starts_with("--impose=")) {
      auto v = value(i, "--impose");
      if (!v) return v.error();
      if (*v != "none" && *v != "booklet" && *v != "2-up" && *v != "4-up")
        return error("", {}, "unknown imposition `" + *v + "`", "use none, booklet, 2-up or 4-up");
      o.impose = *v;
    } else if (a == "--pdfa") {
      o.pdfa = true;
    } else if (a == "--pdfx") {
      o.pdfx = true;
    } else if (is("-j", "--threads") || (a.starts_with("-j") && a.size() > 2)) {
      auto v = a.starts_with("-j") && a.size() > 2 ? Result<std::string>(a.substr(2)) : value(i, "--threads");  // -j4, as make takes it
      if (!v) return v.error();
      auto n = parse_thread_count(*v, "--threads");
      if (!n) return n.error();
      o.threads = *n;
    } else if (a == "--timings") {
      o.timings = true;
    } else if (a == "--report" || a.starts_with("--report=")) {
      auto v = value(i, "--report");
      if (!v) return v.error();
      o.report = *v;
    } else if (a == "--dump" || a.starts_with("--dump=")) {
      auto v = value(i, "--dump");
      if (!v) return v.error();
      if (*v != "pages") return error("", {}, "unknown dump `" + *v + "`", "use --dump pages");
      o.dump = *v;
    } else if (a == "--font-embedding" || a.starts_with("--font-embedding=")) {
      auto v = value(i, "--font-embedding");
      if (!v) return v.error();
      if (*v != "subset" && *v != "libharu")
        return error("", {}, "unknown font embedding `" + *v + "`", "use subset or libharu");
      o.libharu_fonts = *v == "libharu";
    } else if (a == "-h" || a == "--help") {
      o.help = true;
    } else if (a == "--version") {
      o.version = true;
    } else if (a == "--settings") {
      o.settings = true;
    } else if (a == "-q" || a == "--quiet") {
      o.quiet = true;
    } else {
      return error("", {}, "unknown option " + a);
    }
  }
  if (!o.help && !o.version && !o.settings && o.inputs.empty()) return error("", {}, "no input files");
  // Standard input has no name to call its PDF by.
  if (!o.inputs.empty() && o.inputs.front() == standard_stream && o.output.empty() && o.dump.empty())
    return error("", {}, "standard input (`-`) has no file name to name the PDF by",
                 "give -o OUT.pdf, or -o - to write the PDF to standard output");
  // One thing at most goes to standard output.
  if ((o.output == standard_stream) + (o.report == standard_stream) + !o.dump.empty() > 1)
    return error("", {}, "only one of the PDF (-o -), the report (--report -) and --dump can go to standard output",
                 "send the others to files");
  // A device or pipe (/dev/stdout) may be named as it is, and `-` for
  // standard output; a file must be a .pdf.
  std::error_code ec;
  const bool special = o.output == standard_stream || (!o.output.empty() && std::filesystem::exists(o.output, ec) &&
                                                       !std::filesystem::is_regular_file(o.output, ec) &&
                                                       !std::filesystem::is_directory(o.output, ec));
  if (!o.output.empty() && !o.output.ends_with(".pdf") && !special)
    return error("", {}, "output `" + o.output + "` must end in .pdf");
  return o;
}

Result<std::optional<long long>> source_date_epoch(const char* value) {
  if (!value || !*value) return std::optional<long long>{};
  constexpr long long last = 253402300799;  // 9999-12-31T23:59:59Z
  const std::string_view text = value;
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc{} || end != text.data() + text.size() || seconds < 0 || seconds > last)
    return error("", {},
                 "SOURCE_DATE_EPOCH must be whole seconds since 1970 (as `date +%s` prints them) up to " +
                     std::to_string(last) + ", not `" + std::string(text) + "`",
                 "set it to such a number, or unset it");
  return std::optional<long long>{seconds};
}

std::vector<std::string> layout_folders(const std::string& input_folder) {
  std::vector<std::string> folders;
  if (!input_folder.empty()) folders.push_back((std::filesystem::path(input_folder) / "layouts").string());
  if (const char* env = std::getenv("JAKPUM_LAYOUT_PATH")) {
    std::string paths = env;
    for (std::size_t at = 0; at <= paths.size();) {
      std::size_t end = paths.find(':', at);
      if (end == std::string::npos) end = paths.size();
      if (end > at) folders.push_back(paths.substr(at, end - at));
      at = end + 1;
    }
  }
  folders.push_back(JAKPUM_LAYOUT_DIR);
  return folders;
}

}  // namespace jakpum::app
