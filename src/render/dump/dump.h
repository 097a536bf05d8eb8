// A stable text form of the page model, one drawing operation a line, for
// golden tests and for looking at what the typesetter decided.
#pragma once

#include <string>

#include "page/model.h"

namespace jakpum::render {

// Positions in points with two decimals, from the page's top-left corner.
std::string dump_pages(const page::PageModel& model);

}  // namespace jakpum::render
