# The Python module `dyad` (python/, doc/python.md): pybind11 bindings over dyad_core, built by
# this same build when Debian's pybind11-dev and python3-dev are installed, skipped otherwise.
#
#   build/python/dyad/        importable package: PYTHONPATH=build/python python3 -c "import dyad"
#   ctest -L python           the pytest tests (python/tests), also labelled integration
#
# The interpreter defaults to Debian's /usr/bin/python3, the one whose packages (pytest, pandas,
# matplotlib) scripts/install-deps installs: a pyenv or conda python3 earlier on PATH has none of
# them and a different ABI. `pip install ./python` passes its own interpreter instead.
if(NOT DEFINED Python_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python_EXECUTABLE /usr/bin/python3 CACHE FILEPATH "Python interpreter the dyad module is built for")
endif()
# pybind11 < 2.12 still defaults to the deprecated FindPythonInterp, which reads this name.
set(PYTHON_EXECUTABLE ${Python_EXECUTABLE})
find_package(Python 3.7 COMPONENTS Interpreter Development.Module QUIET)
if(NOT Python_FOUND)
  message(STATUS "dyad Python module: skipped (no Python development files; install python3-dev)")
  return()
endif()
set(PYBIND11_FINDPYTHON ON)
find_package(pybind11 2.6 CONFIG QUIET)
if(NOT pybind11_FOUND)
  message(STATUS "dyad Python module: skipped (pybind11 not found; install pybind11-dev)")
  return()
endif()
message(STATUS "dyad Python module: building for ${Python_EXECUTABLE} (Python ${Python_VERSION})")

# A shared module can only link position-independent code. The core's object libraries are
# defined in the top-level CMakeLists.txt, the same directory scope as this file, so their
# properties can still be set here before generation.
foreach(m IN LISTS DYAD_MODULES)
  if(TARGET dyad_${m})
    set_target_properties(dyad_${m} PROPERTIES POSITION_INDEPENDENT_CODE ON)
  endif()
endforeach()
set_target_properties(dyad_core PROPERTIES POSITION_INDEPENDENT_CODE ON)

set(DYAD_PYTHON_DIR ${CMAKE_BINARY_DIR}/python/dyad)
file(GLOB DYAD_PYTHON_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/python/src/*.cc)
# NO_EXTRAS: no link-time optimisation (a slow link on a shared 2-core machine, and the core is
# not built with it) and no stripping (keeps -g for debugging a crash in the module).
pybind11_add_module(dyad_python MODULE NO_EXTRAS ${DYAD_PYTHON_SOURCES})
target_link_libraries(dyad_python PRIVATE dyad_core)
set_target_properties(dyad_python PROPERTIES
  OUTPUT_NAME _dyad
  LIBRARY_OUTPUT_DIRECTORY ${DYAD_PYTHON_DIR}
  CXX_VISIBILITY_PRESET hidden
  VISIBILITY_INLINES_HIDDEN ON)

# The pure-Python half of the package sits beside the extension so the build tree imports as
# installed. Copied at configure time and again whenever a file changes (configure_file).
file(GLOB DYAD_PYTHON_PY CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/python/dyad/*.py)
foreach(py IN LISTS DYAD_PYTHON_PY)
  get_filename_component(name ${py} NAME)
  configure_file(${py} ${DYAD_PYTHON_DIR}/${name} COPYONLY)
endforeach()

# `cmake --install build` puts the package into the interpreter's site-packages (or under
# CMAKE_INSTALL_PREFIX with -DDYAD_PYTHON_INSTALL_DIR=...).
if(NOT DEFINED DYAD_PYTHON_INSTALL_DIR)
  set(DYAD_PYTHON_INSTALL_DIR ${Python_SITEARCH})
endif()
install(TARGETS dyad_python LIBRARY DESTINATION ${DYAD_PYTHON_INSTALL_DIR}/dyad COMPONENT python)
install(FILES ${DYAD_PYTHON_PY} DESTINATION ${DYAD_PYTHON_INSTALL_DIR}/dyad COMPONENT python)

# The pytest tests. They run `dyad code` for the reference output, so they need the binary.
execute_process(COMMAND ${Python_EXECUTABLE} -c "import pytest"
                RESULT_VARIABLE DYAD_NO_PYTEST OUTPUT_QUIET ERROR_QUIET)
if(DYAD_NO_PYTEST)
  message(STATUS "dyad Python tests: skipped (pytest missing for ${Python_EXECUTABLE}; install python3-pytest)")
  return()
endif()
# -p no:cacheprovider: no .pytest_cache written into the source tree.
add_test(NAME python
         COMMAND ${Python_EXECUTABLE} -m pytest -q -p no:cacheprovider ${CMAKE_SOURCE_DIR}/python/tests)
set_tests_properties(python PROPERTIES
  LABELS "python;integration"
  ENVIRONMENT "PYTHONPATH=${CMAKE_BINARY_DIR}/python;DYAD_BINARY=$<TARGET_FILE:dyad>;PYTHONDONTWRITEBYTECODE=1")
