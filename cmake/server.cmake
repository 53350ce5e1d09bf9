# `dyad serve`: cpp-httplib from Debian (a compiled library with its own pkg-config flags)
# and the browser tests of the web page (label `browser`).
pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
target_link_libraries(dyad_server PUBLIC PkgConfig::HTTPLIB)
target_link_libraries(dyad_core PUBLIC PkgConfig::HTTPLIB)

# The page in chromium through playwright-core, against `dyad serve` on the example articles.
# Skips (77) without chromium or node_modules/playwright-core. Screenshots go to
# browser-artifacts/ in the build directory.
add_test(NAME browser
         COMMAND bash ${CMAKE_SOURCE_DIR}/tests/browser/run.sh $<TARGET_FILE:dyad>
                 ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/browser-artifacts)
set_tests_properties(browser PROPERTIES LABELS browser SKIP_RETURN_CODE 77 TIMEOUT 300)
