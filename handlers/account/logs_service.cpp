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

// The statements below are built from fixed pieces: their text depends only on which
// filters are present, never on a value.
constexpr const char* kFromRequestLog = " FROM request_log";

long long planner_estimate(db::Executor& db, const Filter& filter) {
  const std::string explain = std::string("EXPLAIN (FORMAT JSON) SELECT 1") + kFromRequestLog + filter.where;
  // EXPLAIN names its column "QUERY PLAN"; quoted, the name keeps its case and space.
  const db::Row row = db.exec(db::idempotent(explain), filter.params).one_row();
  const Json::Value plan = json::parse(row.view("\"QUERY PLAN\""));
  return plan[0]["Plan"]["Plan Rows"].asInt64();
}

// Exact up to kExactCountLimit, else the planner's estimate of the matching rows. When the
// planner already expects far more rows than the limit, the count is skipped altogether.
std::pair<long long, bool> count_rows(db::Executor& db, const Filter& filter) {
  const long long estimate = planner_estimate(db, filter);
  if (estimate > kTrustedEstimate) return {estimate, true};
  std::vector<db::Param> params = filter.params;
  params.emplace_back(kExactCountLimit + 1);
  const std::string count = std::string("SELECT count(*) AS rows FROM (SELECT 1") + kFromRequestLog + filter.where +
                            " LIMIT $" + std::to_string(params.size()) + ") capped";
  const long long capped = db.exec(db::idempotent(count), params).one_row().integer("rows");
  if (capped <= kExactCountLimit) return {capped, false};
  return {std::max(estimate, kExactCountLimit + 1), true};
}

// Without filters, pages are found through request_log_blocks (sql/010): the page's first
// block from the running count of rows per block, newest first, then only that block's
// ids are skipped one by one. Counts and rows come from one snapshot, so the page is exact.
constexpr db::Query kSelectUnfilteredPage = db::idempotent(
    "WITH running AS ("
    "  SELECT block, rows, sum(rows) OVER (ORDER BY block DESC) AS through FROM request_log_blocks"
    "), first_block AS ("
    "  SELECT block, $2::bigint - (through - rows) AS skip FROM running WHERE through > $2::bigint "
    "  ORDER BY block DESC LIMIT 1"
    ") "
    "SELECT id, epoch_us(logged_at) AS logged_at, log_level, message, COALESCE(client_ip, '') AS client_ip, "
    "       COALESCE(user_agent, '') AS user_agent, user_email, "
    "       (SELECT COALESCE(sum(rows), 0) FROM running)::bigint AS total_rows "
    "FROM request_log WHERE id IN ("
    "  SELECT id FROM request_log WHERE id < (SELECT (block + 1) << 10 FROM first_block) "
    "  ORDER BY id DESC LIMIT $1 OFFSET (SELECT skip FROM first_block)"
    ") ORDER BY id DESC");
constexpr db::Query kCountAllRows =
    db::idempotent("SELECT COALESCE(sum(rows), 0)::bigint AS rows FROM request_log_blocks");

std::string filtered_page_sql(const Filter& filter, std::size_t param_count) {
  const std::string limit = "$" + std::to_string(param_count - 1);
  const std::string offset = "$" + std::to_string(param_count);
  // The offset is walked over ids only (an index-only scan when the table is vacuumed),
  // and just one page of full rows is read.
  return std::string("SELECT id, epoch_us(logged_at) AS logged_at, log_level, message, COALESCE(client_ip, '') AS client_ip, "
                     "COALESCE(user_agent, '') AS user_agent, user_email") +
         kFromRequestLog + " WHERE id IN (SELECT id" + kFromRequestLog + filter.where + " ORDER BY id DESC LIMIT " +
         limit + " OFFSET " + offset + ") ORDER BY id DESC";
}

}  // namespace

LogPage read_logs(db::Executor& db, const LogQuery& query) {
  const Filter filter = make_filter(query);
  const bool unfiltered = filter.params.empty();
  std::vector<db::Param> params = filter.params;
  params.emplace_back(query.per_page);
  params.emplace_back((query.page - 1) * query.per_page);
  const db::Result rows = unfiltered ? db.exec(kSelectUnfilteredPage, params)
                                     : db.exec(db::idempotent(filtered_page_sql(filter, params.size())), params);

  LogPage page;
  for (auto row : rows) {
    page.logs.push_back({row.integer("id"), row.time("logged_at"), row.str("log_level"), row.str("message"),
                         row.str("client_ip"), row.str("user_agent"), row.opt_str("user_email")});
  }
  // Unfiltered, the total comes with the page (one snapshot), or alone past the last page.
  const auto [total, estimated] =
      !unfiltered      ? count_rows(db, filter)
      : !rows.empty()  ? std::pair{rows[0].integer("total_rows"), false}
                       : std::pair{db.exec(kCountAllRows).one_row().integer("rows"), false};
  page.total_pages = (total + query.per_page - 1) / query.per_page;
  page.total_is_estimate = estimated;
  return page;
}

}  // namespace t2o::account
