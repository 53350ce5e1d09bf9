#include "src/code/word_lists.h"

#include <gtest/gtest.h>

#include "src/code/test_parse.h"

namespace dyad {
namespace {

TEST(WordListsTest, ParsesListsAndLowercases) {
  auto w = WordLists::Parse("# c\n[speech_verbs]\nSay tell # comment\n\n[people_nouns] \nleader\n",
                            "t.txt");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_TRUE(w->Has(WordList::kSpeechVerbs, "say"));
  EXPECT_TRUE(w->Has(WordList::kSpeechVerbs, "tell"));
  EXPECT_FALSE(w->Has(WordList::kSpeechVerbs, "comment"));
  EXPECT_FALSE(w->Has(WordList::kSpeechVerbs, "leader"));
  EXPECT_TRUE(w->Has(WordList::kPeopleNouns, "leader"));
  EXPECT_EQ(w->size(WordList::kReciprocalVerbs), 0u);
}

TEST(WordListsTest, ErrorsNameFileAndLine) {
  auto unknown = WordLists::Parse("[speech_verbs]\nsay\n[no_such_list]\n", "w.txt");
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().ToString().find("w.txt:3"), std::string::npos);
  auto orphan = WordLists::Parse("say\n", "w.txt");
  ASSERT_FALSE(orphan.ok());
  EXPECT_NE(orphan.status().ToString().find("w.txt:1"), std::string::npos);
  EXPECT_FALSE(WordLists::LoadFile("/nonexistent/word_lists.txt").ok());
}

TEST(WordListsTest, ShippedFileFillsEveryList) {
  const WordLists& w = TestWords();
  for (int i = 0; i < static_cast<int>(WordList::kCount); ++i) {
    EXPECT_GT(w.size(static_cast<WordList>(i)), 0u) << WordListName(static_cast<WordList>(i));
  }
  EXPECT_TRUE(w.Has(WordList::kReciprocalVerbs, "meet"));
  EXPECT_TRUE(w.Has(WordList::kSpeechVerbs, "say"));
  EXPECT_FALSE(w.Has(WordList::kSpeechVerbs, "attack"));
}

}  // namespace
}  // namespace dyad
