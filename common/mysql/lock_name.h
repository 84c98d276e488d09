#ifndef ENGAGE_COMMON_MYSQL_LOCK_NAME_H_
#define ENGAGE_COMMON_MYSQL_LOCK_NAME_H_

namespace engage::mysql {

// The name of this database's named lock (GET_LOCK) `key`, as a SQL
// expression taking `key` as its one parameter. GET_LOCK names are
// server-wide and at most 64 characters: the name is a hash of this
// database's name and the key, so two schemas on one server (environments,
// test databases) never block each other.
inline constexpr char kLockNameOf[] =
    "CONCAT('engage/', LEFT(SHA2(CONCAT(DATABASE(), '/', ?), 256), 40))";

}  // namespace engage::mysql

#endif  // ENGAGE_COMMON_MYSQL_LOCK_NAME_H_
