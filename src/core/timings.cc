#include "core/timings.h"

#include <cstdio>

namespace jakpum {

std::string Timings::summary() const {
  char buf[320];
  auto ms = [](double s) { return s * 1000; };
  std::snprintf(buf, sizeof buf,
                "read %.1f ms, setup %.1f ms, text %.1f ms, shape %.1f ms, lines %.1f ms, paginate %.1f ms, "
                "fonts %.1f ms, pages %.1f ms, save %.1f ms, total %.1f ms",
                ms(read), ms(setup), ms(text), ms(shape), ms(lines), ms(paginate), ms(fonts), ms(pages), ms(save),
                ms(total));
  return buf;
}

void Timings::add(const Timings& o) {
  read += o.read, setup += o.setup, text += o.text, shape += o.shape, lines += o.lines;
  paginate += o.paginate, fonts += o.fonts, pages += o.pages, save += o.save;
}

}  // namespace jakpum
