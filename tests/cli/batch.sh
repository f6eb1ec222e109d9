#!/bin/sh
# batch.sh: tests of `pacta check --batch`: JSON Lines and YAML-stream input,
# one output object per scenario in input order, error objects with their
# file:line:column for bad scenarios while the rest go on, the exit status
# for the whole stream, and the same output on one thread and on four.
#
#   PACTA="build/pacta" sh tests/cli/batch.sh        (from the repository root)
#
# The inputs are written by tests/cli/batch_inputs.py and the outputs read
# with a real JSON parser (tests/cli/batch_check.py). Prints "ok - NAME" or
# "not ok - NAME", then "N passed, N failed"; exits 1 if any test failed.

. "$(dirname "$0")/lib.sh"

# verify NAME STATUS CHECK ARGS...: the exit status, then batch_check.py CHECK
# over the output (it prints why it fails, nothing when it passes).
verify() {
    name=$1 status=$2 check=$3
    shift 3
    why=""
    [ "$rc" -eq "$status" ] || why="exit status $rc, expected $status"
    if [ -z "$why" ]; then
        why=$(python3 "$here/batch_check.py" "$check" "$tmp/out" "$tmp/err" "$@" 2>&1)
    fi
    if [ -z "$why" ]; then ok "$name"; else not_ok "$name" "$why"; fi
}

python3 "$here/batch_inputs.py" "$tmp" || { echo "not ok - batch inputs"; exit 1; }

# --- JSON Lines
run check --rules rules --batch "$tmp/mixed.jsonl"
verify "JSON Lines: one object per scenario, in input order, errors in place" 2 \
    mixed "$tmp/mixed.jsonl" "$tmp/mixed.expected"

run check --rules rules --batch "$tmp/mixed.jsonl"
verify "no progress line when stderr is not a terminal" 2 quiet

# shellcheck disable=SC2086
$PACTA check --rules rules --batch - <"$tmp/mixed.jsonl" >"$tmp/out" 2>"$tmp/err"
rc=$?
verify "JSON Lines on standard input, named <stdin> in errors" 2 \
    mixed "<stdin>" "$tmp/mixed.expected"

run check --rules rules --batch "$tmp/crlf.jsonl"
verify "JSON Lines with CRLF line ends and blank lines" 1 \
    mixed "$tmp/crlf.jsonl" "$tmp/crlf.expected"

run check --rules rules --batch "$tmp/good.jsonl"
verify "exit 1 after the whole stream when a scenario has a violation" 1 \
    mixed "$tmp/good.jsonl" "$tmp/good.expected"

run check --rules rules --batch "$tmp/clean.jsonl"
verify "exit 0 when no scenario has a violation" 0 \
    mixed "$tmp/clean.jsonl" "$tmp/clean.expected"

run check --rules rules --batch "$tmp/long.jsonl"
verify "a long single-line scenario loads; a later error points into its line" 2 \
    mixed "$tmp/long.jsonl" "$tmp/long.expected"

run check --rules rules --batch "$tmp/gaps.jsonl"
verify "an empty line is skipped, a bad line and a 10 MB line get their errors, the rest answered" 2 \
    mixed "$tmp/gaps.jsonl" "$tmp/gaps.expected"

run check --rules rules --batch "$tmp/bom.jsonl"
verify "a byte order mark before the first line is skipped; columns count from after it" 2 \
    mixed "$tmp/bom.jsonl" "$tmp/bom.expected"

# --- the two records
run check --rules rules --batch "$tmp/good.jsonl"
verify "the compact batch opens with a header naming the input and the rulebase" 1 \
    header "$tmp/good.jsonl"

run check --rules rules --batch "$tmp/mixed.jsonl" --detail full
verify "--detail full: the full report objects and error objects, no header" 2 \
    mixed "$tmp/mixed.jsonl" "$tmp/mixed.expected"

run check --rules rules --batch "$tmp/mixed.jsonl" --receipt "$tmp/receipt"
verify "--receipt FILE: the header goes to FILE, the records to stdout" 2 \
    receipt "$tmp/receipt" "$tmp/mixed.jsonl" "$tmp/mixed.expected"

if /usr/bin/python3 -c 'import yaml' 2>/dev/null; then
    why=$(/usr/bin/python3 "$here/batch_examples.py" "$PACTA" "$tmp" 2>&1)
    if [ -z "$why" ]; then
        ok "every example: the same findings read as YAML and as JSON; full = check --format json; compact = its cut"
    else
        not_ok "examples as YAML and as JSON" "$why"
    fi
else
    echo "ok - # SKIP examples as JSON: python3-yaml is not installed for /usr/bin/python3"
fi

# --- YAML streams
run check --rules rules --batch "$tmp/mixed.yaml"
verify "YAML stream: the same scenarios, the same order, errors at their lines" 2 \
    mixed "$tmp/mixed.yaml" "$tmp/mixed-yaml.expected"

run check --rules rules --batch "$tmp/syntax.yaml"
verify "YAML stream: a syntax error is reported and ends the stream" 2 \
    mixed "$tmp/syntax.yaml" "$tmp/syntax.expected"

# --- threads
run check --rules rules --batch "$tmp/many.jsonl" --jobs 1
cp "$tmp/out" "$tmp/one"
run check --rules rules --batch "$tmp/many.jsonl" --jobs 4
verify "--jobs 4 writes exactly what --jobs 1 writes" 2 same "$tmp/one" "$tmp/many.expected"

run check --rules rules --batch "$tmp/many.yaml" --jobs 3
cp "$tmp/out" "$tmp/three"
run check --rules rules --batch "$tmp/many.yaml" --jobs 1
verify "YAML stream: --jobs 3 writes exactly what --jobs 1 writes" 2 same "$tmp/three" ""

# --- usage and unreadable input
run check --rules rules --batch "$tmp/empty.jsonl"
verify "an empty input is bad input, with no output" 2 stderr "no scenario: the input is empty"

run check --rules rules --batch "$tmp/does-not-exist.jsonl"
verify "a missing input file is bad input, with no output" 2 stderr "does-not-exist.jsonl: No such file"

run check --rules rules --jobs 2 "$tmp/good.jsonl"
verify "--jobs without --batch is a usage error" 2 stderr "--jobs needs --batch"

run check --rules rules --batch "$tmp/good.jsonl" --detail some
verify "--detail is compact or full" 2 stderr "--detail is compact or full"

run check --rules rules --detail full "$tmp/good.jsonl"
verify "--detail without --batch is a usage error" 2 stderr "--detail needs --batch"

run check --rules rules --batch "$tmp/good.jsonl" --jobs 0
verify "--jobs 0 is a usage error" 2 stderr "--jobs takes a number of threads"

run check --rules rules --batch "$tmp/good.jsonl" "$tmp/clean.jsonl"
verify "--batch takes one input" 2 stderr "one file too many"

run check --rules rules --batch "$tmp/good.jsonl" --format text
verify "--batch writes JSON only" 2 stderr "--format text does not apply"

run check --help
verify "--help documents --batch, --jobs and the exit status of a batch" 0 help

finish
