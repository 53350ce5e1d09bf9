#include "src/store/analytics.h"

#include <cctype>
#include <cmath>
#include <cstdlib>

namespace dyad::analytics {
namespace {

using sql::Row;
using sql::Value;

constexpr const char* kFrom = " FROM mentions m JOIN events e ON e.id = m.event";

// `where` with `cond` added.
std::string And(const std::string& where, const std::string& cond) {
  return where.empty() ? " WHERE " + cond : where + " AND " + cond;
}

std::string Param(std::vector<Value>* params, Value v) {
  params->push_back(std::move(v));
  return "$" + std::to_string(params->size());
}

// The quad columns of an aggregate, in order 1..4.
const char* kQuadSums =
    "SUM(CASE WHEN m.quad = 1 THEN 1 ELSE 0 END), SUM(CASE WHEN m.quad = 2 THEN 1 ELSE 0 END),"
    " SUM(CASE WHEN m.quad = 3 THEN 1 ELSE 0 END), SUM(CASE WHEN m.quad = 4 THEN 1 ELSE 0 END)";

double NanToZero(double v) { return std::isnan(v) ? 0.0 : v; }


}  // namespace

ActorType StoredActorType(const std::string& name) {
  ActorType t = ActorType::kNone;
  return ParseActorType(name, &t) ? t : ActorType::kNone;
}

Status FillActorText(sql::Conn* conn, const std::string& code, std::string* text, ActorType* type) {
  DYAD_ASSIGN_OR_RETURN(auto top, conn->Query(
      "SELECT text, type FROM actors WHERE code = $1 ORDER BY mentions DESC, text LIMIT 1", {code}));
  if (!top.empty()) {
    *text = top[0].Text(0);
    *type = StoredActorType(top[0].Text(1));
  }
  return Status::OK();
}

Result<Keyset> ParseCursor(const std::string& after, EventSort sort) {
  Keyset k;
  if (after.empty()) return k;
  auto bad = [&](const std::string& why) {
    return Status::InvalidArgument("cursor: '" + after.substr(0, 60) + "' " + why);
  };
  size_t tilde = after.rfind('~');
  if (after.size() < 3 || tilde == std::string::npos || tilde + 1 >= after.size()) {
    return bad("is not a cursor from a previous page (next_cursor)");
  }
  std::string id = after.substr(tilde + 1);
  std::string key = after.substr(1, tilde - 1);
  for (char c : id) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return bad("has a bad row id");
  }
  k.id = std::strtoll(id.c_str(), nullptr, 10);
  const char letter = after[0];
  char want = 'd';
  switch (sort) {
    case EventSort::kDateDesc: want = 'd'; break;
    case EventSort::kDateAsc: want = 'a'; break;
    case EventSort::kGoldsteinAsc: want = 'g'; break;
    case EventSort::kGoldsteinDesc: want = 'G'; break;
    case EventSort::kMentionsDesc: want = 'n'; break;
  }
  if (letter != want) {
    return bad(std::string("was made for another sort order than ") + EventSortName(sort));
  }
  if (letter == 'd' || letter == 'a') {
    if (key == "_") {
      k.null_key = true;
    } else {
      if (key.size() != 10) return bad("has a bad date");
      k.key = key;
    }
  } else {
    char* end = nullptr;
    double v = std::strtod(key.c_str(), &end);
    if (key.empty() || end != key.c_str() + key.size() || std::isnan(v)) return bad("has a bad key");
    if (letter == 'n') k.key = static_cast<int64_t>(v);
    else k.key = v;
  }
  k.active = true;
  return k;
}

std::string KeysetCondition(const Keyset& k, EventSort sort, std::vector<Value>* params) {
  if (!k.active) return "";
  const std::string id = Param(params, k.id);
  switch (sort) {
    case EventSort::kDateDesc:
      if (k.null_key) return "(m.event_date IS NULL AND m.id < " + id + ")";
      {
        const std::string d = Param(params, k.key);
        return "(m.event_date < " + d + " OR (m.event_date = " + d + " AND m.id < " + id +
               ") OR m.event_date IS NULL)";
      }
    case EventSort::kDateAsc:
      if (k.null_key) return "(m.event_date IS NOT NULL OR m.id > " + id + ")";
      {
        const std::string d = Param(params, k.key);
        return "(m.event_date > " + d + " OR (m.event_date = " + d + " AND m.id > " + id + "))";
      }
    case EventSort::kGoldsteinAsc:
    case EventSort::kGoldsteinDesc: {
      const char* op = sort == EventSort::kGoldsteinAsc ? ">" : "<";
      const std::string g = Param(params, k.key);
      return std::string("(m.goldstein ") + op + " " + g + " OR (m.goldstein = " + g +
             " AND m.id " + op + " " + id + "))";
    }
    case EventSort::kMentionsDesc: {
      const std::string n = Param(params, k.key);
      return "(e.num_mentions < " + n + " OR (e.num_mentions = " + n + " AND m.id < " + id + "))";
    }
  }
  return "";
}

std::string OrderBy(EventSort sort) {
  switch (sort) {
    case EventSort::kDateDesc: return " ORDER BY m.event_date DESC NULLS LAST, m.id DESC";
    case EventSort::kDateAsc: return " ORDER BY m.event_date ASC NULLS FIRST, m.id ASC";
    case EventSort::kGoldsteinAsc: return " ORDER BY m.goldstein ASC, m.id ASC";
    case EventSort::kGoldsteinDesc: return " ORDER BY m.goldstein DESC, m.id DESC";
    case EventSort::kMentionsDesc: return " ORDER BY e.num_mentions DESC, m.id DESC";
  }
  return "";
}

Result<int64_t> CountMentions(sql::Conn* conn, const WhereFn& where) {
  std::vector<Value> params;
  std::string w = where(&params);
  DYAD_ASSIGN_OR_RETURN(auto rows, conn->Query("SELECT COUNT(*)" + std::string(kFrom) + w, params));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Result<std::vector<NetworkEdge>> Network(sql::Conn* conn, const WhereFn& where, int level,
                                         int limit) {
  std::vector<Value> params;
  std::string w = where(&params);
  auto col = [&](const char* c) {
    return level > 0 ? "substr(" + std::string(c) + ", 1, " + std::to_string(level) + ")"
                     : std::string(c);
  };
  const std::string s = col("m.source_code"), t = col("m.target_code");
  w = And(w, "m.source_code IS NOT NULL AND m.target_code IS NOT NULL AND " + s + " <> " + t);
  std::string q = "SELECT " + s + ", " + t + ", COUNT(*), AVG(m.goldstein), " + kQuadSums + kFrom +
                  w + " GROUP BY " + s + ", " + t + " ORDER BY 3 DESC, 1, 2 LIMIT " +
                  std::to_string(limit);
  DYAD_ASSIGN_OR_RETURN(auto rows, conn->Query(q, params));
  std::vector<NetworkEdge> out;
  for (const Row& r : rows) {
    NetworkEdge e;
    e.source = r.Text(0);
    e.target = r.Text(1);
    e.count = r.Int(2);
    e.goldstein_mean = NanToZero(r.Double(3));
    for (int i = 1; i <= 4; ++i) e.quad[i] = r.Int(3 + i);
    out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<ActorActivity>> ActiveActors(sql::Conn* conn, const WhereFn& where, int limit) {
  std::vector<Value> params;
  std::string ws = And(where(&params), "m.source_code IS NOT NULL");
  std::string wt = And(where(&params), "m.target_code IS NOT NULL");
  std::string q = "SELECT code, SUM(src), SUM(tgt) FROM (SELECT m.source_code AS code, 1 AS src, 0 AS tgt" +
                  std::string(kFrom) + ws + " UNION ALL SELECT m.target_code, 0, 1" + kFrom + wt +
                  ") x GROUP BY code ORDER BY SUM(src) + SUM(tgt) DESC, code LIMIT " +
                  std::to_string(limit);
  DYAD_ASSIGN_OR_RETURN(auto rows, conn->Query(q, params));
  std::vector<ActorActivity> out;
  for (const Row& r : rows) {
    ActorActivity a;
    a.code = r.Text(0);
    a.as_source = r.Int(1);
    a.as_target = r.Int(2);
    DYAD_RETURN_IF_ERROR(FillActorText(conn, a.code, &a.text, &a.type));
    out.push_back(std::move(a));
  }
  return out;
}

Result<std::vector<ActorCount>> FindActors(sql::Conn* conn, const std::string& query, int limit) {
  // LIKE patterns: the code prefix upper-cased, the name part lower-cased, both escaped.
  std::string prefix, pattern = "%";
  for (char c : query) {
    if (c == '%' || c == '_' || c == '\\') {
      prefix.push_back('\\');
      pattern.push_back('\\');
    }
    prefix.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
    pattern.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  prefix += "%";
  pattern += "%";
  DYAD_ASSIGN_OR_RETURN(auto rows, conn->Query(
      "SELECT code, SUM(mentions) AS n FROM actors WHERE code <> '' AND (code LIKE $1 ESCAPE '\\'"
      " OR lower(text) LIKE $2 ESCAPE '\\' OR lower(name) LIKE $2 ESCAPE '\\')"
      " GROUP BY code ORDER BY n DESC, code LIMIT $3",
      {prefix, pattern, static_cast<int64_t>(limit)}));
  std::vector<ActorCount> out;
  for (const Row& r : rows) {
    ActorCount c{r.Text(0), "", ActorType::kNone, r.Int(1)};
    DYAD_RETURN_IF_ERROR(FillActorText(conn, c.code, &c.text, &c.type));
    out.push_back(std::move(c));
  }
  return out;
}

Result<std::vector<PlaceCount>> Places(sql::Conn* conn, const WhereFn& where, int limit) {
  std::vector<Value> params;
  std::string w = And(where(&params), "(m.place_country IS NOT NULL OR m.place_text IS NOT NULL)");
  std::string q = "SELECT m.place_text, m.place_country, m.lat, m.lon, COUNT(*), AVG(m.goldstein), " +
                  std::string(kQuadSums) + kFrom + w +
                  " GROUP BY m.place_text, m.place_country, m.lat, m.lon ORDER BY 5 DESC LIMIT " +
                  std::to_string(limit);
  DYAD_ASSIGN_OR_RETURN(auto rows, conn->Query(q, params));
  std::vector<PlaceCount> out;
  for (const Row& r : rows) {
    PlaceCount p;
    p.place = r.Text(0);
    p.country = r.Text(1);
    p.lat = r.Double(2);
    p.lon = r.Double(3);
    p.precision = std::isnan(p.lat) || std::isnan(p.lon) ? "country" : "point";
    p.count = r.Int(4);
    p.goldstein_mean = NanToZero(r.Double(5));
    for (int i = 1; i <= 4; ++i) p.quad[i] = r.Int(5 + i);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<OutletCount>> Outlets(sql::Conn* conn, int limit) {
  DYAD_ASSIGN_OR_RETURN(auto rows, conn->Query(
      "SELECT outlet, COUNT(*) FROM articles WHERE outlet IS NOT NULL AND outlet <> ''"
      " GROUP BY outlet ORDER BY 2 DESC, 1 LIMIT $1", {static_cast<int64_t>(limit)}));
  std::vector<OutletCount> out;
  for (const Row& r : rows) out.push_back({r.Text(0), r.Int(1)});
  return out;
}

}  // namespace dyad::analytics
