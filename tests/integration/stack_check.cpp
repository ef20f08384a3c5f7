// Global precondition of the suite: the environment names a running stack that answers
// /healthz. Without it every test would fail with a confusing transport error; this
// reports the real cause once and stops.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "http_client.hpp"

namespace t2o::it {
namespace {

class StackEnvironment : public ::testing::Environment {
 public:
  void SetUp() override {
    const std::string problem = env_problem();
    ASSERT_TRUE(problem.empty()) << problem;
    Client client;
    Response last;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    do {
      last = client.get("/healthz");
      if (last && last.status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
    } while (std::chrono::steady_clock::now() < deadline);
    FAIL() << "the stack at " << env().base_url << " does not answer GET /healthz with 200: " << last.describe();
  }
};

[[maybe_unused]] ::testing::Environment* const kStack =
    ::testing::AddGlobalTestEnvironment(new StackEnvironment);

}  // namespace
}  // namespace t2o::it
