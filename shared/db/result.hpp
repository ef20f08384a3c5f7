#pragma once
// Owning wrapper over PGresult with typed, text-format column access.
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "util/utc_time.hpp"

namespace t2o::db {

// A row keeps its result alive, so `db.exec(...).one_row()` is safe to hold on to.
// Columns are read by the name the SELECT gives them (`row.str("email")`); an index is
// for code that walks a known column list.
class Row {
 public:
  Row(std::shared_ptr<const PGresult> owner, int row) : owner_(std::move(owner)), result_(owner_.get()), row_(row) {}
  bool is_null(int column) const { return PQgetisnull(result_, row_, column) != 0; }
  std::string_view view(int column) const;
  std::string str(int column) const { return std::string(view(column)); }
  std::optional<std::string> opt_str(int column) const;
  long long integer(int column) const;
  std::optional<long long> opt_integer(int column) const;
  double real(int column) const;
  bool boolean(int column) const;

  // The index of the column called `name`; UnexpectedResult when the query has none.
  int column(const char* name) const;
  bool is_null(const char* name) const { return is_null(column(name)); }
  std::string_view view(const char* name) const { return view(column(name)); }
  std::string str(const char* name) const { return str(column(name)); }
  std::optional<std::string> opt_str(const char* name) const { return opt_str(column(name)); }
  long long integer(const char* name) const { return integer(column(name)); }
  std::optional<long long> opt_integer(const char* name) const { return opt_integer(column(name)); }
  double real(const char* name) const { return real(column(name)); }
  bool boolean(const char* name) const { return boolean(column(name)); }
  // A column the query reads as epoch_us(...) (microseconds since the Unix epoch).
  UtcTime time(const char* name) const { return UtcTime{integer(name)}; }
  std::optional<UtcTime> opt_time(const char* name) const;

 private:
  std::shared_ptr<const PGresult> owner_;
  const PGresult* result_;
  int row_;
};

class Result {
 public:
  explicit Result(PGresult* result) : result_(result, &PQclear) {}
  int size() const { return PQntuples(result_.get()); }
  bool empty() const { return size() == 0; }
  Row operator[](int row) const { return Row(result_, row); }
  long long affected_rows() const;
  // Exactly one row, else UnexpectedResult.
  Row one_row() const;
  // Zero or one row.
  std::optional<Row> optional_row() const;

  class Iterator {
   public:
    Iterator(std::shared_ptr<const PGresult> result, int row) : result_(std::move(result)), row_(row) {}
    Row operator*() const { return Row(result_, row_); }
    Iterator& operator++() { ++row_; return *this; }
    bool operator!=(const Iterator& other) const { return row_ != other.row_; }
   private:
    std::shared_ptr<const PGresult> result_;
    int row_;
  };
  Iterator begin() const { return Iterator(result_, 0); }
  Iterator end() const { return Iterator(result_, size()); }

 private:
  std::shared_ptr<PGresult> result_;
};

}  // namespace t2o::db
