#pragma once
// Turns a Request into a Response for one route table: routing, session, CSRF and
// permission guards, the handler, error mapping and logging. Never throws.
#include "http/request.hpp"
#include "http/response.hpp"
#include "server/context.hpp"
#include "server/route.hpp"

namespace t2o {

Response dispatch(Services& services, Routes routes, Request& request);

}  // namespace t2o
