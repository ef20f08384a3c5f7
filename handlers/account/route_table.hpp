#pragma once
// The account group's routes as data: served by t2o-account, routed by nginx (generated from this
// table by t2o-routes), checked by tests/unit/route_policy_test.cpp.
#include "server/route.hpp"

namespace t2o::account {

const GroupTable& group_table();

}  // namespace t2o::account
