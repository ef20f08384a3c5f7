// Unit tests for log/request_log_writer (batched request-log rows and session last-seen
// updates from a background thread) and log/log_record, plus the rows dispatch produces.
#include "log/request_log_writer.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "errors/http_error.hpp"
#include "log/log_record.hpp"
#include "server/dispatch.hpp"
#include "test_database.hpp"
#include "test_support.hpp"

namespace t2o {
namespace {

using t2o::testing::count_rows;

LogRecord record(int index) {
  LogRecord r;
  r.level = "INFO";
  r.message = "GET /item/" + std::to_string(index) + " 200";
  r.request_id = "req-" + std::to_string(index);
  r.group = "auth";
  r.method = "GET";
  r.path = "/item/" + std::to_string(index);
  r.status = 200 + index;
  r.duration_ms = 1.25 + index;
  r.client_ip = "192.0.2." + std::to_string(index);
  r.user_agent = "agent " + std::to_string(index);
  return r;
}

class RequestLogWriterTest : public t2o::testing::DatabaseTest {
 protected:
  long long log_rows() { return count_rows(*db, "SELECT count(*) FROM request_log"); }
};

TEST_F(RequestLogWriterTest, FlushWritesEveryQueuedRowWithItsFields) {
  RequestLogWriter writer(t2o::testing::test_database_url());
  const long long user = t2o::testing::insert_user(*db, "logged", "logged@example.test");
  for (int i = 0; i < 5; ++i) {
    LogRecord r = record(i);
    if (i == 3) {
      r.level = "ERROR";
      r.user_id = user;
      r.user_email = "logged@example.test";
      r.logged_at = UtcTime{1700000000123456};  // 2023-11-14T22:13:20.123456Z
    }
    writer.enqueue(std::move(r));
  }
  writer.flush();
  ASSERT_EQ(log_rows(), 5);

  auto row = db->exec(
                   "SELECT log_level, message, request_id, handler_group, method, path, status, duration_ms::float8, "
                   "client_ip, user_agent, user_id, user_email, "
                   "to_char(logged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US') "
                   "FROM request_log WHERE request_id = 'req-3'")
                 .one_row();
  EXPECT_EQ(row.str(0), "ERROR");
  EXPECT_EQ(row.str(1), "GET /item/3 200");
  EXPECT_EQ(row.str(2), "req-3");
  EXPECT_EQ(row.str(3), "auth");
  EXPECT_EQ(row.str(4), "GET");
  EXPECT_EQ(row.str(5), "/item/3");
  EXPECT_EQ(row.integer(6), 203);
  EXPECT_NEAR(row.real(7), 4.25, 1e-3);
  EXPECT_EQ(row.str(8), "192.0.2.3");
  EXPECT_EQ(row.str(9), "agent 3");
  EXPECT_EQ(row.integer(10), user);
  EXPECT_EQ(row.str(11), "logged@example.test");
  EXPECT_EQ(row.str(12), "2023-11-14T22:13:20.123456");

  // Rows without a user carry NULLs, and get the time they were queued.
  auto anonymous = db->exec(
                         "SELECT user_id IS NULL, user_email IS NULL, abs(extract(epoch FROM now() - logged_at)) "
                         "FROM request_log WHERE request_id = 'req-1'")
                       .one_row();
  EXPECT_TRUE(anonymous.boolean(0));
  EXPECT_TRUE(anonymous.boolean(1));
  EXPECT_LT(anonymous.real(2), 60.0);
  EXPECT_EQ(count_rows(*db, "SELECT count(DISTINCT request_id) FROM request_log"), 5);
}

TEST_F(RequestLogWriterTest, ManyRowsAreWrittenInBatches) {
  RequestLogWriter writer(t2o::testing::test_database_url());
  const int total = static_cast<int>(RequestLogWriter::kBatchRows) * 2 + 37;
  for (int i = 0; i < total; ++i) writer.enqueue(record(i % 50));
  writer.flush();
  EXPECT_EQ(log_rows(), total);
}

TEST_F(RequestLogWriterTest, LongFieldsAreCut) {
  RequestLogWriter writer(t2o::testing::test_database_url());
  LogRecord r = record(1);
  r.path = "/" + std::string(5000, 'p');
  r.user_agent = std::string(1000, 'a');
  writer.enqueue(r);
  writer.flush();
  auto row = db->exec("SELECT length(path), length(user_agent) FROM request_log").one_row();
  EXPECT_EQ(row.integer(0), 2048);
  EXPECT_EQ(row.integer(1), 512);
}

// Regression test (fixed bug in shared/log/request_log_writer.cpp, write_rows): request_log has varchar(10) method,
// varchar(40) request_id, varchar(20) handler_group and varchar(10) log_level, but only path
// and user_agent are cut before the INSERT. nginx passes unknown request methods through,
// so one request like `PROPPATCHXYZ / HTTP/1.1` makes the whole multi-row INSERT fail
// (22001) and drops up to kBatchRows rows of *other* requests: a cheap way to erase one's
// traces from the log. Enable once write_rows cuts every bounded column (or the columns
// become text).
TEST_F(RequestLogWriterTest, OneOversizedFieldDoesNotLoseTheBatch) {
  RequestLogWriter writer(t2o::testing::test_database_url());
  for (int i = 0; i < 3; ++i) writer.enqueue(record(i));
  LogRecord hostile = record(3);
  hostile.method = "PROPPATCHXYZ";
  hostile.request_id = std::string(100, 'r');
  writer.enqueue(hostile);
  for (int i = 4; i < 6; ++i) writer.enqueue(record(i));
  writer.flush();
  EXPECT_EQ(log_rows(), 6);
}

// Same failure mode with bytes that are not UTF-8: nginx hands the *decoded* path
// (DOCUMENT_URI), so `GET /%ff` reaches the log as the byte 0xff, and User-Agent is sent
// as-is; PostgreSQL refuses the multi-row INSERT (22021) and the neighbours' rows are lost.
// (The byte-wise substr(0, 512) of a long UTF-8 user agent can cut a character in half
// too.) Enable once write_rows makes text fields valid UTF-8 (or stores them as bytea).
TEST_F(RequestLogWriterTest, InvalidUtf8DoesNotLoseTheBatch) {
  RequestLogWriter writer(t2o::testing::test_database_url());
  writer.enqueue(record(0));
  LogRecord hostile = record(1);
  hostile.path = "/\xff\xfe";
  hostile.user_agent = std::string(511, 'a') + "\xc3\xa9";  // "é" cut in half at 512 bytes
  writer.enqueue(hostile);
  writer.enqueue(record(2));
  writer.flush();
  EXPECT_EQ(log_rows(), 3);
}

TEST_F(RequestLogWriterTest, CopyEscapesSeparatorsAndBackslashesExactly) {
  RequestLogWriter writer(t2o::testing::test_database_url());
  LogRecord tricky = record(7);
  tricky.user_agent = "tab\there\nnew line\\back\\N\rend";
  tricky.path = "/a\\N";  // must not become NULL
  writer.enqueue(tricky);
  writer.flush();
  auto row = db->exec("SELECT user_agent, path FROM request_log WHERE request_id = 'req-7'").one_row();
  EXPECT_EQ(row.str(0), tricky.user_agent);
  EXPECT_EQ(row.str(1), tricky.path);
}

TEST_F(RequestLogWriterTest, FlushWithNothingQueuedReturns) {
  RequestLogWriter writer(t2o::testing::test_database_url());
  writer.flush();
  writer.flush();
  EXPECT_EQ(log_rows(), 0);
}

TEST_F(RequestLogWriterTest, DestructorWritesWhatIsQueued) {
  {
    RequestLogWriter writer(t2o::testing::test_database_url());
    for (int i = 0; i < 3; ++i) writer.enqueue(record(i));
  }
  EXPECT_EQ(log_rows(), 3);
}

// stderr lines queued by requests reach stderr whole and in order, from the writer's
// thread, by the next flush; stderr is a file here, so the test can read it back.
TEST_F(RequestLogWriterTest, QueuedStderrLinesAreWrittenInOrder) {
  char path[] = "/tmp/t2o-stderr-XXXXXX";
  const int file = mkstemp(path);
  ASSERT_GE(file, 0);
  const int saved = dup(STDERR_FILENO);
  dup2(file, STDERR_FILENO);
  {
    RequestLogWriter writer(t2o::testing::test_database_url());
    for (int i = 0; i < 500; ++i) writer.enqueue_line("line " + std::to_string(i) + "\n");
    EXPECT_TRUE(writer.flush(std::chrono::milliseconds(5000)));
  }
  dup2(saved, STDERR_FILENO);
  close(saved);
  std::string expected;
  for (int i = 0; i < 500; ++i) expected += "line " + std::to_string(i) + "\n";
  std::string written(static_cast<std::size_t>(lseek(file, 0, SEEK_END)), '\0');
  ASSERT_EQ(pread(file, written.data(), written.size(), 0), static_cast<ssize_t>(written.size()));
  close(file);
  unlink(path);
  EXPECT_EQ(written, expected);
}

TEST_F(RequestLogWriterTest, TouchSessionUpdatesLastSeen) {
  RequestLogWriter writer(t2o::testing::test_database_url());
  const long long user = t2o::testing::insert_user(*db, "toucher", "toucher@example.test");
  const NewSession touched = t2o::testing::open_session(*db, *sessions, user);
  const NewSession untouched = t2o::testing::open_session(*db, *sessions, user);
  db->exec("UPDATE sessions SET last_seen_at = now() - interval '1 hour'");

  writer.touch_session(touched.id);
  writer.flush();
  const char* const age = "SELECT extract(epoch FROM now() - last_seen_at)::float8 FROM sessions WHERE id = $1";
  EXPECT_LT(db->exec(age, {touched.id}).one_row().real(0), 60.0);
  EXPECT_GT(db->exec(age, {untouched.id}).one_row().real(0), 3500.0);
}

TEST_F(RequestLogWriterTest, SessionStoreTouchesThroughTheWriter) {
  RequestLogWriter writer(t2o::testing::test_database_url());
  sessions->set_touch_sink([&writer](long long id) { writer.touch_session(id); });
  const long long user = t2o::testing::insert_user(*db, "toucher", "toucher@example.test");
  const NewSession session = t2o::testing::open_session(*db, *sessions, user);
  db->exec("UPDATE sessions SET last_seen_at = now() - interval '1 hour'");

  ASSERT_TRUE(sessions->find(session.token));
  writer.flush();
  EXPECT_LT(
      db->exec("SELECT extract(epoch FROM now() - last_seen_at)::float8 FROM sessions WHERE id = $1", {session.id})
          .one_row()
          .real(0),
      60.0);
}

// ---- rows produced by dispatch -----------------------------------------------------------

Response whoami(Context& context, const Request&) { return success(context.require_session().user_email); }
Response explode(Context&, const Request&) { throw std::runtime_error("disk on fire"); }
Response refuse(Context&, const Request&) { throw BadRequest("nope"); }

const Route kRoutes[] = {
    {Method::Get, "/whoami", whoami, kSession},
    {Method::Get, "/explode", explode, kPublic},
    {Method::Get, "/refuse", refuse, kPublic},
};

class DispatchLogTest : public RequestLogWriterTest {
 protected:
  void SetUp() override {
    RequestLogWriterTest::SetUp();
    if (HasFatalFailure()) return;
    writer = std::make_unique<RequestLogWriter>(t2o::testing::test_database_url());
    services = std::make_unique<Services>(Services{config, *db, *sessions, writer.get(), "unit"});
  }
  void TearDown() override {
    services.reset();
    writer.reset();
  }

  Response run(Request request) { return dispatch(*services, kRoutes, request); }

  std::unique_ptr<RequestLogWriter> writer;
  std::unique_ptr<Services> services;
};

TEST_F(DispatchLogTest, EachRequestIsLoggedWithTheUser) {
  const long long user = t2o::testing::insert_user(*db, "viewer", "viewer@example.test");
  const NewSession session = t2o::testing::open_session(*db, *sessions, user);
  Request request = t2o::testing::make_request(Method::Get, "/whoami");
  request.cookies[kSessionCookie] = session.token;
  request.request_id = "rid-1";
  ASSERT_EQ(run(request).status, 200);
  ASSERT_EQ(run(t2o::testing::make_request(Method::Get, "/nowhere")).status, 404);
  writer->flush();

  ASSERT_EQ(log_rows(), 2);
  auto row = db->exec(
                   "SELECT log_level, message, handler_group, method, path, status, client_ip, user_agent, "
                   "user_id, user_email, request_id FROM request_log WHERE path = '/whoami'")
                 .one_row();
  EXPECT_EQ(row.str(0), "INFO");
  EXPECT_EQ(row.str(1), "GET /whoami 200");
  EXPECT_EQ(row.str(2), "unit");
  EXPECT_EQ(row.str(3), "GET");
  EXPECT_EQ(row.str(4), "/whoami");
  EXPECT_EQ(row.integer(5), 200);
  EXPECT_EQ(row.str(6), "198.51.100.1");
  EXPECT_EQ(row.str(7), "unit-test-agent");
  EXPECT_EQ(row.integer(8), user);
  EXPECT_EQ(row.str(9), "viewer@example.test");
  EXPECT_EQ(row.str(10), "rid-1");

  auto missing = db->exec("SELECT status, user_id IS NULL FROM request_log WHERE path = '/nowhere'").one_row();
  EXPECT_EQ(missing.integer(0), 404);
  EXPECT_TRUE(missing.boolean(1));
}

TEST_F(DispatchLogTest, UnexpectedErrorIsLoggedAtErrorWithDetail) {
  ASSERT_EQ(run(t2o::testing::make_request(Method::Get, "/explode")).status, 500);
  ASSERT_EQ(run(t2o::testing::make_request(Method::Get, "/refuse")).status, 400);
  writer->flush();
  EXPECT_EQ(db->exec("SELECT log_level || ' ' || message FROM request_log WHERE path = '/explode'").one_row().str(0),
            "ERROR GET /explode 500: disk on fire");
  EXPECT_EQ(db->exec("SELECT log_level || ' ' || message FROM request_log WHERE path = '/refuse'").one_row().str(0),
            "INFO GET /refuse 400");
}

TEST_F(DispatchLogTest, RouteAccessLoggingCanBeTurnedOffButErrorsStay) {
  config.log_route_access = false;
  ASSERT_EQ(run(t2o::testing::make_request(Method::Get, "/refuse")).status, 400);
  ASSERT_EQ(run(t2o::testing::make_request(Method::Get, "/explode")).status, 500);
  writer->flush();
  ASSERT_EQ(log_rows(), 1);
  EXPECT_EQ(db->exec("SELECT path FROM request_log").one_row().str(0), "/explode");
}

// ---- format_log_line ------------------------------------------------------------------

TEST(LogLine, KeyValueFieldsQuotedWhenNeeded) {
  LogRecord r = record(2);
  r.user_email = "a@example.test";
  const std::string line = format_log_line(r);
  EXPECT_TRUE(line.ends_with("\n"));
  EXPECT_EQ(line.find('\n'), line.size() - 1) << "one record per line";
  EXPECT_NE(line.find(" level=INFO "), std::string::npos) << line;
  EXPECT_NE(line.find(" path=/item/2 "), std::string::npos) << line;
  EXPECT_NE(line.find(" status=202 "), std::string::npos) << line;
  EXPECT_NE(line.find(" duration_ms=3.250 "), std::string::npos) << line;
  EXPECT_NE(line.find(" user=a@example.test"), std::string::npos) << line;
  EXPECT_EQ(line.find("message="), std::string::npos) << "INFO lines carry no message";
}

TEST(LogLine, HostileValuesStayOnOneLine) {
  LogRecord r = record(2);
  r.level = "ERROR";
  r.path = "/a b";
  r.message = "line one\nline \"two\"\r\n\tend\\";
  const std::string line = format_log_line(r);
  EXPECT_EQ(line.find('\n'), line.size() - 1) << line;
  EXPECT_EQ(line.find('\r'), std::string::npos) << line;
  EXPECT_NE(line.find(" path=\"/a b\""), std::string::npos) << line;
  EXPECT_NE(line.find(" message=\"line one line \\\"two\\\"   end\\\\\""), std::string::npos) << line;
  EXPECT_NE(line.find(" user=-"), std::string::npos) << line;
}

}  // namespace
}  // namespace t2o
