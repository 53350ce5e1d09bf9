"""Builds the `dyad` wheel: the extension comes from the project's own CMake build (target
dyad_python, cmake/python.cmake), so the module is compiled from the same sources as the
binary. Metadata is in pyproject.toml.

    pip install --no-build-isolation ./python          # from the source tree's root

Environment:
    DYAD_SOURCE_DIR  the dyad source tree (default: the parent of this directory)
    DYAD_BUILD_DIR   an existing CMake build directory to reuse (only the module target is
                     built there, nothing reconfigured; relative to the source tree);
                     default: a fresh one under setuptools' build_temp, configured for this
                     interpreter
    DYAD_BUILD_JOBS  parallel compile jobs (default: the number of cores)
"""

import os
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = os.path.dirname(os.path.abspath(__file__))


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        source = os.path.abspath(os.environ.get("DYAD_SOURCE_DIR") or os.path.dirname(HERE))
        if not os.path.exists(os.path.join(source, "cmake", "python.cmake")):
            raise RuntimeError(f"{source} is not the dyad source tree (set DYAD_SOURCE_DIR)")
        build = os.environ.get("DYAD_BUILD_DIR")
        if build:
            # pip runs this in python/, so a relative path is taken from the source tree.
            build = os.path.join(source, build)
            if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
                raise RuntimeError(f"DYAD_BUILD_DIR={build} is not a configured CMake build")
        else:
            build = os.path.abspath(os.path.join(self.build_temp, "cmake"))
            os.makedirs(build, exist_ok=True)
            if not os.path.exists(os.path.join(build, "CMakeCache.txt")):
                generator = ["-G", "Ninja"] if shutil.which("ninja") else []
                subprocess.check_call(
                    ["cmake", "-S", source, "-B", build, *generator,
                     "-DCMAKE_BUILD_TYPE=RelWithDebInfo", f"-DPython_EXECUTABLE={sys.executable}"])
        jobs = os.environ.get("DYAD_BUILD_JOBS") or str(os.cpu_count() or 1)
        subprocess.check_call(["cmake", "--build", build, "--target", "dyad_python", "-j", jobs])
        # The module must carry this interpreter's ABI tag (a reused build directory may have
        # been configured for another Python).
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        built = os.path.join(build, "python", "dyad", "_dyad" + suffix)
        if not os.path.exists(built):
            raise RuntimeError(f"{built} was not built: the build directory targets another "
                               f"Python than {sys.executable} (module suffix {suffix})")
        dest = self.get_ext_fullpath(ext.name)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copyfile(built, dest)


setup(packages=["dyad"], ext_modules=[Extension("dyad._dyad", sources=[])],
      cmdclass={"build_ext": CMakeBuild})
