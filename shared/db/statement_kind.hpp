#pragma once
// Whether a statement only reads, judged from its SQL text. Caches of table data trust
// it: a statement judged a read must change nothing, so the test errs the other way. A
// statement reads only when it starts with SELECT, WITH, VALUES, SHOW or EXPLAIN and
// names no verb or function that writes (INSERT, UPDATE, DELETE, MERGE, TRUNCATE, COPY,
// pg_notify, nextval, setval) as a whole word anywhere, CTEs included. A new SQL function
// that writes, called from a SELECT, must be added to that list.
#include <string_view>

namespace t2o::db {

bool is_read_only(std::string_view sql);

}  // namespace t2o::db
