// The shipped layouts, for end-to-end tests to compare output with.
#pragma once

#include <doctest/doctest.h>

#include <string>

#include "style/layout.h"
#include "support.h"

namespace jakpum::test {

inline style::Layout shipped_layout(const std::string& name) {
  auto l = style::load_layout(name, {{source_path("layouts")}});
  REQUIRE_MESSAGE(l.ok(), (l.ok() ? "" : format(l.error())));
  return *l;
}

}  // namespace jakpum::test
