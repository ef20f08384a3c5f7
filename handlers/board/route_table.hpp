#pragma once
// The board group's routes as data: served by t2o-board, routed by nginx (generated from this
// table by t2o-routes), checked by tests/unit/route_policy_test.cpp.
#include "server/route.hpp"

namespace t2o::board {

const GroupTable& group_table();

}  // namespace t2o::board
