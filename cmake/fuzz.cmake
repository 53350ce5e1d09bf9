# Fuzz targets (fuzz/, doc/reliability.md "Input: readers, loaders, fuzzing").
#
# Normal build: dyad_fuzz_replay runs the committed corpus fuzz/corpus/<target>/ through every
# target's body; one ctest entry per target (labels unit and fuzz), so the targets are
# exercised on every `make test` without clang.
#
# -DDYAD_FUZZ=ON (clang only; `make fuzz` configures build-fuzz/ this way): the core is
# instrumented for libFuzzer with ASan and UBSan and each target becomes its own libFuzzer
# executable dyad_fuzz_<target>; `cmake --build build-fuzz --target dyad_fuzz_all` builds them.
option(DYAD_FUZZ "Build libFuzzer targets with ASan+UBSan (clang; a separate build dir)" OFF)

file(GLOB DYAD_FUZZ_TARGET_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/*_fuzz.cc)
set(DYAD_FUZZ_SUPPORT ${CMAKE_SOURCE_DIR}/fuzz/fuzz_util.cc)

if(NOT DYAD_FUZZ)
  add_executable(dyad_fuzz_replay ${DYAD_FUZZ_TARGET_SOURCES} ${DYAD_FUZZ_SUPPORT}
                 ${CMAKE_SOURCE_DIR}/fuzz/replay_main.cc)
  target_link_libraries(dyad_fuzz_replay PRIVATE dyad_core)
  foreach(src IN LISTS DYAD_FUZZ_TARGET_SOURCES)
    get_filename_component(t ${src} NAME_WE)
    string(REGEX REPLACE "_fuzz$" "" t ${t})
    add_test(NAME fuzz_replay_${t}
             COMMAND dyad_fuzz_replay ${t} ${CMAKE_SOURCE_DIR}/fuzz/corpus/${t})
    set_tests_properties(fuzz_replay_${t} PROPERTIES LABELS "unit;fuzz")
  endforeach()
  return()
endif()

if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "DYAD_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
endif()
# Instrument everything (coverage for libFuzzer, ASan, UBSan); UB aborts so the fuzzer sees it.
set(DYAD_FUZZ_FLAGS "-fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer")
set(CMAKE_C_FLAGS "${CMAKE_C_FLAGS} ${DYAD_FUZZ_FLAGS}")
set(CMAKE_CXX_FLAGS "${CMAKE_CXX_FLAGS} ${DYAD_FUZZ_FLAGS}")
# Only the modules the targets reach: the server and queue need not be built with sanitizers.
set(DYAD_FUZZ_OBJECTS)
foreach(m util text nlp dict code store)
  list(APPEND DYAD_FUZZ_OBJECTS $<TARGET_OBJECTS:dyad_${m}>)
endforeach()
add_custom_target(dyad_fuzz_all)
foreach(src IN LISTS DYAD_FUZZ_TARGET_SOURCES)
  get_filename_component(t ${src} NAME_WE)
  string(REGEX REPLACE "_fuzz$" "" t ${t})
  add_executable(dyad_fuzz_${t} ${src} ${DYAD_FUZZ_SUPPORT} ${DYAD_FUZZ_OBJECTS})
  target_include_directories(dyad_fuzz_${t} PRIVATE ${CMAKE_SOURCE_DIR}/include ${CMAKE_SOURCE_DIR}
                             ${CMAKE_BINARY_DIR}/generated)
  target_compile_definitions(dyad_fuzz_${t} PRIVATE DYAD_FUZZ_LIBFUZZER)
  target_link_libraries(dyad_fuzz_${t} PRIVATE ${DYAD_LINK_LIBS})
  target_link_options(dyad_fuzz_${t} PRIVATE -fsanitize=address,undefined,fuzzer)
  add_dependencies(dyad_fuzz_all dyad_fuzz_${t})
endforeach()
