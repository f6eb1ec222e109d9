# lib.sh: the harness the CLI test scripts share, sourced first by each
# (`. "$(dirname "$0")/lib.sh"`), so that every script counts, reports and
# cleans up the same way: "ok - NAME" or "not ok - NAME" (details after "#")
# per test, then "N passed, N failed" from `finish`, which exits 1 if any
# test failed. Scripts run from the repository root with PACTA set; PACTA is
# used unquoted, so it may carry a prefix ("valgrind -q ... build/pacta").

set -u

script=$(basename "$0")
if [ -z "${PACTA:-}" ]; then
    echo "$script: set PACTA to the pacta command" >&2
    exit 2
fi

here=$(dirname "$0")
rules=rules
tmp=$(mktemp -d "${TMPDIR:-/tmp}/pacta-${script%.sh}.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' 0
trap 'exit 2' INT TERM HUP

passed=0
failed=0
rc=0

ok() {
    passed=$((passed + 1))
    echo "ok - $1"
}

# not_ok NAME WHY: WHY may run over several lines; the start of the last
# run's stdout and stderr follow it, for whoever reads the failure.
not_ok() {
    failed=$((failed + 1))
    echo "not ok - $1"
    printf '%s\n' "$2" | sed -e 's/^/#   /'
    [ -f "$tmp/out" ] && sed -e 's/^/#   stdout: /' "$tmp/out" | cut -c1-200 | head -n 8
    [ -f "$tmp/err" ] && sed -e 's/^/#   stderr: /' "$tmp/err" | head -n 5
    return 0
}

# run ARGS...: runs pacta; stdout in $tmp/out, stderr in $tmp/err, status in $rc.
run() {
    # shellcheck disable=SC2086
    $PACTA "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    rc=$?
}

# check NAME SCRIPT: runs the python SCRIPT with `text` (stdout), `err`
# (stderr), `rc` and `flat` (stdout with its line wrapping undone); it prints
# nothing when the test passes, else the reason (`fail(msg)`).
check() {
    why=$(python3 - "$tmp/out" "$tmp/err" "$rc" "$2" 2>&1 <<'EOF'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
err = open(sys.argv[2], encoding="utf-8").read()
rc = int(sys.argv[3])
flat = " ".join(text.split())
def fail(msg):
    print(msg)
    sys.exit(0)
exec(sys.argv[4])
EOF
)
    if [ -z "$why" ]; then ok "$1"; else not_ok "$1" "$why"; fi
}

# finish: the count, and the script's exit status (1 if any test failed).
finish() {
    echo "$passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}
