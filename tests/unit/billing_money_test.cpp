// Unit tests for handlers/billing/money: dollars <-> cents, exactly (API.md "Billing
// group": the original's int(float(x) * 100) turned "0.29" into 28 and "19.99" into 1998).
#include "billing/money.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "json/json.hpp"

namespace t2o::billing {
namespace {

TEST(BillingMoney, ParsesDollarsIntoExactCents) {
  EXPECT_EQ(parse_amount("10.99"), 1099);
  EXPECT_EQ(parse_amount("0.1"), 10);
  EXPECT_EQ(parse_amount("0.29"), 29);
  EXPECT_EQ(parse_amount("19.99"), 1999);
  EXPECT_EQ(parse_amount("0.57"), 57);  // float(0.57) * 100 == 56.99999...
  EXPECT_EQ(parse_amount("1.15"), 115);
  EXPECT_EQ(parse_amount("7"), 700);
  EXPECT_EQ(parse_amount("0"), 0);
  EXPECT_EQ(parse_amount("0.00"), 0);
  EXPECT_EQ(parse_amount("007.50"), 750);
  EXPECT_EQ(parse_amount("999999.99"), 99999999);  // Stripe's ceiling
}

TEST(BillingMoney, RefusesAnythingButPlainDecimals) {
  for (const char* bad : {"1e3", "-1", "10.999", "abc", "", " 1", "1 ", "+1", "1.", ".5", "1,00", "1.2.3", "0x10",
                          "1_000", "١٢", "NaN", "inf", "1000000.00", "99999999999999999999"}) {
    EXPECT_EQ(parse_amount(bad), std::nullopt) << '"' << bad << '"';
  }
}

TEST(BillingMoney, HonoursTheCurrencyDecimals) {
  EXPECT_EQ(currency_decimals("usd"), 2);
  EXPECT_EQ(currency_decimals("eur"), 2);
  EXPECT_EQ(currency_decimals("jpy"), 0);
  EXPECT_EQ(currency_decimals("kwd"), 3);
  EXPECT_EQ(currency_decimals("USD"), std::nullopt);
  EXPECT_EQ(currency_decimals("us"), std::nullopt);
  EXPECT_EQ(currency_decimals("usd1"), std::nullopt);

  EXPECT_EQ(parse_amount("500", 0), 500);
  EXPECT_EQ(parse_amount("500.5", 0), std::nullopt);
  EXPECT_EQ(parse_amount("1.234", 3), 1234);
  EXPECT_EQ(parse_amount("1.2", 3), 1200);
}

TEST(BillingMoney, FormatsCentsAsDollarText) {
  EXPECT_EQ(format_amount(1099), "10.99");
  EXPECT_EQ(format_amount(10), "0.10");
  EXPECT_EQ(format_amount(29), "0.29");
  EXPECT_EQ(format_amount(1999), "19.99");
  EXPECT_EQ(format_amount(0), "0.00");
  EXPECT_EQ(format_amount(5), "0.05");
  EXPECT_EQ(format_amount(100000), "1000.00");
  EXPECT_EQ(format_amount(-250), "-2.50");
  EXPECT_EQ(format_amount(500, 0), "500");
  EXPECT_EQ(format_amount(1234, 3), "1.234");
}

TEST(BillingMoney, RoundTripsEveryAmountUpToTenThousandDollars) {
  for (long long cents = 0; cents <= 1'000'000; ++cents) {
    ASSERT_EQ(parse_amount(format_amount(cents)), cents) << format_amount(cents);
  }
}

// One JSON value as a request body carries it (strict parsing wants an array or object root).
Json::Value json_value(const std::string& text) { return json::parse("[" + text + "]")[0]; }

// JSON numbers are accepted when they convert exactly: through the shortest decimal that
// reads back as the same double, which is the literal the client wrote.
TEST(BillingMoney, JsonNumbersConvertExactlyOrAreRefused) {
  EXPECT_EQ(amount_from_json(json_value("10.99")), 1099);
  EXPECT_EQ(amount_from_json(json_value("0.29")), 29);
  EXPECT_EQ(amount_from_json(json_value("19.99")), 1999);
  EXPECT_EQ(amount_from_json(json_value("0.1")), 10);
  EXPECT_EQ(amount_from_json(json_value("12")), 1200);
  EXPECT_EQ(amount_from_json(json_value("1e3")), 100000) << "the number 1e3 is exactly 1000";
  EXPECT_EQ(amount_from_json(json_value("10.999")), std::nullopt);
  EXPECT_EQ(amount_from_json(json_value("-1")), std::nullopt);
  EXPECT_EQ(amount_from_json(json_value("-0.5")), std::nullopt);
  EXPECT_EQ(amount_from_json(json_value("1e-7")), std::nullopt);
  EXPECT_EQ(amount_from_json(json_value("1e300")), std::nullopt);
  EXPECT_EQ(amount_from_json(json_value("true")), std::nullopt);
  EXPECT_EQ(amount_from_json(json_value("null")), std::nullopt);
  EXPECT_EQ(amount_from_json(json_value("[1]")), std::nullopt);
  EXPECT_EQ(amount_from_json(json_value("\"1e3\"")), std::nullopt) << "strings follow parse_amount";
  EXPECT_EQ(amount_from_json(json_value("\"10.99\"")), 1099);
}

}  // namespace
}  // namespace t2o::billing
