#!/usr/bin/env bash
# Runs every test project of the solution one after another (2 cores: parallel projects only compete)
# and ends with the totals line CI reads: "N passed, N failed".
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CONFIGURATION="${PLATFORM_TEST_CONFIGURATION:-Release}"
LOGS="$ROOT/.platform/logs/tests"
mkdir -p "$LOGS"
passed=0 failed=0 skipped=0
for project in $(find "$ROOT/tests" -name '*.Tests.csproj' | sort); do
  name="$(basename "$project" .csproj)"
  log="$LOGS/$name.log"
  echo "=== $name"
  dotnet test "$project" -c "$CONFIGURATION" --no-build --nologo --logger "console;verbosity=normal" >"$log" 2>&1
  code=$?
  grep -E '^\s+(Failed|Passed) [A-Za-z]|^\[e2e\]|Error Message|^\s+Assert|Total tests|Passed:|Failed:' "$log" | grep -vE '^\s+Passed [A-Za-z]' | head -60
  p=$(grep -E '^\s+Passed:\s+[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  f=$(grep -E '^\s+Failed:\s+[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  s=$(grep -E '^\s+Skipped:\s+[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || true)
  p=${p:-0} f=${f:-0} s=${s:-0}
  if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
    echo "!!! $name: dotnet test exited $code without a failed test (crash or no tests); counted as one failure. Log: $log"
    tail -20 "$log"
    f=1
  fi
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done
echo
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]
