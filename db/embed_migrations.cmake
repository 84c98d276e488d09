# Writes OUTPUT: a C++ source defining engage::db::EmbeddedMigrations() from
# every MIGRATIONS_DIR/NNNN_description.sql, in file-name order.
file(GLOB files ${MIGRATIONS_DIR}/*.sql)
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name ${f} NAME)
  if(NOT name MATCHES "^[0-9][0-9][0-9][0-9]_[a-z0-9_]+\\.sql$")
    message(FATAL_ERROR "migration file name must be NNNN_description.sql: ${name}")
  endif()
  string(SUBSTRING ${name} 0 4 version)
  file(READ ${f} sql)
  string(APPEND body "      {\"${version}\", \"${name}\", R\"engage_sql(${sql})engage_sql\"},\n")
endforeach()
file(WRITE ${OUTPUT}.tmp "// Generated from db/migrations by embed_migrations.cmake. Do not edit.
#include \"db/embedded_migrations.h\"

namespace engage::db {

const std::vector<mysql::Migration>& EmbeddedMigrations() {
  static const auto* migrations = new std::vector<mysql::Migration>{
${body}  };
  return *migrations;
}

}  // namespace engage::db
")
file(COPY_FILE ${OUTPUT}.tmp ${OUTPUT} ONLY_IF_DIFFERENT)
