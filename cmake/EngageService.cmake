# engage_add_service(<folder_lib_name> <executable>): every service folder
# builds a library from everything but main.cc (tests link it) and a thin
# executable from main.cc. Subfolders (profile_svc/crm_sync/) join the library.
function(engage_add_service lib exe)
  file(GLOB_RECURSE sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  list(REMOVE_ITEM sources ${CMAKE_CURRENT_SOURCE_DIR}/main.cc)
  add_library(${lib} STATIC ${sources})
  target_compile_options(${lib} PRIVATE ${ENGAGE_WARNINGS})
  target_link_libraries(${lib} PUBLIC engage_common ${ARGN})
  add_executable(${exe} main.cc)
  target_compile_options(${exe} PRIVATE ${ENGAGE_WARNINGS})
  target_link_libraries(${exe} PRIVATE ${lib} engage_migrations)
endfunction()
