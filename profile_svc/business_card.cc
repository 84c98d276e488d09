#include "profile_svc/business_card.h"

#include "absl/strings/str_cat.h"

namespace engage::profile {

constexpr char kDeletedName[] = "Deleted User";

BusinessCard ComposeCard(const CardSource& source) {
  BusinessCard card;
  card.etag = EtagOf(source.version);
  if (source.deleted) {
    card.fields.profile_id = source.profile_id;
    card.fields.kind = source.kind;
    card.fields.deleted = true;
    card.fields.update_time = source.update_time;
    card.fields.status_time = source.status_time;
    card.display_name = kDeletedName;
    return card;
  }
  card.fields = source;
  card.display_name = source.display_name.empty()
                          ? absl::StrCat(source.first_name, " ", source.last_name)
                          : source.display_name;
  return card;
}

std::string EtagOf(int64_t version) {
  return absl::StrCat("W/\"", version, "\"");
}

}  // namespace engage::profile
