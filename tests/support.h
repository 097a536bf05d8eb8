// Helpers shared by the tests: paths into the source tree, scratch files,
// and running commands.
#pragma once

#include <string>
#include <vector>

namespace jakpum::test {

// A path inside the source tree, e.g. source_path("samples/booklet.toml").
std::string source_path(const std::string& relative);

// The two sample essays as a manifest without cover, contents or colophon:
// the essays' own pages and nothing else, for checks of their text.
std::string essays_manifest();

// A fresh, empty scratch folder for one test.
std::string scratch_folder(const std::string& name);

// Writes `text` to `path` and returns the path.
std::string write_file(const std::string& path, const std::string& text);
std::string read_text(const std::string& path);

// How many kilobytes of this process's mappings of a file are resident.
long resident_kb(const std::string& path);

struct Run {
  int status = -1;  // exit code
  std::string out;  // standard output
  std::string err;  // standard error
};

// Runs a shell command line; captures both output streams.
Run run(const std::string& command);

// Quotes a string for the shell.
std::string shell_quoted(const std::string& s);

// Runs the jakpum program with a command line's arguments.
Run jakpum(const std::string& args);

// Draws an image file with Ghostscript: `device` png16m (PNG), pngalpha
// (PNG with transparency), jpeg or jpegcmyk, `width` by `height` pixels at
// `dpi`, a blue block in its lower left corner on white. Returns the path.
std::string draw_image(const std::string& path, const std::string& device, int width, int height, int dpi);

// A word poppler reads on a PDF page: its box in points from the top-left
// corner, and its text as pdftotext writes it (HTML-escaped).
struct PdfWord {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string text;
};

// The words of each page of a PDF, in pdftotext's reading order, from
// `pdftotext -bbox`; fails the test when pdftotext does.
std::vector<std::vector<PdfWord>> pdf_words(const std::string& pdf);

// A link annotation as qpdf reads it: its rectangle (PDF points, y up), the
// page it is on, and where it leads: a URI, or a page of the document and
// the height shown there (a /FitH destination).
struct PdfLink {
  int page = 0;  // 1-based
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  std::string border;  // "0, 0, 0" for none
  int flags = 0;
  std::string uri;      // empty for a link within the document
  int to_page = 0;      // 1-based; 0 for a URI
  double to_top = 0;
};

// Every link annotation of a PDF, from `qpdf --json`; fails the test when
// one is not understood.
std::vector<PdfLink> pdf_links(const std::string& pdf);

// Removes all Unicode white space (ASCII spaces, newlines, form feeds, no-break spaces).
std::string without_space(const std::string& s);

// Text read from a PDF as a reader takes it: without the soft hyphens
// (U+00AD) that mark where a word was cut at a line's end (PDF 1.7
// §14.8.2.2.3), which are no text of the document's.
std::string without_soft_hyphens(std::string s);

}  // namespace jakpum::test
