// Helpers shared by tests.
#ifndef DYAD_UTIL_TEST_UTIL_H_
#define DYAD_UTIL_TEST_UTIL_H_

#include <gtest/gtest.h>

#include "src/util/paths.h"

// Sets `var` to the absolute path of ../shared/<relative>, or skips the test with a
// clear message when ../shared (or that file) is absent.
#define DYAD_REQUIRE_SHARED(var, relative)                                              \
  std::string var;                                                                      \
  do {                                                                                  \
    auto dyad_p_ = ::dyad::SharedPath(relative);                                        \
    if (!dyad_p_) GTEST_SKIP() << "../shared/" << (relative)                            \
                               << " is absent (set DYAD_SHARED_DIR): skipping";        \
    var = *dyad_p_;                                                                     \
  } while (0)

#endif  // DYAD_UTIL_TEST_UTIL_H_
