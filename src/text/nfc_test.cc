// Pins what Normalize does to code points NFC changes on their own (canonical singletons and
// composition exclusions) and to combining sequences, with the original span of each.
#include <gtest/gtest.h>

#include <string>

#include "dyad/text.h"

namespace dyad {
namespace {

TEST(NfcTest, CanonicalSingletonsBecomeTheirTarget) {
  EXPECT_EQ(Normalize("5 \u2126").text, "5 \u03A9");  // OHM SIGN -> GREEK CAPITAL OMEGA
  EXPECT_EQ(Normalize("\u212A").text, "K");            // KELVIN SIGN
  EXPECT_EQ(Normalize("\u212B").text, "\u00C5");       // ANGSTROM SIGN -> A WITH RING
  EXPECT_EQ(Normalize("a\u037Eb").text, "a;b");        // GREEK QUESTION MARK
  EXPECT_EQ(Normalize("\u0387").text, "\u00B7");
  EXPECT_EQ(Normalize("\uF900").text, "\u8C48");       // CJK compatibility ideograph
  EXPECT_EQ(Normalize("\U0002F800").text, "\u4E3D");
}

TEST(NfcTest, CompositionExclusionsDecompose) {
  // Left as they were by the hand-written list that preceded utf8proc's tables.
  EXPECT_EQ(Normalize("\u0958").text, "\u0915\u093C");  // DEVANAGARI QA
  EXPECT_EQ(Normalize("\uFB1D").text, "\u05D9\u05B4");  // HEBREW YOD WITH HIRIQ
}

TEST(NfcTest, SingletonKeepsItsOriginalSpan) {
  NormalizedText n = Normalize("x\u2126");  // 1 + 3 bytes -> 1 + 2 bytes
  ASSERT_EQ(n.text, "x\u03A9");
  ASSERT_EQ(n.orig_begin.size(), 3u);
  EXPECT_EQ(n.orig_begin[1], 1u);
  EXPECT_EQ(n.orig_end[2], 4u);
}

TEST(NfcTest, ComposedAndPlainCharactersStay) {
  EXPECT_EQ(Normalize("caf\u00E9").text, "caf\u00E9");
  EXPECT_EQ(Normalize("\uAC00").text, "\uAC00");  // precomposed Hangul syllable
  EXPECT_EQ(Normalize("\u00C5ngstr\u00F6m").text, "\u00C5ngstr\u00F6m");
  EXPECT_EQ(Normalize("\u4E2D\u6587").text, "\u4E2D\u6587");
}

TEST(NfcTest, CombiningSequencesCompose) {
  EXPECT_EQ(Normalize("Jose\u0301").text, "Jos\u00E9");
  EXPECT_EQ(Normalize("A\u030A").text, "\u00C5");
}

}  // namespace
}  // namespace dyad
