#include <gtest/gtest.h>

#include "dyad/text.h"

namespace dyad {
namespace {

std::vector<std::vector<std::string>> Split(const std::string& text) {
  std::vector<std::vector<std::string>> out;
  for (const Sentence& s : SplitAndTokenize(Normalize(text))) {
    std::vector<std::string> toks;
    for (const Token& t : s.tokens) toks.push_back(t.text);
    out.push_back(toks);
  }
  return out;
}

std::vector<std::string> Toks(const std::string& text) {
  std::vector<std::string> all;
  for (auto& s : Split(text)) all.insert(all.end(), s.begin(), s.end());
  return all;
}

using V = std::vector<std::string>;

TEST(NormalizeTest, MapsBackToTheOriginal) {
  std::string in = "\xE2\x80\x9CHi\xE2\x80\x9D \xE2\x80\x94 caf\x65\xCC\x81\xE2\x80\x8B!";
  NormalizedText n = Normalize(in);
  EXPECT_EQ(n.text, "\"Hi\" -- caf\xC3\xA9!");
  ASSERT_EQ(n.orig_begin.size(), n.text.size());
  // The composed e-acute maps back to "e" + combining acute (3 bytes).
  size_t e = n.text.find("\xC3\xA9");
  EXPECT_EQ(n.orig_end[e] - n.orig_begin[e], 3u);
  EXPECT_EQ(in.substr(n.orig_begin[0], n.orig_end[0] - n.orig_begin[0]), "\xE2\x80\x9C");
  // Invalid UTF-8 and control characters.
  NormalizedText bad = Normalize(std::string("a\xFF\x01" "b\r\n"));
  EXPECT_EQ(bad.text, "a\xEF\xBF\xBD" "b\n");
}

TEST(TokenizerTest, EwtConventions) {
  EXPECT_EQ(Toks("Ukraine won't accept it, Zelenskyy's office said."),
            V({"Ukraine", "wo", "n't", "accept", "it", ",", "Zelenskyy", "'s", "office", "said", "."}));
  EXPECT_EQ(Toks("They can't and we don't; I'm sure they're done."),
            V({"They", "ca", "n't", "and", "we", "do", "n't", ";", "I", "'m", "sure", "they", "'re", "done", "."}));
  EXPECT_EQ(Toks("The U.S. paid $1,000.50 (10%) on 01/02/2003."),
            V({"The", "U.S.", "paid", "$", "1,000.50", "(", "10", "%", ")", "on", "01/02/2003", "."}));
  EXPECT_EQ(Toks("An opt-out e-mail from the U.S.-led coalition, re-elected."),
            V({"An", "opt", "-", "out", "e-mail", "from", "the", "U.S.", "-", "led", "coalition", ",", "re-elected", "."}));
  EXPECT_EQ(Toks("See https://example.org/a-b?x=1, or mail press@un.org."),
            V({"See", "https://example.org/a-b?x=1", ",", "or", "mail", "press@un.org", "."}));
  EXPECT_EQ(Toks("The countries' envoys met -- finally..."),
            V({"The", "countries", "'", "envoys", "met", "--", "finally", "..."}));
  EXPECT_EQ(Toks("Russia beat Spain 2-1 at 3:30."), V({"Russia", "beat", "Spain", "2", "-", "1", "at", "3:30", "."}));
  EXPECT_EQ(Toks("Call 212-902-3724 on 01-Feb-02."), V({"Call", "212-902-3724", "on", "01-Feb-02", "."}));
}

TEST(TokenizerTest, SpansPointIntoTheOriginal) {
  std::string text = "Zelenskyy\xE2\x80\x99s visit \xE2\x80\x94 postponed.";
  auto sents = SplitAndTokenize(Normalize(text));
  ASSERT_EQ(sents.size(), 1u);
  const auto& t = sents[0].tokens;
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[1].text, "'s");
  EXPECT_EQ(text.substr(t[1].begin, t[1].end - t[1].begin), "\xE2\x80\x99s");
  EXPECT_EQ(t[3].text, "--");
  EXPECT_EQ(text.substr(t[3].begin, t[3].end - t[3].begin), "\xE2\x80\x94");
  EXPECT_EQ(sents[0].begin, 0u);
  EXPECT_EQ(sents[0].end, text.size());
  EXPECT_FALSE(t[0].space_after);
  EXPECT_TRUE(t[1].space_after);
}

TEST(SentenceSplitTest, Abbreviations) {
  auto s = Split("Mr. Lavrov met Gen. Smith on Feb. 18 in the U.S. capital. Then J. R. Smith left.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].front(), "Then");
  s = Split("Troops arrived in the U.S. The talks began.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[1].front(), "The");
}

TEST(SentenceSplitTest, QuotationsDatelinesAndParagraphs) {
  auto s = Split("He said: \"We will win.\" Then he left. \"No,\" she said.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[0].back(), "\"");
  s = Split("MOSCOW (Reuters) - Russia said on Tuesday it would respond.");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0], V({"MOSCOW", "(", "Reuters", ")", "-"}));
  s = Split("WASHINGTON \xE2\x80\x94 The Senate voted.");
  ASSERT_EQ(s.size(), 2u);
  s = Split("Key takeaways from US-Russia talks\n\nRubio said that the two agreed.");
  ASSERT_EQ(s.size(), 2u);
  s = Split("A line that wraps\nin the middle of a sentence.");
  ASSERT_EQ(s.size(), 1u);
  s = Split("Summary:\n\xE2\x80\xA2 Sanctions eased\n\xE2\x80\xA2 Embassies reopen");
  ASSERT_EQ(s.size(), 3u);
  s = Split("The rate rose to 3.5 percent. Prices fell.");
  ASSERT_EQ(s.size(), 2u);
  s = Split("Is it over? Nobody knows! Really.");
  ASSERT_EQ(s.size(), 3u);
}

}  // namespace
}  // namespace dyad
