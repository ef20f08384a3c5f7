#pragma once
// Small string helpers used across the library.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace t2o::text {

std::string_view trim(std::string_view s);
std::string to_lower(std::string_view s);
bool iequals(std::string_view a, std::string_view b);
std::vector<std::string_view> split(std::string_view s, char separator);
// Whole string must be a base-10 integer (optional leading '-'), no overflow.
std::optional<long long> parse_int(std::string_view s);
// Percent-decoding; `plus_as_space` for application/x-www-form-urlencoded.
std::string url_decode(std::string_view s, bool plus_as_space);
std::string url_encode(std::string_view s);
// Valid UTF-8 of at most `max_chars` characters: invalid bytes become U+FFFD and a cut
// never splits a character. For untrusted text headed for the database (paths, agents).
std::string clean_utf8(std::string_view s, std::size_t max_chars);
// An ILIKE pattern matching text that contains `needle`, its own % _ \ escaped.
std::string like_contains(std::string_view needle);
// A duration as people write it: "one hour", "15 minutes", "1 minute", "30 seconds".
std::string duration_words(long long seconds);
// Escapes text for inclusion in HTML (mail bodies).
std::string html_escape(std::string_view s);

}  // namespace t2o::text
