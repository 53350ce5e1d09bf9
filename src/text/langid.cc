#include <libexttextcat/textcat.h>

#include <cctype>
#include <mutex>
#include <string>
#include <unordered_set>

#include "dyad/text.h"
#include "src/util/paths.h"

namespace dyad {
namespace {

constexpr size_t kSampleBytes = 2048;
constexpr const char* kFingerprintDir = "/usr/share/libexttextcat/";

// Share of the sample's words that are English function words. English news runs at
// 0.3-0.45; Romance and Germanic languages stay well under 0.1.
double EnglishStopwordRatio(std::string_view text, int* words_out) {
  static const std::unordered_set<std::string> kStop = {
      "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "was", "by",
      "it", "at", "from", "his", "he", "she", "her", "are", "be", "has", "have", "had", "were",
      "this", "which", "said", "not", "but", "they", "their", "an", "a", "its", "will", "would",
      "been", "who", "after", "also", "more", "than", "about", "over", "into", "we", "i"};
  int words = 0, stop = 0;
  std::string w;
  auto flush = [&] {
    if (w.empty()) return;
    ++words;
    stop += kStop.count(w) > 0;
    w.clear();
  };
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (std::isalpha(u)) w.push_back(static_cast<char>(std::tolower(u)));
    else if (u >= 0x80) w.push_back(c);  // keeps "él", "für" out of the stop list
    else flush();
  }
  flush();
  *words_out = words;
  return words ? static_cast<double>(stop) / words : 0.0;
}

class TextcatIdentifier : public LanguageIdentifier {
 public:
  explicit TextcatIdentifier(void* handle) : handle_(handle) {}
  ~TextcatIdentifier() override { textcat_Done(handle_); }

  LanguageGuess Identify(std::string_view text) const override {
    // Cut the sample on a UTF-8 boundary.
    size_t n = std::min(text.size(), kSampleBytes);
    while (n > 0 && n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
    std::string_view sample = text.substr(0, n);
    int words = 0;
    double ratio = EnglishStopwordRatio(sample, &words);
    if (words >= 8 && ratio >= 0.18) return {"en", std::min(1.0, 0.5 + ratio), "stopwords"};
    std::string result;
    {
      // textcat keeps per-handle scratch state: one caller at a time.
      std::lock_guard<std::mutex> lock(mu_);
      const char* r = textcat_Classify(handle_, sample.data(), sample.size());
      result = r != nullptr ? r : "";
    }
    if (result.size() > 2 && result[0] == '[') {
      size_t end = result.find_first_of("-]", 1);
      std::string code = result.substr(1, end - 1);
      // Several bracketed candidates mean textcat could not separate them.
      int candidates = 0;
      for (char c : result) candidates += c == '[';
      double conf = candidates == 1 ? 0.9 : 0.6;
      if (code == "en" || candidates == 1) return {code, conf, "textcat"};
      // Ambiguous and not clearly English: trust the stop-word signal when it is there.
      if (ratio >= 0.12) return {"en", 0.5, "stopwords"};
      return {code, conf, "textcat"};
    }
    if (words >= 3 && ratio >= 0.12) return {"en", 0.4, "stopwords"};
    return {"", 0.0, "textcat"};
  }

 private:
  void* handle_;
  mutable std::mutex mu_;
};

}  // namespace

Result<std::unique_ptr<LanguageIdentifier>> LanguageIdentifier::Create() {
  std::string conf = DataDir() + "/text/langid.conf";
  void* h = special_textcat_Init(conf.c_str(), kFingerprintDir);
  if (h == nullptr) {
    return Status::NotFound("language identification: cannot load " + conf +
                            " with fingerprints from " + kFingerprintDir +
                            " (install Debian's libexttextcat-data)");
  }
  return std::unique_ptr<LanguageIdentifier>(new TextcatIdentifier(h));
}

}  // namespace dyad
