// SQL for the Store's analytics (counts, network, actors, places) and for sort orders and
// keyset cursors, written once for SQLite and PostgreSQL. The filter itself is built by the
// store (`WhereFn`), so every analytic accepts exactly the filters of QueryMentions.
#ifndef DYAD_STORE_ANALYTICS_H_
#define DYAD_STORE_ANALYTICS_H_

#include <functional>
#include <string>
#include <vector>

#include "dyad/store.h"
#include "src/store/sql.h"

namespace dyad::analytics {

// Appends a filter's parameters to *params and returns its " WHERE ..." clause (or "") over
// `mentions m JOIN events e ON e.id = m.event`. Called once per use of the filter in a
// statement, so placeholders keep counting.
using WhereFn = std::function<std::string(std::vector<sql::Value>* params)>;

// The row after which a page starts, parsed from EventQuery::after.
struct Keyset {
  bool active = false;
  bool null_key = false;  // the row had no event date
  sql::Value key;
  int64_t id = 0;
};
// A stored actor type name; kNone for NULL or a name this version does not know.
ActorType StoredActorType(const std::string& name);
// The most frequent surface text of actor `code` and its type into *text / *type (left
// as they are when the code has no actor row).
Status FillActorText(sql::Conn* conn, const std::string& code, std::string* text, ActorType* type);

// InvalidArgument for a malformed cursor or one made for another sort order.
Result<Keyset> ParseCursor(const std::string& after, EventSort sort);
// The condition selecting the rows after `k` in `sort` order ("" when !k.active).
std::string KeysetCondition(const Keyset& k, EventSort sort, std::vector<sql::Value>* params);
// " ORDER BY ..." for `sort`; NULL dates come last in date_desc and first in date_asc.
std::string OrderBy(EventSort sort);

Result<int64_t> CountMentions(sql::Conn* conn, const WhereFn& where);
Result<std::vector<NetworkEdge>> Network(sql::Conn* conn, const WhereFn& where, int level, int limit);
Result<std::vector<ActorActivity>> ActiveActors(sql::Conn* conn, const WhereFn& where, int limit);
Result<std::vector<ActorCount>> FindActors(sql::Conn* conn, const std::string& query, int limit);
Result<std::vector<PlaceCount>> Places(sql::Conn* conn, const WhereFn& where, int limit);
Result<std::vector<OutletCount>> Outlets(sql::Conn* conn, int limit);

}  // namespace dyad::analytics

#endif  // DYAD_STORE_ANALYTICS_H_
