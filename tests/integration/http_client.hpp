#pragma once
// Test-side helpers for the integration suite: a small libcurl HTTP client with its own
// cookie jar, Set-Cookie parsing, the stack's environment, unique test identities, the
// caught-mail reader and a few request builders (JSON, urlencoded, multipart).
//
// Everything here talks to a running stack (nginx + handlers) brought up by deploy/up and
// described by the environment tests/run exports: T2O_BASE_URL, T2O_HTTP_BASE_URL,
// T2O_VAR_DIR, T2O_REPO_DIR, ADMIN_PASSWORD, T2O_AUTH_CHILDREN.
#include <json/json.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace t2o::it {

// --- environment ------------------------------------------------------------------------

struct Env {
  std::string base_url;       // T2O_BASE_URL (HTTPS through nginx)
  std::string http_base_url;  // T2O_HTTP_BASE_URL (plain HTTP through nginx)
  std::string var_dir;        // T2O_VAR_DIR
  std::string repo_dir;       // T2O_REPO_DIR
  std::string admin_password; // ADMIN_PASSWORD
  int auth_children = 0;      // T2O_AUTH_CHILDREN (0 when unset)
};

const Env& env();
// Empty when the environment is complete enough to talk to the stack, else what is missing.
std::string env_problem();

// --- responses --------------------------------------------------------------------------

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Response {
  std::string error;  // transport error (empty: the request got an HTTP answer)
  long status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // lower-case names
  std::vector<std::string> set_cookies;             // raw Set-Cookie values, in order
  std::optional<Json::Value> json;                   // parsed when the body is JSON

  explicit operator bool() const { return error.empty(); }
  bool has_header(const std::string& name) const;
  // First value of a header (name case-insensitive), "" when absent.
  std::string header(const std::string& name) const;
  // Raw Set-Cookie value for cookie NAME (the last one if several), nullopt when absent.
  std::optional<std::string> set_cookie(const std::string& name) const;
  // json()["message"] / ["error"] / ["success"] as text, for messages in assertions.
  std::string message() const;
  std::string describe() const;  // "HTTP 401 {...}" for failure output
};

// A parsed Set-Cookie line.
struct SetCookie {
  std::string name;
  std::string value;
  std::map<std::string, std::string> attributes;  // lower-case names; flags map to ""
  bool has(const std::string& attribute) const;    // case-insensitive
  std::string get(const std::string& attribute) const;
};
SetCookie parse_set_cookie(const std::string& raw);

// --- client -----------------------------------------------------------------------------

class Client {
 public:
  // base_url defaults to env().base_url.
  explicit Client(std::string base_url = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;

  Response get(const std::string& path, const Headers& headers = {});
  Response post(const std::string& path, const std::string& body = {},
                const std::string& content_type = "application/json", const Headers& headers = {});
  Response put(const std::string& path, const std::string& body = {},
               const std::string& content_type = "application/json", const Headers& headers = {});
  Response del(const std::string& path, const std::string& body = {},
               const std::string& content_type = "application/json", const Headers& headers = {});
  Response options(const std::string& path, const Headers& headers = {});
  // Any method; an empty content_type sends no Content-Type header.
  Response request(const std::string& method, const std::string& path, const std::string& body,
                   const std::string& content_type, const Headers& headers);

  Response post_json(const std::string& path, const Json::Value& body, const Headers& headers = {});

  // Cookie jar: updated from every response's Set-Cookie (Max-Age<=0 or an empty value
  // removes the cookie) and sent with every request.
  std::optional<std::string> cookie(const std::string& name) const;
  void set_cookie(const std::string& name, const std::string& value);
  void clear_cookies();
  const std::map<std::string, std::string>& cookies() const { return jar_; }

  // GET /csrf_token for the current session; "" (and the response in *out) on failure.
  std::string fetch_csrf_token(Response* out = nullptr);

  const std::string& base_url() const { return base_url_; }

  // Retry a request nginx refused with its own 429 (rate limit), up to ~10 s, so the
  // suite does not depend on the stack's T2O_AUTH_RATE. Handler 429s are never retried.
  bool retry_nginx_rate_limit = true;
  long timeout_ms = 30000;

 private:
  Response perform(const std::string& method, const std::string& path, const std::string& body,
                   const std::string& content_type, const Headers& headers);
  void absorb_cookies(const Response& response);

  std::string base_url_;
  void* curl_ = nullptr;  // CURL*
  std::map<std::string, std::string> jar_;
};

// --- request bodies -----------------------------------------------------------------------

std::string json_text(const Json::Value& value);
std::string urlencode_form(const std::vector<std::pair<std::string, std::string>>& fields);
struct Multipart {
  std::string body;
  std::string content_type;  // multipart/form-data; boundary=...
};
// As a browser's FormData: one part per field, CRLF line ends, a WebKit-style boundary.
Multipart multipart_form(const std::vector<std::pair<std::string, std::string>>& fields);

// --- identities ---------------------------------------------------------------------------

struct Identity {
  std::string first_name;
  std::string last_name;
  std::string username;
  std::string email;
  std::string password;
  Json::Value signup_json() const;
};
// Fresh username/email per call (pid, counter, time and random bits), valid per API.md.
Identity unique_identity(const std::string& tag = "u");

// --- mail ---------------------------------------------------------------------------------

struct Mail {
  std::string path;
  std::string raw;
  std::multimap<std::string, std::string> headers;  // lower-case names, unfolded values
  std::string header(const std::string& name) const;
};
std::string mail_dir();
// Every caught message whose To: header names `recipient` (case-insensitive), oldest first.
std::vector<Mail> mails_to(const std::string& recipient);
// Polls until a message To: recipient that is not in `known_paths` appears; nullopt on timeout.
std::optional<Mail> wait_for_mail(const std::string& recipient,
                                  std::chrono::milliseconds timeout = std::chrono::seconds(20),
                                  const std::vector<std::string>& known_paths = {});
std::vector<std::string> mail_paths(const std::vector<Mail>& mails);
// The token of the first /app/verify-email/<token> link in the message, "" when none.
std::string verification_token(const Mail& mail);

// --- flows ----------------------------------------------------------------------------------

// Signs the identity up, waits for the welcome mail and verifies the address. Returns ""
// on success, else a description of the step that failed.
std::string create_verified_user(Client& client, const Identity& id);
// POST /login as JSON.
Response login_json(Client& client, const std::string& username_or_email, const std::string& password);

// --- shell ----------------------------------------------------------------------------------

// Runs `$T2O_REPO_DIR/deploy/ctl ARG` with T2O_VAR_DIR in its environment; returns its exit
// status (-1 when it could not run) and its combined output in *output.
int run_ctl(const std::string& argument, std::string* output = nullptr);

}  // namespace t2o::it
