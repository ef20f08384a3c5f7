#pragma once
// GET /metrics/<group>: the group's counters plus what only the database knows (the mail
// outbox's depth and failures). nginx marks the request with the FastCGI parameter
// T2O_METRICS=1 and lets only localhost reach it (nginx/metrics.conf, written by deploy/up);
// no client can set a FastCGI parameter, and no route answers it.
#include "db/connection.hpp"
#include "http/response.hpp"
#include "metrics/group_metrics.hpp"

namespace t2o {

Response metrics_response(const GroupMetrics& metrics, db::Connection& db);

}  // namespace t2o
