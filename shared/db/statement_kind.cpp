#include "db/statement_kind.hpp"

#include <array>
#include <cctype>
#include <string>

namespace t2o::db {
namespace {

constexpr std::array<std::string_view, 5> kReadingVerbs = {"select", "with", "values", "show", "explain"};
constexpr std::array<std::string_view, 9> kWritingWords = {"insert",   "update",  "delete", "merge", "truncate",
                                                           "copy", "pg_notify", "nextval", "setval"};

bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

template <std::size_t N>
bool one_of(std::string_view word, const std::array<std::string_view, N>& words) {
  for (std::string_view candidate : words) {
    if (word == candidate) return true;
  }
  return false;
}

}  // namespace

bool is_read_only(std::string_view sql) {
  bool first = true;
  std::string word;
  for (std::size_t i = 0; i <= sql.size(); ++i) {
    if (i < sql.size() && is_word_char(sql[i])) {
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(sql[i])));
      continue;
    }
    if (!word.empty()) {
      if (first && !one_of(word, kReadingVerbs)) return false;
      if (one_of(word, kWritingWords)) return false;
      first = false;
      word.clear();
    }
  }
  return !first;  // an empty statement is no read
}

}  // namespace t2o::db
