# engage_add_service(<lib> <executable> [DATABASE] [<library>...]): the layers of a service
# folder, each its own library so that the build refuses a wrong dependency:
#   <folder>_rules  every .cc under a rules/ subfolder (model and rules): links
#                   engage_core only (Abseil, shared messages), compiled with
#                   cmake/rules_guard.h, so a rule that touches gRPC or SQL
#                   does not build;
#   <lib>           everything else but main.cc (stores, clients, handlers,
#                   wiring), linking the rules, engage_common and the extra
#                   <library>s; tests link it;
#   <executable>    main.cc alone (plus the embedded migrations with DATABASE).
set(ENGAGE_RULES_GUARD -include ${PROJECT_SOURCE_DIR}/cmake/rules_guard.h)

function(engage_add_service lib exe)
  cmake_parse_arguments(ARG "DATABASE" "" "" ${ARGN})
  get_filename_component(folder ${CMAKE_CURRENT_SOURCE_DIR} NAME)
  set(rules ${folder}_rules)

  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(REMOVE_ITEM sources ${CMAKE_CURRENT_SOURCE_DIR}/main.cc)
  set(rule_sources ${sources})
  list(FILTER rule_sources INCLUDE REGEX "/rules/[^/]+\\.cc$")
  list(REMOVE_ITEM sources ${rule_sources})

  if(rule_sources)
    add_library(${rules} STATIC ${rule_sources})
    target_compile_options(${rules} PRIVATE ${ENGAGE_WARNINGS} ${ENGAGE_RULES_GUARD})
    target_link_libraries(${rules} PUBLIC engage_core)
  else()
    add_library(${rules} INTERFACE)
    target_link_libraries(${rules} INTERFACE engage_core)
  endif()

  add_library(${lib} STATIC ${sources})
  target_compile_options(${lib} PRIVATE ${ENGAGE_WARNINGS})
  target_link_libraries(${lib} PUBLIC ${rules} engage_common ${ARG_UNPARSED_ARGUMENTS})

  add_executable(${exe} main.cc)
  target_compile_options(${exe} PRIVATE ${ENGAGE_WARNINGS})
  target_link_libraries(${exe} PRIVATE ${lib})
  if(ARG_DATABASE)
    target_link_libraries(${exe} PRIVATE engage_migrations)
  endif()
endfunction()
