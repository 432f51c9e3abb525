#!/usr/bin/env bash
# smoke-test.sh TARBALL|BUNDLE_DIR [--cli-only]
# Tries the built program as a user gets it, away from the checkout: unpacks the tarball into
# a new temporary folder (or uses an unpacked bundle folder, as on Windows and macOS), then
#   pa-employer-cli --version               prints "pa-employer <version>"
#   pa-employer-cli demo FILE               makes the demo employer file
#   pa-employer-cli check FILE              exit 0 (nothing to do) or 1 (things to do)
#   pa-employer-cli return FILE ... --format pdf   the return as PDF (the typeface travels)
#   pa-employer FILE (offscreen, 4 s)       the window starts, loads the file, quits, exit 0,
#                                           and no error log was written
# Everything it writes (the employer file, backups, settings) goes in the temporary folder.
# --cli-only skips the window (CI runners without a usable Qt platform). Exit 0 when all pass.
set -uo pipefail
TARGET=${1:?usage: smoke-test.sh TARBALL|BUNDLE_DIR [--cli-only]}
TARGET=$(cd "$(dirname "$TARGET")" && pwd)/$(basename "$TARGET")
CLI_ONLY=${2:-}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/pa-employer-smoke.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
fail=0
say() { printf 'smoke-test: %s\n' "$*"; }

if [ -d "$TARGET" ]; then
  BUNDLE=$TARGET
else
  tar -xzf "$TARGET" -C "$WORK" || { say "could not unpack $TARGET"; exit 1; }
  BUNDLE=$(echo "$WORK"/pa-employer-*/bundle)
fi
CLI="$BUNDLE/pa-employer-cli"; GUI="$BUNDLE/pa-employer"
[ -x "$CLI.exe" ] && CLI="$CLI.exe" GUI="$BUNDLE/pa-employer-cli.exe"
export PA_EMPLOYER_HOME="$WORK/home" HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/home/.config"
mkdir -p "$HOME"

check() {  # check NAME EXPECTED_CODES COMMAND...
  local name=$1 ok=$2; shift 2
  local t0 t1 out rc
  t0=$(date +%s.%N); out=$("$@" 2>&1); rc=$?; t1=$(date +%s.%N)
  if [[ " $ok " == *" $rc "* ]]; then
    say "ok   $name (exit $rc, $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}') s)"
  else
    say "FAIL $name (exit $rc):"; printf '%s\n' "$out" | tail -20 | sed 's/^/    /'; fail=1
  fi
  LAST_OUTPUT=$out
}

check "--version" "0" "$CLI" --version
case "$LAST_OUTPUT" in "pa-employer "[0-9]*) ;; *) say "FAIL --version printed: $LAST_OUTPUT"; fail=1 ;; esac
check "demo FILE" "0" "$CLI" demo "$WORK/demo.paemployer"
check "check FILE" "0 1" "$CLI" check "$WORK/demo.paemployer"
check "return as PDF (fonts and reportlab in the bundle)" "0 1" "$CLI" return \
  "$WORK/demo.paemployer" --from 2026-07-01 --to 2026-09-30 --format pdf --out "$WORK/return.pdf"
check "the PDF was written" "0" test -s "$WORK/return.pdf"
echo "not an employer file" > "$WORK/notes.paemployer"
check "check a text file is refused in words" "2" "$CLI" check "$WORK/notes.paemployer"
if [ "$CLI_ONLY" != --cli-only ]; then
  check "window on the demo file (offscreen, quits after 4 s)" "0" \
    env QT_QPA_PLATFORM=offscreen PA_EMPLOYER_QUIT_AFTER_MS=4000 timeout 60 "$GUI" "$WORK/demo.paemployer"
fi
# The program's last resort writes a log for anything unexpected (and shows a window saying
# so, which the timed quit closes): any such log fails the test.
for log in "$PA_EMPLOYER_HOME"/logs/error-*.log; do
  [ -e "$log" ] || continue
  say "FAIL the program logged an unexpected error ($log):"; tail -20 "$log" | sed 's/^/    /'; fail=1
done
[ $fail = 0 ] && say "all passed ($TARGET)" || say "FAILED ($TARGET)"
exit $fail
