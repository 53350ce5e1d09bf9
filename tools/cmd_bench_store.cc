// `dyad bench store`: ingest rate, database size per million mentions, and the latency
// of a dyad time series and of a filtered event query, on SQLite or PostgreSQL.
// Mentions are synthetic but shaped like coded news (skewed actor and code frequencies,
// bursts of repeated reports that deduplicate), so the figures do not depend on the coder.
#include <CLI/CLI.hpp>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <random>
#include <unistd.h>

#include "dyad/store.h"
#include "src/util/dates.h"
#include "tools/command.h"

namespace dyad::cli {
namespace {

struct BenchStoreFlags {
  std::string db = "/tmp/dyad-bench-store.db";
  long long mentions = 1000000;
  int per_article = 4;
  int batch = 500;
  int queries = 20;
  bool keep = false;
  bool existing = false;  // time queries on an existing database; ingest nothing
};

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

long PeakRssMiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss / 1024;
}

int Run(const BenchStoreFlags& f) {
  bool sqlite = f.db.find("://") == std::string::npos;
  if (sqlite && !f.existing) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(f.db + suffix, ec);
  }
  StoreOptions so;
  so.create_if_missing = !f.existing;
  auto store = OpenStore(f.db, so);
  if (!store.ok()) {
    std::cerr << "dyad: " << store.status().ToString() << "\n";
    return kExitFailure;
  }
  std::mt19937_64 rng(42);
  const std::vector<std::string> countries = {"USA", "RUS", "UKR", "CHN", "ISR", "PSE", "IRN",
                                              "GBR", "FRA", "DEU", "TUR", "SAU", "IND", "PAK",
                                              "SYR", "IRQ", "AFG", "PRK", "KOR", "JPN", "EGY",
                                              "SDN", "NGA", "VEN", "BRA", "MEX", "POL", "QAT"};
  const std::vector<std::string> roles = {"", "GOV", "GOV", "MIL", "OPP", "REB", "COP", "JUD"};
  const std::vector<std::string> codes = {"010", "020", "036", "040", "042", "043", "046", "051",
                                          "057", "061", "071", "111", "112", "120", "130", "138",
                                          "163", "172", "173", "180", "190", "193", "195"};
  // Zipf-like skew: low ranks much more frequent, as in news.
  auto skewed = [&](size_t n) {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<size_t>(std::pow(u, 2.5) * n) % n;
  };
  const int days = 365 * 5;
  long long produced = 0;
  int article_no = 0;
  auto t0 = std::chrono::steady_clock::now();
  std::vector<StoredArticle> batch;
  while (!f.existing && produced < f.mentions) {
    StoredArticle sa;
    sa.article.id = "bench-" + std::to_string(article_no);
    sa.article.url = "http://bench.example/" + std::to_string(article_no);
    sa.article.source = "Outlet" + std::to_string(skewed(40));
    int day = static_cast<int>(std::uniform_int_distribution<int>(0, days - 1)(rng));
    sa.article.date = AddDays("2021-01-01", day);
    sa.article.text = "Synthetic article " + std::to_string(article_no) +
                      ". Officials met and talked; forces clashed near the border.";
    Sentence s;
    s.begin = 0;
    s.end = static_cast<uint32_t>(sa.article.text.size());
    sa.sentences.push_back(s);
    for (int m = 0; m < f.per_article && produced < f.mentions; ++m, ++produced) {
      Event e;
      std::string a = countries[skewed(countries.size())];
      std::string b = countries[skewed(countries.size())];
      if (a == b) b = countries[(skewed(countries.size()) + 1) % countries.size()];
      e.source.code = a + roles[skewed(roles.size())];
      e.source.text = e.source.code;
      e.target.code = b + roles[skewed(roles.size())];
      e.target.text = e.target.code;
      e.cameo = codes[skewed(codes.size())];
      e.base = e.cameo.substr(0, 3);
      e.root = e.cameo.substr(0, 2);
      int root = std::stoi(e.root);
      e.quad = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
      e.goldstein = root <= 9 ? 3.0 : -5.0;
      e.plover_event = root <= 5 ? "CONSULT" : "ASSAULT";
      // Repeated reports: the event often happened a day or two before the article.
      e.date.date = AddDays(sa.article.date, -static_cast<int>(skewed(3)));
      e.date.precision = DatePrecision::kDay;
      e.date.basis = DateBasis::kRelative;
      e.sentence_index = 0;
      e.confidence = 0.7;
      e.reason = "synthetic";
      sa.events.push_back(std::move(e));
    }
    batch.push_back(std::move(sa));
    ++article_no;
    if (static_cast<int>(batch.size()) == f.batch || produced >= f.mentions) {
      std::vector<PutOutcome> outcomes;
      Status st = (*store)->PutArticles(batch, false, &outcomes);
      if (!st.ok()) {
        std::cerr << "dyad: " << st.ToString() << "\n";
        return kExitFailure;
      }
      batch.clear();
      if (isatty(2)) {
        std::cerr << "\r" << produced << " mentions, " << static_cast<long long>(produced / Seconds(t0))
                  << "/s   " << std::flush;
      }
    }
  }
  double ingest_s = Seconds(t0);
  if (isatty(2)) std::cerr << "\n";
  auto stats = (*store)->Stats();
  if (!stats.ok()) return kExitFailure;
  std::printf("backend            %s\n", sqlite ? "sqlite" : "postgresql");
  std::printf("mentions           %lld (%lld articles, %lld deduplicated events)\n",
              static_cast<long long>(stats->mentions), static_cast<long long>(stats->articles),
              static_cast<long long>(stats->events));
  if (!f.existing) {
    std::printf("ingest             %.1f s, %.0f mentions/s, %.0f articles/s\n", ingest_s,
                stats->mentions / ingest_s, stats->articles / ingest_s);
  }
  std::printf("database size      %.1f MiB (%.1f MiB per million mentions)\n",
              stats->bytes / 1048576.0, stats->bytes / 1048576.0 / (stats->mentions / 1e6));

  auto time_it = [&](const char* name, auto fn) {
    std::vector<double> ms;
    for (int i = 0; i < f.queries; ++i) {
      auto q0 = std::chrono::steady_clock::now();
      size_t rows = fn(i);
      ms.push_back(Seconds(q0) * 1000);
      (void)rows;
    }
    std::sort(ms.begin(), ms.end());
    std::printf("%-18s median %.1f ms, p90 %.1f ms, max %.1f ms (%d runs)\n", name,
                ms[ms.size() / 2], ms[ms.size() * 9 / 10], ms.back(), f.queries);
  };
  time_it("dyad series", [&](int i) {
    const std::string& a = countries[i % 4];
    const std::string& b = countries[(i % 4) + 1];
    auto s = (*store)->DyadSeries(a, b, Period::kMonth, EventQuery());
    return s.ok() ? s->size() : 0;
  });
  time_it("filtered query", [&](int i) {
    EventQuery q;
    q.actor = countries[i % 6];
    q.cameo_prefix = "19";
    q.date_from = AddDays("2021-01-01", (i * 37) % 1500);
    q.date_to = AddDays(q.date_from, 90);
    q.limit = 100;
    auto r = (*store)->QueryMentions(q);
    return r.ok() ? r->size() : 0;
  });
  time_it("full-text query", [&](int i) {
    EventQuery q;
    q.text = i % 2 ? "clashed" : "talked";
    q.limit = 100;
    auto r = (*store)->QueryMentions(q);
    return r.ok() ? r->size() : 0;
  });
  std::printf("peak RSS           %ld MiB\n", PeakRssMiB());
  if (!f.keep && sqlite && !f.existing) {
    store->reset();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(f.db + suffix, ec);
  }
  return kExitOk;
}

CommandRegistrar reg(
    "bench store", "Store benchmark: ingest rate, size per million mentions, query latency",
    [](CLI::App* app) -> Runner {
      auto f = std::make_shared<BenchStoreFlags>();
      app->add_option("--db", f->db, "Database (SQLite path or postgresql://...)")->capture_default_str();
      app->add_option("--mentions", f->mentions, "Mentions to ingest")->capture_default_str();
      app->add_option("--per-article", f->per_article, "Mentions per article")->capture_default_str();
      app->add_option("--batch", f->batch, "Articles per transaction")->capture_default_str();
      app->add_option("--queries", f->queries, "Runs per query kind")->capture_default_str();
      app->add_flag("--keep", f->keep, "Keep the database afterwards");
      app->add_flag("--existing", f->existing, "Only time queries on an existing database (e.g. a coded corpus)");
      return [f] { return Run(*f); };
    });

}  // namespace
}  // namespace dyad::cli
