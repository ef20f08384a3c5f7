#pragma once
// Amounts: the API speaks in the currency's main unit as decimal text ("10.99" dollars),
// Stripe and the database in integer minor units (1099 cents). Conversion is exact
// decimal arithmetic, never floating point (the original's int(float(x) * 100) turned
// "0.29" into 28 and "19.99" into 1998).
#include <json/json.h>

#include <optional>
#include <string>
#include <string_view>

namespace t2o::billing {

// Stripe's ceiling for unit_amount: eight digits of minor units.
inline constexpr long long kMaxMinorUnits = 99'999'999;

// Decimal places of a currency's minor unit as Stripe counts them: 0 for its zero-decimal
// currencies (jpy, krw, ...), 3 for bhd/jod/kwd/omr/tnd, else 2. nullopt unless `currency`
// is three lower-case letters.
std::optional<int> currency_decimals(std::string_view currency);

// "10.99" -> 1099 with decimals 2; "0.1" -> 10; "7" -> 700. Accepts digits with an
// optional '.' followed by 1..decimals digits, nothing else: no sign, exponent, spaces or
// thousands separators. nullopt when refused or above kMaxMinorUnits.
std::optional<long long> parse_amount(std::string_view text, int decimals = 2);

// A JSON string as parse_amount reads it, or a JSON number: a number is converted through
// its shortest round-trip decimal form, which is the literal the client wrote for any
// amount Stripe accepts (at most ten significant digits), so 10.99 -> 1099 exactly.
std::optional<long long> amount_from_json(const Json::Value& value, int decimals = 2);

// 1099 -> "10.99", 10 -> "0.10", 5 with decimals 0 -> "5". Negative amounts get a '-'.
std::string format_amount(long long minor_units, int decimals = 2);

}  // namespace t2o::billing
