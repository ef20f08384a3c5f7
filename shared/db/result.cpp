#include "db/result.hpp"

#include <cstdlib>

#include "db/errors.hpp"
#include "util/text.hpp"

namespace t2o::db {

std::string_view Row::view(int column) const {
  return std::string_view(PQgetvalue(result_, row_, column), static_cast<std::size_t>(PQgetlength(result_, row_, column)));
}

std::optional<std::string> Row::opt_str(int column) const {
  if (is_null(column)) return std::nullopt;
  return str(column);
}

long long Row::integer(int column) const {
  auto value = text::parse_int(view(column));
  if (!value) throw UnexpectedResult("column " + std::to_string(column) + " is not an integer", "");
  return *value;
}

std::optional<long long> Row::opt_integer(int column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

int Row::column(const char* name) const {
  const int index = PQfnumber(result_, name);
  if (index < 0) throw UnexpectedResult(std::string("the query has no column \"") + name + "\"", "");
  return index;
}

std::optional<UtcTime> Row::opt_time(const char* name) const {
  if (is_null(name)) return std::nullopt;
  return time(name);
}

double Row::real(int column) const { return std::strtod(PQgetvalue(result_, row_, column), nullptr); }

bool Row::boolean(int column) const { return view(column) == "t"; }

long long Result::affected_rows() const {
  const char* count = PQcmdTuples(result_.get());
  return count && *count ? std::atoll(count) : 0;
}

Row Result::one_row() const {
  if (size() != 1) throw UnexpectedResult("expected one row, got " + std::to_string(size()), "");
  return (*this)[0];
}

std::optional<Row> Result::optional_row() const {
  if (size() > 1) throw UnexpectedResult("expected at most one row, got " + std::to_string(size()), "");
  if (size() == 0) return std::nullopt;
  return (*this)[0];
}

}  // namespace t2o::db
