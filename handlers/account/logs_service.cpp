#include "account/logs_service.hpp"

#include <cmath>

#include "json/json.hpp"
#include "util/text.hpp"

namespace t2o::account {
namespace {

// The WHERE clause for the filters present: placeholders only, the values are bound. Each
// combination is its own statement, so each gets a plan that uses the matching index.
struct Filter {
  std::string where;
  std::vector<db::Param> params;

  void add(const std::string& condition, db::Param value) {
    params.push_back(std::move(value));
    where += (where.empty() ? " WHERE " : " AND ") + condition + std::to_string(params.size());
  }
};

Filter make_filter(const LogQuery& query) {
  Filter filter;
  if (query.only_user_id) filter.add("user_id = $", *query.only_user_id);
  if (query.level) filter.add("log_level = $", *query.level);
  if (query.user_email) filter.add("lower(user_email) = $", text::to_lower(*query.user_email));
  if (query.text) filter.add("message ILIKE $", text::like_contains(*query.text));
  return filter;
}

long long planner_estimate(db::Connection& db, const Filter& filter) {
  const Json::Value plan =
      json::parse(db.exec("EXPLAIN (FORMAT JSON) SELECT 1 FROM request_log" + filter.where, filter.params)
                      .one_row()
                      .view(0));
  return plan[0]["Plan"]["Plan Rows"].asInt64();
}

// Exact up to kExactCountLimit, else the planner's estimate of the matching rows. When the
// planner already expects far more rows than the limit, the count is skipped altogether.
std::pair<long long, bool> count_rows(db::Connection& db, const Filter& filter) {
  const long long estimate = planner_estimate(db, filter);
  if (estimate > kTrustedEstimate) return {estimate, true};
  std::vector<db::Param> params = filter.params;
  params.emplace_back(kExactCountLimit + 1);
  const long long capped = db.exec("SELECT count(*) FROM (SELECT 1 FROM request_log" + filter.where + " LIMIT $" +
                                       std::to_string(params.size()) + ") capped",
                                   params)
                               .one_row()
                               .integer(0);
  if (capped <= kExactCountLimit) return {capped, false};
  return {std::max(estimate, kExactCountLimit + 1), true};
}

}  // namespace

LogPage read_logs(db::Connection& db, const LogQuery& query) {
  const Filter filter = make_filter(query);
  std::vector<db::Param> params = filter.params;
  params.emplace_back(query.per_page);
  params.emplace_back((query.page - 1) * query.per_page);
  const std::string limit = "$" + std::to_string(params.size() - 1);
  const std::string offset = "$" + std::to_string(params.size());
  // The offset is walked over ids only (an index-only scan when the table is vacuumed),
  // and just one page of full rows is read.
  const std::string sql =
      "SELECT id, to_char(logged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'), log_level, message, "
      "COALESCE(client_ip, ''), COALESCE(user_agent, ''), user_email FROM request_log WHERE id IN ("
      "SELECT id FROM request_log" + filter.where + " ORDER BY id DESC LIMIT " + limit + " OFFSET " + offset +
      ") ORDER BY id DESC";

  LogPage page;
  page.logs = Json::Value(Json::arrayValue);
  for (auto row : db.exec(sql, params)) {
    Json::Value entry;
    entry["id"] = static_cast<Json::Int64>(row.integer(0));
    entry["timestamp"] = row.str(1);
    entry["log_level"] = row.str(2);
    entry["message"] = row.str(3);
    entry["client_ip"] = row.str(4);
    entry["user_agent"] = row.str(5);
    entry["user_email"] = row.is_null(6) ? Json::Value() : Json::Value(row.str(6));
    page.logs.append(entry);
  }
  const auto [total, estimated] = count_rows(db, filter);
  page.total_pages = (total + query.per_page - 1) / query.per_page;
  page.total_is_estimate = estimated;
  return page;
}

}  // namespace t2o::account
