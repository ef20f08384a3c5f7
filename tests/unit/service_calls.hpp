#pragma once
// The unit tests call services the way the routes do: each in a transaction of its own,
// committed when it returns (a throw rolls back), and a refused login answered with the
// route's error. These overloads take the connection where the service takes the
// transaction, so a test reads `sign_up(*db, config, input)` and still exercises
// sign_up(tx, ...) itself.
#include "account/profile_service.hpp"
#include "auth/auth_service.hpp"
#include "auth/lockout.hpp"
#include "auth/password_reset_service.hpp"
#include "auth/twofa_service.hpp"
#include "db/connection.hpp"

namespace t2o::auth {

inline long long sign_up(db::Connection& db, const Config& config, const SignupInput& input) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return sign_up(tx, config, input); });
}

// As the route does: a refused token rolls back.
inline bool verify_email_token(db::Connection& db, const std::string& token) {
  db::Transaction tx(db);
  const bool verified = verify_email_token(tx, token);
  if (verified) tx.commit();
  return verified;
}

inline void resend_verification_email(db::Connection& db, const Config& config, const std::string& email) {
  db::in_transaction(db, [&](db::Transaction& tx) { resend_verification_email(tx, config, email); });
}

// Commits whatever the outcome, then throws the route's error for a refusal.
inline LoginResult log_in(db::Connection& db, SessionStore& sessions, const Config& config, const LoginInput& input) {
  const LoginOutcome outcome =
      db::in_transaction(db, [&](db::Transaction& tx) { return log_in(tx, sessions, config, input); });
  if (outcome.refusal) throw_refusal(*outcome.refusal);
  return *outcome.success;
}

inline void log_out(db::Connection& db, SessionStore& sessions, long long user_id, long long session_id) {
  db::in_transaction(db, [&](db::Transaction& tx) { log_out(tx, sessions, user_id, session_id); });
}

inline std::vector<std::string> enable_twofa(db::Connection& db, const Config& config, long long user_id,
                                             const std::string& code, std::time_t now) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return enable_twofa(tx, config, user_id, code, now); });
}

inline void disable_twofa(db::Connection& db, const Config& config, long long user_id, const std::string& code,
                          std::time_t now) {
  db::in_transaction(db, [&](db::Transaction& tx) { disable_twofa(tx, config, user_id, code, now); });
}

inline bool send_login_code(db::Connection& db, const Config& config, long long user_id, std::time_t now) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return send_login_code(tx, config, user_id, now); });
}

inline bool record_login_failure(db::Connection& db, long long user_id, std::time_t now) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return record_login_failure(tx, user_id, now); });
}

inline void request_password_reset(db::Connection& db, const Config& config, const std::string& email,
                                   std::time_t now) {
  db::in_transaction(db, [&](db::Transaction& tx) { request_password_reset(tx, config, email, now); });
}

inline void reset_password(db::Connection& db, SessionStore& sessions, const std::string& token,
                           const std::string& email, const std::string& new_password, std::time_t now) {
  db::in_transaction(db, [&](db::Transaction& tx) { reset_password(tx, sessions, token, email, new_password, now); });
}

}  // namespace t2o::auth

namespace t2o::account {

inline void update_profile(db::Connection& db, SessionStore& sessions, const Config& config, const AuditActor& actor,
                           long long actor_session_id, const ProfileUpdate& update) {
  db::in_transaction(db,
                     [&](db::Transaction& tx) { update_profile(tx, sessions, config, actor, actor_session_id, update); });
}

}  // namespace t2o::account

#include "board/board_service.hpp"
#include "board/column_service.hpp"
#include "board/ticket_service.hpp"

namespace t2o::board {

inline long long create_board(db::Connection& db, std::string_view name) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return create_board(tx, name); });
}
inline BoardSummary rename_board(db::Connection& db, long long board_id, std::string_view name) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return rename_board(tx, board_id, name); });
}
inline void delete_board(db::Connection& db, long long board_id) {
  db::in_transaction(db, [&](db::Transaction& tx) { delete_board(tx, board_id); });
}
inline long long create_column(db::Connection& db, long long board_id, std::string_view name,
                               std::optional<long long> position) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return create_column(tx, board_id, name, position); });
}
inline Column update_column(db::Connection& db, long long board_id, long long column_id, const ColumnChange& change) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return update_column(tx, board_id, column_id, change); });
}
inline void delete_column(db::Connection& db, long long board_id, long long column_id) {
  db::in_transaction(db, [&](db::Transaction& tx) { delete_column(tx, board_id, column_id); });
}
inline long long create_ticket(db::Connection& db, long long column_id, const NewTicket& ticket) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return create_ticket(tx, column_id, ticket); });
}
inline TicketState update_ticket(db::Connection& db, long long column_id, long long ticket_id,
                                 const TicketChange& change) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return update_ticket(tx, column_id, ticket_id, change); });
}
inline void delete_ticket(db::Connection& db, long long column_id, long long ticket_id) {
  db::in_transaction(db, [&](db::Transaction& tx) { delete_ticket(tx, column_id, ticket_id); });
}

}  // namespace t2o::board

#include "billing/webhook_service.hpp"

namespace t2o::billing {

inline WebhookOutcome process_event(db::Connection& db, const Json::Value& event) {
  return db::in_transaction(db, [&](db::Transaction& tx) { return process_event(tx, event); });
}

}  // namespace t2o::billing
