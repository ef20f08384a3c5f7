#pragma once
// Owning wrapper over PGresult with typed, text-format column access.
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace t2o::db {

// A row keeps its result alive, so `db.exec(...).one_row()` is safe to hold on to.
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
