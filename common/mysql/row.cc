#include "common/mysql/row.h"

#include "absl/strings/numbers.h"

namespace engage::mysql {

const std::string& Row::String(size_t i) const {
  static const std::string* empty = new std::string();
  const auto& cell = cells_.at(i);
  return cell.has_value() ? *cell : *empty;
}

int64_t Row::Int(size_t i) const {
  int64_t v = 0;
  if (!IsNull(i)) (void)absl::SimpleAtoi(*cells_[i], &v);
  return v;
}

double Row::Double(size_t i) const {
  double v = 0;
  if (!IsNull(i)) (void)absl::SimpleAtod(*cells_[i], &v);
  return v;
}

absl::Time Row::Time(size_t i) const {
  return IsNull(i) ? absl::InfinitePast() : FromSqlTime(*cells_[i]);
}

std::string ToSqlTime(absl::Time t) {
  return absl::FormatTime("%Y-%m-%d %H:%M:%E6S", t, absl::UTCTimeZone());
}

absl::Time FromSqlTime(const std::string& text) {
  absl::Time t;
  std::string err;
  if (absl::ParseTime("%Y-%m-%d %H:%M:%E*S", text, absl::UTCTimeZone(), &t, &err)) return t;
  return absl::InfinitePast();
}

}  // namespace engage::mysql
