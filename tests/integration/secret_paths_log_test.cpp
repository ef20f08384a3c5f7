// Paths that carry a secret (a verification or reset link's token: /verify_email/<token>,
// /reset_password/<token>, and the dashboard pages those mails link to) must not reach
// any log, nginx's error log included. nginx ends every error line with the request line
// and its format cannot change, so those locations write only critical errors
// (handlers/routing/nginx_routes.cpp, nginx/app.conf.in). Here nginx is made to log an
// error on each such path (a body over client_max_body_size: "client intended to send too
// large body", at level error, request line and all), and every log of the stack is read.
#include <gtest/gtest.h>

#include <dirent.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

namespace t2o::it {
namespace {

std::string all_logs() {
  const std::string dir = env().var_dir + "/log";
  std::string text;
  if (DIR* listing = ::opendir(dir.c_str())) {
    while (const dirent* entry = ::readdir(listing)) {
      if (entry->d_name[0] == '.') continue;
      std::ifstream file(dir + "/" + entry->d_name);
      std::stringstream content;
      content << file.rdbuf();
      text += content.str();
    }
    ::closedir(listing);
  }
  return text;
}

std::string unique_marker(const std::string& what) {
  static int counter = 0;
  return what + "Z" + std::to_string(::getpid()) + "Q" + std::to_string(++counter) + "Q" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count());
}

TEST(SecretPathsLog, NoTokenReachesAnyLogWhenNginxLogsAnError) {
  Client client;
  const std::string too_large(2 * 1024 * 1024, 'x');  // client_max_body_size is 1 MiB
  std::vector<std::string> tokens;
  for (const std::string path : {"/verify_email/", "/reset_password/", "/app/reset-password/", "/app/verify-email/"}) {
    tokens.push_back(unique_marker("secret"));
    const Response r = client.post(path + tokens.back(), too_large);
    EXPECT_EQ(r.status, 413) << path << ": " << r.describe();
  }
  // The same error on a path without a secret is logged with its request line: proof that
  // the error log is written and that this test would see a token that got in.
  const std::string visible = unique_marker("visible");
  EXPECT_EQ(client.post("/signup?marker=" + visible, too_large).status, 413);

  // nginx buffers the access log for up to a second; the error log is written at once.
  std::string logs;
  for (int i = 0; i < 30 && (logs = all_logs()).find(visible) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_NE(logs.find(visible), std::string::npos) << "nginx logged no error for the path without a secret";
  std::this_thread::sleep_for(std::chrono::milliseconds(1200));  // the access log's flush
  logs = all_logs();
  for (const std::string& token : tokens) EXPECT_EQ(logs.find(token), std::string::npos) << token << " is in a log";
}

}  // namespace
}  // namespace t2o::it
