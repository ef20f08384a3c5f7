#include "http_client.hpp"

#include <curl/curl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "util/text.hpp"

namespace t2o::it {
namespace {

struct CurlGlobal {
  CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
  ~CurlGlobal() { curl_global_cleanup(); }
};
const CurlGlobal kCurlGlobal;

std::string getenv_or_empty(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string strip_trailing_slash(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

std::string lower(std::string_view s) { return text::to_lower(s); }

std::string trim_copy(std::string_view s) { return std::string(text::trim(s)); }

std::optional<Json::Value> parse_json(const std::string& body) {
  const std::string trimmed = trim_copy(body);
  if (trimmed.empty() || (trimmed.front() != '{' && trimmed.front() != '[')) return std::nullopt;
  Json::CharReaderBuilder builder;
  Json::CharReaderBuilder::strictMode(&builder.settings_);
  std::unique_ptr<Json::CharReader> reader(builder.newCharReader());
  Json::Value value;
  std::string errors;
  try {
    if (!reader->parse(trimmed.data(), trimmed.data() + trimmed.size(), &value, &errors)) return std::nullopt;
  } catch (const Json::Exception&) {  // e.g. nesting deeper than jsoncpp's stack limit
    return std::nullopt;
  }
  return value;
}

size_t write_body(char* data, size_t size, size_t count, void* user) {
  static_cast<Response*>(user)->body.append(data, size * count);
  return size * count;
}

size_t write_header(char* data, size_t size, size_t count, void* user) {
  auto* response = static_cast<Response*>(user);
  std::string line(data, size * count);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {
    // A new response block (after a 100 Continue, say): only the last one counts.
    response->headers.clear();
    response->set_cookies.clear();
    return size * count;
  }
  const auto colon = line.find(':');
  if (colon == std::string::npos) return size * count;
  std::string name = lower(trim_copy(std::string_view(line).substr(0, colon)));
  std::string value = trim_copy(std::string_view(line).substr(colon + 1));
  if (name == "set-cookie") response->set_cookies.push_back(value);
  response->headers.emplace(std::move(name), std::move(value));
  return size * count;
}

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string random_hex(size_t bytes) {
  static thread_local std::mt19937_64 engine{std::random_device{}() ^
                                             static_cast<uint64_t>(std::chrono::steady_clock::now()
                                                                       .time_since_epoch()
                                                                       .count())};
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < bytes; ++i) {
    const auto b = static_cast<unsigned>(engine() & 0xff);
    out += digits[b >> 4];
    out += digits[b & 0xf];
  }
  return out;
}

bool address_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-' || c == '+' ||
         c == '@' || c == '%';
}

// True when `haystack` (lower-case) names address `needle` (lower-case) as a whole address.
bool names_address(const std::string& haystack, const std::string& needle) {
  for (size_t pos = haystack.find(needle); pos != std::string::npos; pos = haystack.find(needle, pos + 1)) {
    const bool start_ok = pos == 0 || !address_char(haystack[pos - 1]);
    const size_t end = pos + needle.size();
    const bool end_ok = end == haystack.size() || !address_char(haystack[end]);
    if (start_ok && end_ok) return true;
  }
  return false;
}

std::optional<Mail> read_mail(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  Mail mail;
  mail.path = path.string();
  mail.raw = content.str();
  // Header block: up to the first empty line; unfold continuation lines.
  std::istringstream lines(mail.raw);
  std::string line, name, value;
  auto flush = [&] {
    if (!name.empty()) mail.headers.emplace(lower(name), trim_copy(value));
    name.clear();
    value.clear();
  };
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      value += " " + trim_copy(line);
      continue;
    }
    flush();
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    name = line.substr(0, colon);
    value = line.substr(colon + 1);
  }
  flush();
  return mail;
}

}  // namespace

// --- environment ------------------------------------------------------------------------

const Env& env() {
  static const Env loaded = [] {
    Env e;
    e.base_url = strip_trailing_slash(getenv_or_empty("T2O_BASE_URL"));
    e.http_base_url = strip_trailing_slash(getenv_or_empty("T2O_HTTP_BASE_URL"));
    e.var_dir = getenv_or_empty("T2O_VAR_DIR");
    e.repo_dir = getenv_or_empty("T2O_REPO_DIR");
    e.admin_password = getenv_or_empty("ADMIN_PASSWORD");
    if (auto n = text::parse_int(getenv_or_empty("T2O_AUTH_CHILDREN")); n && *n > 0) {
      e.auth_children = static_cast<int>(*n);
    }
    return e;
  }();
  return loaded;
}

std::string env_problem() {
  std::string missing;
  if (env().base_url.empty()) missing += " T2O_BASE_URL";
  if (env().http_base_url.empty()) missing += " T2O_HTTP_BASE_URL";
  if (env().var_dir.empty()) missing += " T2O_VAR_DIR";
  if (missing.empty()) return {};
  return "missing environment:" + missing + " (run the suite through tests/run, which brings the stack up)";
}

// --- responses --------------------------------------------------------------------------

bool Response::has_header(const std::string& name) const { return headers.count(lower(name)) > 0; }

std::string Response::header(const std::string& name) const {
  const auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

std::optional<std::string> Response::set_cookie(const std::string& name) const {
  std::optional<std::string> found;
  for (const auto& raw : set_cookies) {
    if (parse_set_cookie(raw).name == name) found = raw;
  }
  return found;
}

std::string Response::message() const {
  if (!json || !json->isObject() || !json->isMember("message")) return {};
  const Json::Value& m = (*json)["message"];
  return m.isString() ? m.asString() : json_text(m);
}

std::string Response::describe() const {
  if (!error.empty()) return "transport error: " + error;
  std::string shown = body.size() > 600 ? body.substr(0, 600) + "..." : body;
  return "HTTP " + std::to_string(status) + " " + shown;
}

bool SetCookie::has(const std::string& attribute) const { return attributes.count(lower(attribute)) > 0; }

std::string SetCookie::get(const std::string& attribute) const {
  const auto it = attributes.find(lower(attribute));
  return it == attributes.end() ? std::string() : it->second;
}

SetCookie parse_set_cookie(const std::string& raw) {
  SetCookie cookie;
  bool first = true;
  for (std::string_view part : text::split(raw, ';')) {
    const std::string item = trim_copy(part);
    const auto eq = item.find('=');
    if (first) {
      first = false;
      cookie.name = trim_copy(std::string_view(item).substr(0, eq));
      if (eq != std::string::npos) cookie.value = trim_copy(std::string_view(item).substr(eq + 1));
      continue;
    }
    if (item.empty()) continue;
    if (eq == std::string::npos) {
      cookie.attributes[lower(item)] = "";
    } else {
      cookie.attributes[lower(trim_copy(std::string_view(item).substr(0, eq)))] =
          trim_copy(std::string_view(item).substr(eq + 1));
    }
  }
  return cookie;
}

// --- client -----------------------------------------------------------------------------

Client::Client(std::string base_url)
    : base_url_(strip_trailing_slash(base_url.empty() ? env().base_url : std::move(base_url))),
      curl_(curl_easy_init()) {}

Client::~Client() {
  if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
}

Client::Client(Client&& other) noexcept
    : retry_nginx_rate_limit(other.retry_nginx_rate_limit),
      timeout_ms(other.timeout_ms),
      base_url_(std::move(other.base_url_)),
      curl_(std::exchange(other.curl_, nullptr)),
      jar_(std::move(other.jar_)) {}

Client& Client::operator=(Client&& other) noexcept {
  if (this != &other) {
    if (curl_) curl_easy_cleanup(static_cast<CURL*>(curl_));
    retry_nginx_rate_limit = other.retry_nginx_rate_limit;
    timeout_ms = other.timeout_ms;
    base_url_ = std::move(other.base_url_);
    curl_ = std::exchange(other.curl_, nullptr);
    jar_ = std::move(other.jar_);
  }
  return *this;
}

Response Client::get(const std::string& path, const Headers& headers) {
  return request("GET", path, {}, {}, headers);
}
Response Client::post(const std::string& path, const std::string& body, const std::string& content_type,
                      const Headers& headers) {
  return request("POST", path, body, content_type, headers);
}
Response Client::put(const std::string& path, const std::string& body, const std::string& content_type,
                     const Headers& headers) {
  return request("PUT", path, body, content_type, headers);
}
Response Client::del(const std::string& path, const std::string& body, const std::string& content_type,
                     const Headers& headers) {
  return request("DELETE", path, body, content_type, headers);
}
Response Client::options(const std::string& path, const Headers& headers) {
  return request("OPTIONS", path, {}, {}, headers);
}
Response Client::post_json(const std::string& path, const Json::Value& body, const Headers& headers) {
  return post(path, json_text(body), "application/json", headers);
}

Response Client::request(const std::string& method, const std::string& path, const std::string& body,
                         const std::string& content_type, const Headers& headers) {
  Response response = perform(method, path, body, content_type, headers);
  // nginx's own 429 (limit_req) carries no handler header; wait and retry it.
  for (int attempt = 0; retry_nginx_rate_limit && response && response.status == 429 &&
                        !response.has_header("x-handler-pid") && attempt < 40;
       ++attempt) {
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    response = perform(method, path, body, content_type, headers);
  }
  if (response) absorb_cookies(response);
  return response;
}

Response Client::perform(const std::string& method, const std::string& path, const std::string& body,
                         const std::string& content_type, const Headers& headers) {
  Response response;
  auto* curl = static_cast<CURL*>(curl_);
  if (!curl) {
    response.error = "curl_easy_init failed";
    return response;
  }
  curl_easy_reset(curl);
  const std::string url = base_url_ + path;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "t2o-integration-tests/1");

  // The stack's certificate is self-signed: trust exactly it when we can read it.
  const std::string ca = env().var_dir.empty() ? std::string() : env().var_dir + "/tls/cert.pem";
  std::error_code ec;
  if (!ca.empty() && std::filesystem::is_regular_file(ca, ec)) {
    curl_easy_setopt(curl, CURLOPT_CAINFO, ca.c_str());
  } else {
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 0L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 0L);
  }

  if (method == "GET") {
    curl_easy_setopt(curl, CURLOPT_HTTPGET, 1L);
  } else if (method == "HEAD") {
    curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
  } else if (method == "POST" || !body.empty()) {
    curl_easy_setopt(curl, CURLOPT_POST, 1L);
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    if (method != "POST") curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  } else {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method.c_str());
  }

  curl_slist* list = nullptr;
  bool sent_content_type = false;
  for (const auto& [name, value] : headers) {
    if (text::iequals(name, "content-type")) sent_content_type = true;
    list = curl_slist_append(list, (name + ": " + value).c_str());
  }
  if (!sent_content_type) {
    // libcurl adds its own form Content-Type to POSTs; "Content-Type:" removes it.
    list = curl_slist_append(list, content_type.empty() ? "Content-Type:"
                                                        : ("Content-Type: " + content_type).c_str());
  }
  bool sent_cookie = false;
  for (const auto& [name, value] : headers) sent_cookie = sent_cookie || text::iequals(name, "cookie");
  if (!jar_.empty() && !sent_cookie) {
    std::string cookie_header = "Cookie: ";
    bool first = true;
    for (const auto& [name, value] : jar_) {
      cookie_header += (first ? "" : "; ") + name + "=" + value;
      first = false;
    }
    list = curl_slist_append(list, cookie_header.c_str());
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, write_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, write_header);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &response);

  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error_buffer);
  const CURLcode code = curl_easy_perform(curl);
  curl_slist_free_all(list);
  if (code != CURLE_OK) {
    response.error = method + " " + url + ": " + curl_easy_strerror(code) +
                     (error_buffer[0] ? std::string(" (") + error_buffer + ")" : std::string());
    return response;
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &response.status);
  response.json = parse_json(response.body);
  return response;
}

void Client::absorb_cookies(const Response& response) {
  for (const auto& raw : response.set_cookies) {
    const SetCookie cookie = parse_set_cookie(raw);
    if (cookie.name.empty()) continue;
    bool expired = cookie.value.empty();
    if (cookie.has("max-age")) {
      const auto age = text::parse_int(cookie.get("max-age"));
      if (age && *age <= 0) expired = true;
    } else if (cookie.has("expires")) {
      const time_t when = curl_getdate(cookie.get("expires").c_str(), nullptr);
      if (when != -1 && when <= std::time(nullptr)) expired = true;
    }
    if (expired) {
      jar_.erase(cookie.name);
    } else {
      jar_[cookie.name] = cookie.value;
    }
  }
}

std::optional<std::string> Client::cookie(const std::string& name) const {
  const auto it = jar_.find(name);
  if (it == jar_.end()) return std::nullopt;
  return it->second;
}

void Client::set_cookie(const std::string& name, const std::string& value) { jar_[name] = value; }

void Client::clear_cookies() { jar_.clear(); }

std::string Client::fetch_csrf_token(Response* out) {
  Response response = get("/csrf_token");
  std::string token;
  if (response && response.status == 200 && response.json && (*response.json)["csrf_token"].isString()) {
    token = (*response.json)["csrf_token"].asString();
  }
  if (out) *out = std::move(response);
  return token;
}

// --- request bodies -----------------------------------------------------------------------

std::string json_text(const Json::Value& value) {
  Json::StreamWriterBuilder builder;
  builder["indentation"] = "";
  builder["emitUTF8"] = true;
  return Json::writeString(builder, value);
}

std::string urlencode_form(const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (const auto& [name, value] : fields) {
    if (!out.empty()) out += '&';
    out += text::url_encode(name) + "=" + text::url_encode(value);
  }
  return out;
}

Multipart multipart_form(const std::vector<std::pair<std::string, std::string>>& fields) {
  // What Chrome sends for `fetch(url, {method: "POST", body: new FormData(form)})`.
  const std::string boundary = "----WebKitFormBoundary" + random_hex(8);
  Multipart form;
  for (const auto& [name, value] : fields) {
    form.body += "--" + boundary + "\r\n";
    form.body += "Content-Disposition: form-data; name=\"" + name + "\"\r\n\r\n";
    form.body += value + "\r\n";
  }
  form.body += "--" + boundary + "--\r\n";
  form.content_type = "multipart/form-data; boundary=" + boundary;
  return form;
}

// --- identities ---------------------------------------------------------------------------

Json::Value Identity::signup_json() const {
  Json::Value body;
  body["first_name"] = first_name;
  body["last_name"] = last_name;
  body["username"] = username;
  body["email"] = email;
  body["password"] = password;
  return body;
}

Identity unique_identity(const std::string& tag) {
  static std::atomic<int> counter{0};
  const int n = ++counter;
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  Identity id;
  id.username = "it_" + tag + "_" + std::to_string(::getpid()) + "_" + std::to_string(n) + "_" +
                std::to_string(seconds % 100000) + random_hex(3);
  id.email = id.username + "@example.com";
  id.first_name = "Ada";
  id.last_name = "Tester";
  id.password = "Pw-" + random_hex(4) + "-Xy9!";
  return id;
}

// --- mail ---------------------------------------------------------------------------------

std::string Mail::header(const std::string& name) const {
  const auto it = headers.find(lower(name));
  return it == headers.end() ? std::string() : it->second;
}

std::string mail_dir() { return env().var_dir + "/mail"; }

std::vector<Mail> mails_to(const std::string& recipient) {
  std::vector<Mail> found;
  const std::string wanted = lower(recipient);
  std::error_code ec;
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator(mail_dir(), ec)) {
    const auto& p = entry.path();
    if (p.extension() == ".eml" && p.filename().string().front() != '.') paths.push_back(p);
  }
  // The catcher names files <time_ns>-<counter>.eml: name order is arrival order.
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    auto mail = read_mail(p);
    if (!mail) continue;
    for (auto [it, end] = mail->headers.equal_range("to"); it != end; ++it) {
      if (names_address(lower(it->second), wanted)) {
        found.push_back(std::move(*mail));
        break;
      }
    }
  }
  return found;
}

std::vector<std::string> mail_paths(const std::vector<Mail>& mails) {
  std::vector<std::string> paths;
  for (const auto& m : mails) paths.push_back(m.path);
  return paths;
}

std::optional<Mail> wait_for_mail(const std::string& recipient, std::chrono::milliseconds timeout,
                                  const std::vector<std::string>& known_paths) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (true) {
    for (auto& mail : mails_to(recipient)) {
      if (std::find(known_paths.begin(), known_paths.end(), mail.path) == known_paths.end()) return mail;
    }
    if (std::chrono::steady_clock::now() >= deadline) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

std::string verification_token(const Mail& mail) {
  // The mail links to the dashboard's page, which calls GET /verify_email/<token>.
  static const std::regex link("/app/verify-email/([A-Za-z0-9_-]+)");
  std::smatch match;
  if (std::regex_search(mail.raw, match, link)) return match[1].str();
  return {};
}

// --- flows ----------------------------------------------------------------------------------

std::string create_verified_user(Client& client, const Identity& id) {
  const Response signup = client.post_json("/signup", id.signup_json());
  if (!signup) return "POST /signup: " + signup.error;
  if (signup.status != 201) return "POST /signup: expected 201, got " + signup.describe();
  const auto mail = wait_for_mail(id.email);
  if (!mail) return "no welcome mail to " + id.email + " in " + mail_dir() + " within 20 s";
  const std::string token = verification_token(*mail);
  if (token.empty()) return "no /app/verify-email/<token> link in " + mail->path;
  const Response verify = client.get("/verify_email/" + token);
  if (!verify) return "GET /verify_email: " + verify.error;
  if (verify.status != 200) return "GET /verify_email/<token>: expected 200, got " + verify.describe();
  return {};
}

Response login_json(Client& client, const std::string& username_or_email, const std::string& password) {
  Json::Value body;
  body["username_or_email"] = username_or_email;
  body["password"] = password;
  return client.post_json("/login", body);
}

// --- shell ----------------------------------------------------------------------------------

int run_ctl(const std::string& argument, std::string* output) {
  const std::string command = "T2O_VAR_DIR=" + shell_quote(env().var_dir) + " " +
                              shell_quote(env().repo_dir + "/deploy/ctl") + " " + shell_quote(argument) +
                              " 2>&1";
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return -1;
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) text.append(buffer, n);
  const int status = ::pclose(pipe);
  if (output) *output = text;
  if (status == -1) return -1;
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace t2o::it
