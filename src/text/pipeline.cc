#include "dyad/text.h"

namespace dyad {

TextPipeline::~TextPipeline() = default;

Result<std::unique_ptr<TextPipeline>> TextPipeline::Create(const TextOptions& options) {
  std::unique_ptr<TextPipeline> p(new TextPipeline());
  p->options_ = options;
  if (options.detect_language) {
    DYAD_ASSIGN_OR_RETURN(p->langid_, LanguageIdentifier::Create());
  }
  return p;
}

Result<Document> TextPipeline::Process(const Article& article) const {
  if (article.text.empty()) return Status::InvalidArgument("empty text");
  Document doc;
  doc.article_id = article.id;
  NormalizedText n = Normalize(article.text);
  if (langid_ != nullptr) {
    LanguageGuess g = langid_->Identify(n.text);
    doc.language = g.code;
    bool declared_other = !article.language.empty() && article.language != "en";
    if (declared_other) {
      return Status::NotSupported("language " + article.language + " (declared by the record)");
    }
    if (!g.code.empty() && g.code != "en" && n.text.size() >= options_.min_bytes_for_rejection) {
      return Status::NotSupported("language " + g.code + " (detected by " + g.method + ")");
    }
  }
  doc.sentences = SplitAndTokenize(n);
  return doc;
}

}  // namespace dyad
