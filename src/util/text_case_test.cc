#include "src/util/text_case.h"

#include <gtest/gtest.h>

#include <string>

namespace dyad {
namespace {

TEST(TextCaseTest, AsciiLowersLettersOnly) {
  EXPECT_EQ(Lower("Kremlin SAID 'EM, 42-A.b"), "kremlin said 'em, 42-a.b");
  EXPECT_EQ(Lower(""), "");
  EXPECT_EQ(Lower(std::string("A\0B", 3)), std::string("a\0b", 3));
}

TEST(TextCaseTest, UnicodeFoldsCase) {
  EXPECT_EQ(Lower("\u00C9LYS\u00C9E"), "\u00E9lys\u00E9e");        // ÉLYSÉE -> élysée
  EXPECT_EQ(Lower("Stra\u00DFe"), "strasse");                     // full folding
  EXPECT_EQ(Lower("\u041C\u041E\u0421\u041A\u0412\u0410"), "\u043C\u043E\u0441\u043A\u0432\u0430");
  EXPECT_EQ(Lower("\u03A3\u03BF\u03C6\u03AF\u03B1"), "\u03C3\u03BF\u03C6\u03AF\u03B1");
  EXPECT_EQ(Lower("S\u00E3o Paulo"), Lower("S\u00C3O PAULO"));
}

TEST(TextCaseTest, InvalidUtf8KeepsItsBytes) {
  EXPECT_EQ(Lower("AB\xff\xfe" "C"), "ab\xff\xfe" "c");
}

}  // namespace
}  // namespace dyad
