#ifndef ENGAGE_COMMON_MYSQL_ROW_H_
#define ENGAGE_COMMON_MYSQL_ROW_H_

#include <cstdint>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "absl/time/time.h"

namespace engage::mysql {

// A statement parameter. Times are bound as UTC DATETIME(6) text.
using Value = std::variant<std::nullptr_t, int64_t, double, std::string, bool, absl::Time>;
using Params = std::vector<Value>;

// One materialised result row; cells are text as the server sent them.
class Row {
 public:
  explicit Row(std::vector<std::optional<std::string>> cells) : cells_(std::move(cells)) {}

  size_t size() const { return cells_.size(); }
  bool IsNull(size_t i) const { return !cells_.at(i).has_value(); }
  // Empty for NULL.
  const std::string& String(size_t i) const;
  // 0 for NULL.
  int64_t Int(size_t i) const;
  bool Bool(size_t i) const { return Int(i) != 0; }
  double Double(size_t i) const;
  // absl::InfinitePast() for NULL.
  absl::Time Time(size_t i) const;

  // Reads the cells in order into `fields`, one cell each, by the field's
  // type: std::string, bool, double, absl::Time, and integers and enums
  // (Int). A row mapped to a struct without a column index.
  template <typename... T>
  void Into(T&... fields) const {
    size_t i = 0;
    (Read(i++, fields), ...);
  }

 private:
  void Read(size_t i, std::string& v) const { v = String(i); }
  void Read(size_t i, bool& v) const { v = Bool(i); }
  void Read(size_t i, double& v) const { v = Double(i); }
  void Read(size_t i, absl::Time& v) const { v = Time(i); }
  template <typename T>
  std::enable_if_t<std::is_integral_v<T> || std::is_enum_v<T>> Read(size_t i, T& v) const {
    v = static_cast<T>(Int(i));
  }

  std::vector<std::optional<std::string>> cells_;
};

using Rows = std::vector<Row>;

// A time parameter, or SQL NULL for absl::InfinitePast() (what Row::Time reads
// back from NULL).
inline Value TimeOrNull(absl::Time t) {
  return t == absl::InfinitePast() ? Value(nullptr) : Value(t);
}

// UTC DATETIME(6) text of a time, and back.
std::string ToSqlTime(absl::Time t);
absl::Time FromSqlTime(const std::string& text);

}  // namespace engage::mysql

#endif  // ENGAGE_COMMON_MYSQL_ROW_H_
