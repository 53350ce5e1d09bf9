#!/usr/bin/env bash
# Runs libFuzzer targets one after another (`make fuzz`).
#   scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]     (default: every fuzz/*_fuzz.cc)
# Each target starts from the committed seeds fuzz/corpus/<t>/ plus what earlier runs found
# (BUILD_DIR/fuzz-corpus/<t>/, never the committed directory). Crashes go to
# BUILD_DIR/fuzz-crashes/<t>/, logs to BUILD_DIR/fuzz-logs/<t>.log. Prints one line per target:
# executions, cov and ft from libFuzzer's final stats. Exit 1 when any target crashed.
set -uo pipefail
cd "$(dirname "$0")/.."
build=${1:?build dir}
seconds=${2:-30}
shift 2 || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/*_fuzz.cc; do t=$(basename "$f" _fuzz.cc); targets+=("$t"); done
fi
mkdir -p "$build/fuzz-logs"
crashed=0
printf '%-16s %8s %12s %8s %8s %s\n' target seconds executions cov ft crashes
for t in "${targets[@]}"; do
  bin="$build/dyad_fuzz_$t"
  [ -x "$bin" ] || { echo "fuzz.sh: $bin missing (cmake --build $build --target dyad_fuzz_all)"; exit 2; }
  mkdir -p "$build/fuzz-corpus/$t" "$build/fuzz-crashes/$t"
  max_len=4096
  [ "$t" = dict_compiled ] && max_len=65536
  log="$build/fuzz-logs/$t.log"
  # No -fork: fork mode restarts the process per job, and the coder and dictionary targets
  # spend their time loading models (3 exec/s instead of 500). The first crash ends a target.
  nice "$bin" -max_total_time="$seconds" -print_final_stats=1 -max_len=$max_len -timeout=25 \
    -rss_limit_mb=2560 \
    -artifact_prefix="$build/fuzz-crashes/$t/" "$build/fuzz-corpus/$t" "fuzz/corpus/$t" >"$log" 2>&1
  execs=$(grep -Eo '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+')
  ft=$(grep -Eo 'ft: [0-9]+' "$log" | tail -1 | grep -Eo '[0-9]+')
  n=$(find "$build/fuzz-crashes/$t" -type f \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' -o -name 'leak-*' \) | wc -l)
  [ "$n" -gt 0 ] && crashed=1
  printf '%-16s %8s %12s %8s %8s %s\n' "$t" "$seconds" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$n"
done
exit $crashed
