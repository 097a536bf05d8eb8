// Fuzzes the layout loader: any bytes as a layout file (which may extend the
// shipped layouts) must give a layout or a diagnostic naming the file.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "app/options.h"
#include "core/utf8.h"
#include "style/layout.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  // As if it sat among the shipped layouts, so "../fonts/..." and extends work.
  static const std::string path = std::string(JAKPUM_LAYOUT_DIR) + "/fuzz.toml";
  auto layout = jakpum::style::load_layout_text(text, path, {jakpum::app::layout_folders("")});
  if (layout) {
    // A layout that loads has a text block that holds at least a line.
    if (!(layout->text_width() > 0) || !(layout->text_height() > 0)) __builtin_trap();
  } else if (layout.error().message.empty()) {
    __builtin_trap();
  }
  return 0;
}
