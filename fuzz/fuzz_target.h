// One fuzz target, two builds.
//
//   DYAD_FUZZ_TARGET(read_jsonl) {          // (const uint8_t* data, size_t size)
//     ...feed data to the code under test...
//     return 0;
//   }
//
// Under libFuzzer (the clang build of `make fuzz`, DYAD_FUZZ_LIBFUZZER defined) the body becomes
// LLVMFuzzerTestOneInput of that target's own executable. In the normal build every target
// registers itself with dyad_fuzz_replay, which runs the committed corpus fuzz/corpus/<target>/
// through the same body, so ctest exercises every target without clang.
//
// A target reports a broken invariant with DYAD_FUZZ_CHECK: it aborts, which libFuzzer records as
// a crash and the replay driver as a failed test.
#ifndef DYAD_FUZZ_FUZZ_TARGET_H_
#define DYAD_FUZZ_FUZZ_TARGET_H_

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace dyad::fuzz {

using TargetFn = int (*)(const uint8_t* data, size_t size);

// Adds a target to the replay driver's table (normal build only).
bool RegisterTarget(const char* name, TargetFn fn);

// A private scratch directory for targets whose code under test reads files
// (/dev/shm when present: the fuzzer writes one file per execution).
const std::string& ScratchDir();

// Writes `bytes` to ScratchDir()/name and returns the path.
std::string WriteScratch(const std::string& name, std::string_view bytes);

// True when `s` is well-formed UTF-8 (no overlongs, surrogates or values above U+10FFFF).
bool IsValidUtf8(std::string_view s);

[[noreturn]] inline void Fail(const char* file, int line, const char* what) {
  std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, what);
  std::abort();
}

}  // namespace dyad::fuzz

#define DYAD_FUZZ_CHECK(cond) \
  ((cond) ? (void)0 : ::dyad::fuzz::Fail(__FILE__, __LINE__, #cond))

#ifdef DYAD_FUZZ_LIBFUZZER
#define DYAD_FUZZ_TARGET(name)                                                  \
  static int DyadFuzz_##name(const uint8_t* data, size_t size);               \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {   \
    return DyadFuzz_##name(data, size);                                       \
  }                                                                           \
  static int DyadFuzz_##name(const uint8_t* data, size_t size)
#else
#define DYAD_FUZZ_TARGET(name)                                                  \
  static int DyadFuzz_##name(const uint8_t* data, size_t size);               \
  [[maybe_unused]] static const bool kDyadFuzzRegistered_##name =             \
      ::dyad::fuzz::RegisterTarget(#name, DyadFuzz_##name);                   \
  static int DyadFuzz_##name(const uint8_t* data, size_t size)
#endif

#endif  // DYAD_FUZZ_FUZZ_TARGET_H_
