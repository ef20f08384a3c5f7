// Regression tests for what the fuzz targets (tests/fuzz) found in the parsers.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "errors/http_error.hpp"
#include "http/query_params.hpp"
#include "http/request.hpp"

namespace t2o {
namespace {

Request with_query(std::string_view query) {
  Request request;
  request.query = parse_query_string(query);
  return request;
}

// fuzz_query_string, seed "q=%00": query_text turned the NUL into a space after trimming,
// so a blank parameter came back as the search text " ".
TEST(FuzzRegressions, QueryTextOfOnlyNulIsBlank) {
  EXPECT_EQ(query_text(with_query("q=%00"), "q", 200), std::nullopt);
  EXPECT_EQ(query_text(with_query("q=%00%20%00"), "q", 200), std::nullopt);
}

TEST(FuzzRegressions, QueryTextTrimsAroundNul) {
  EXPECT_EQ(query_text(with_query("q=abc%00"), "q", 200), "abc");
  EXPECT_EQ(query_text(with_query("q=%00+abc"), "q", 200), "abc");
  EXPECT_EQ(query_text(with_query("q=a%00b"), "q", 200), "a b");  // inside, a space
}

TEST(FuzzRegressions, QueryTextLengthCountsWhatIsKept) {
  EXPECT_EQ(query_text(with_query("q=abc%00"), "q", 3), "abc");
  EXPECT_THROW(query_text(with_query("q=abc%00d"), "q", 3), BadRequest);
}

}  // namespace
}  // namespace t2o
