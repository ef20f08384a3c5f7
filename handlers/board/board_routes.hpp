#pragma once
// The board group's route handlers (API.md "Board group"), named by method and path.
// Each reads its inputs, calls one service function and shapes the answer.
#include "http/request.hpp"
#include "http/response.hpp"
#include "server/context.hpp"

namespace t2o::board {

// /boards
Response get_boards(Context& context, const Request& request);
Response post_boards(Context& context, const Request& request);
Response put_boards(Context& context, const Request& request);
Response delete_boards(Context& context, const Request& request);
// /boards/<board_id>
Response get_board(Context& context, const Request& request);
// /boards/<board_id>/columns
Response get_columns(Context& context, const Request& request);
Response post_columns(Context& context, const Request& request);
Response put_columns(Context& context, const Request& request);
Response delete_columns(Context& context, const Request& request);
// /columns/<column_id>/tickets
Response get_tickets(Context& context, const Request& request);
Response post_tickets(Context& context, const Request& request);
Response put_tickets(Context& context, const Request& request);
Response delete_tickets(Context& context, const Request& request);

}  // namespace t2o::board
