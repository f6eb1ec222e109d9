#!/bin/sh
# run.sh: tests of the pacta command as users run it: options, exit
# statuses, error messages with their file:line:column, and the JSON output.
#
#   PACTA="build/pacta" sh tests/cli/run.sh        (from the repository root)
#
# PACTA is used unquoted, so it may carry a prefix ("valgrind -q ... build/pacta").
# Prints "ok - NAME" or "not ok - NAME" (with details after "#") per test,
# then "N passed, N failed"; exits 1 if any test failed.

. "$(dirname "$0")/lib.sh"

# run_stdin FILE ARGS...: the same, with FILE as standard input.
run_stdin() {
    input=$1
    shift
    # shellcheck disable=SC2086
    $PACTA "$@" >"$tmp/out" 2>"$tmp/err" <"$input"
    rc=$?
}

# expect NAME STATUS OUT ERR ARGS...: runs pacta with ARGS and checks the
# exit status, and that some line of stdout (stderr) matches the extended
# regex OUT (ERR). "-" means the stream must be empty; "" means anything.
expect() {
    name=$1 status=$2 out_re=$3 err_re=$4
    shift 4
    run "$@"
    why=$(check_result "$status" "$out_re" "$err_re")
    if [ -z "$why" ]; then ok "$name"; else not_ok "$name" "$why"; fi
}

check_result() {
    [ "$rc" -eq "$1" ] || { echo "exit status $rc, expected $1"; return; }
    check_stream "$tmp/out" stdout "$2"
    check_stream "$tmp/err" stderr "$3"
}

check_stream() {
    case $3 in
    "") ;;
    -) [ -s "$1" ] && echo "$2 is not empty" ;;
    *) grep -Eq -e "$3" "$1" || echo "no line of $2 matches /$3/" ;;
    esac
}

# ------------------------------------------------------------------ basics

version=$(sed -n 's/^#define PACTA_VERSION_STRING "\(.*\)"$/\1/p' include/pacta.h)

run --version --rules "$rules"
if [ "$rc" -eq 0 ] && [ "$(head -n 1 "$tmp/out")" = "pacta $version (libpacta $version)" ] &&
    [ ! -s "$tmp/err" ]; then
    ok "--version prints the program's and the library's version"
else
    not_ok "--version prints the program's and the library's version" \
        "exit $rc, expected line 1 exactly 'pacta $version (libpacta $version)'"
fi

expect "--help prints usage to stdout" 0 '^usage: pacta check ' - --help
expect "help command prints usage" 0 'pacta test \[--rules DIR\] FILE' - help
expect "check --help prints usage" 0 '^usage: ' - check --help
expect "no arguments is a usage error" 2 - '^usage: '
expect "unknown option" 2 - "unknown option '--frobnicate'" --frobnicate
expect "unknown command" 2 - "unknown command 'chek'" chek x.yaml
expect "unknown check option" 2 - "unknown option '--colour'" check --colour x.yaml
expect "unknown format" 2 - "unknown format 'xml'" check --format xml x.yaml
expect "--format without a value" 2 - "'--format' needs a value" check x.yaml --format
expect "test takes --format only with --coverage" 2 - "goes with --coverage" test --format json x.yaml
expect "check without a file" 2 - 'no scenario FILE' check --rules "$rules"

missing="$tmp/no-such-file.yaml"
expect "missing file names the file" 2 - "^$tmp/no-such-file\\.yaml: No such file or directory\$" \
    check --rules "$rules" "$missing"
expect "a directory as FILE" 2 - "^$here: is a directory\$" check --rules "$rules" "$here"
expect "a missing rules directory" 2 - "$tmp/no-rules" check --rules "$tmp/no-rules" \
    "$here/escape.yaml"

# The rulebase: --rules beats $PACTA_RULES, which beats ./rules.
PACTA_RULES=$tmp/env-rules
export PACTA_RULES
expect "\$PACTA_RULES names the rulebase" 2 - "$tmp/env-rules" check "$here/escape.yaml"
run check --rules "$rules" --format json "$here/escape.yaml"
if [ "$rc" -le 1 ] && grep -q '"sha256"' "$tmp/out"; then
    ok "--rules overrides \$PACTA_RULES"
else
    not_ok "--rules overrides \$PACTA_RULES" "exit $rc"
fi
unset PACTA_RULES
run check --format json "$here/escape.yaml"
if [ "$rc" -le 1 ] && grep -q '"sha256"' "$tmp/out"; then
    ok "./rules is the default rulebase"
else
    not_ok "./rules is the default rulebase" "exit $rc"
fi

# ------------------------------------------------------------------ bad scenarios

# bad_scenario CASE LINE COLUMN MESSAGE [HINT]: tests/cli/bad/CASE.yaml must be
# refused with exit status 2, nothing on stdout, and exactly one line on
# stderr: "FILE:LINE:COLUMN: ..." matching MESSAGE (and HINT, if given).
bad_scenario() {
    file=$here/bad/$1.yaml
    run check --rules "$rules" "$file"
    why=$(check_result 2 - "$4")
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || why="$why; not exactly one line on stderr"
    case $(head -n 1 "$tmp/err") in
    "$file:$2:$3: "*) ;;
    *) why="$why; does not start with '$file:$2:$3: '" ;;
    esac
    if [ -n "${5:-}" ] && ! grep -Eq -e "\\(hint: .*$5" "$tmp/err"; then
        why="$why; no hint matching /$5/"
    fi
    if [ -z "$why" ]; then ok "bad scenario: $1"; else not_ok "bad scenario: $1" "$why"; fi
}

#            case                line col message (ERE)                           hint (ERE)
bad_scenario unknown-key         5  5   "unknown key 'natonality'"               "'nationality'"
bad_scenario duplicate-id        5  9   "duplicate person id 'escapees'"
bad_scenario undefined-person    11 14  "undefined person 'refugees'"
bad_scenario impossible-date     8  11  "'2023-02-30' is not a day"
bad_scenario removal-without-to  7  5   "'return' event needs 'to'"             "to: KP"
bad_scenario unknown-state       9  12  "unknown state 'XX'"                     "ISO 3166-1 alpha-2"
bad_scenario state-by-name       9  12  "unknown state 'Chnia'"                  "'CN' \\(China\\)"
bad_scenario unknown-action      10 13  "unknown action 'retrun'"                "'return'"
bad_scenario unknown-fact        8  11  "unknown fact 'torture_on_retrun'"       "'torture_on_return'"
bad_scenario no-version          1  1   "pacta: 1"
bad_scenario second-document     11 5   "unknown key 'nationalty'"               "'nationality'"

# Syntax errors and binary input: libyaml decides the position, so only the
# file name, the exit status and the single line are asserted.
for case in syntax binary; do
    file=$here/bad/$case.yaml
    run check --rules "$rules" "$file"
    why=$(check_result 2 - "^$file:")
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || why="$why; not exactly one line on stderr"
    if [ -z "$why" ]; then ok "bad scenario: $case"; else not_ok "bad scenario: $case" "$why"; fi
done

# No partial output: a good file before a bad one prints nothing either.
expect "a bad file stops every report" 2 - "^$here/bad/unknown-key.yaml:5:5: " \
    check --rules "$rules" --format json "$here/escape.yaml" "$here/bad/unknown-key.yaml"
expect "a bad file stops pacta test" 2 - "^$here/bad/unknown-fact.yaml:8:11: " \
    test --rules "$rules" "$here/escape.yaml" "$here/bad/unknown-fact.yaml"

# ------------------------------------------------------------------ bad rules

# bad_rules CASE LINE COLUMN MESSAGE: the real rules plus tests/cli/badrules/CASE/*
# (one malformed file, loaded last) must be refused at the malformed file.
bad_rules() {
    dir=$tmp/rules-$1
    rm -rf "$dir"
    cp -R "$rules" "$dir" && cp "$here/badrules/$1"/*.yaml "$dir/"
    run check --rules "$dir" "$here/escape.yaml"
    why=$(check_result 2 - "zz-bad\\.yaml:$2:$3: .*$4")
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || why="$why; not exactly one line on stderr"
    if [ -z "$why" ]; then ok "bad rules: $1"; else not_ok "bad rules: $1" "$why"; fi
}

bad_rules unknown-key 5 5 "unknown key 'ttle'"
bad_rules bad-regex 7 14 "missing closing parenthesis"
bad_rules unknown-declaration 8 16 "defines no declaration 'europe-only'"

# ------------------------------------------------------------------ declarations

# A party's declaration with a withdrawal: the rules with Turkey's art.
# 1B(1)(a) declaration withdrawn on 2000-06-15 (a fixture date, in a copy),
# and returns before, during (a month that contains the date) and after.
dir=$tmp/rules-withdrawn
cp -R "$rules" "$dir"
python3 - "$dir/parties/refugee-convention.yaml" <<'EOF_PY'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
old = "        - id: europe-only\n"
assert text.count(old) == 1, "Turkey's declaration is not where the test expects it"
text = text.replace(old, old + "          withdrawn: {date: 2000-06-15, source: untc-scrape-rc}\n")
open(path, "w", encoding="utf-8").write(text)
EOF_PY
run test --rules "$dir" "$here/declarations/withdrawal.yaml"
check "a declaration binds until its withdrawal: not_applicable before, undetermined across, violation after" '
if rc != 0: fail("exit %d" % rc)
if "4 passed, 0 failed" not in text: fail("summary %r" % text.splitlines()[-1:])
'
run check --rules "$dir" --all --format json "$here/declarations/withdrawal.yaml"
check "the findings cite the declaration and say when it was withdrawn" '
doc = json.loads(text)
rc_ = {f["events"][0]: f for f in doc["findings"] if f["rule"] == "refugee-convention/return-to-risk"}
cited = [doc["sources"][c] for c in rc_["before"]["citations"]]
if "art. 1B(1)" not in json.dumps(cited): fail("before: no art. 1B(1) citation")
if not any("It takes this case outside the obligations TR accepted" in r for r in rc_["before"]["reasons"]): fail("before: %r" % rc_["before"]["reasons"])
if "during.date" not in rc_["during"]["missing"]: fail("during: missing %r" % rc_["during"]["missing"])
if not any("withdrew its declaration under art. 1B(1)" in r and "2000-06-15" in r for r in rc_["after"]["reasons"]): fail("after: %r" % rc_["after"]["reasons"])
'

# ------------------------------------------------------------------ output

# The escaping scenario: title and description with quotes, backslashes, a
# tab, a control character and non-ASCII text. The JSON must parse and give
# the title back exactly.
run check --rules "$rules" --format json "$here/escape.yaml"
if [ "$rc" -le 1 ] && python3 -c '
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert text.endswith("}\n") and text.count("\n") == 1, "not one object on one line"
doc = json.loads(text)
want = "Quote \" backslash \\ tab \t ctrl \x01 \u5317\u671d\u9bae caf\u00e9 end"
assert doc["scenario"]["title"] == want, repr(doc["scenario"]["title"])
assert doc["pacta"] and doc["rulebase"]["sha256"] and doc["rulebase"]["files"] > 0
' "$tmp/out" 2>"$tmp/py"; then
    ok "JSON escaping round-trips the title"
else
    cp "$tmp/py" "$tmp/err"
    not_ok "JSON escaping round-trips the title" "exit $rc, or the JSON is wrong"
fi

# Text: the same strings, with the tab shown as a space and the control
# character as U+FFFD, and the summary line.
run check --rules "$rules" --all "$here/escape.yaml"
if [ "$rc" -le 1 ] && ! LC_ALL=C grep -q "$(printf '[\001-\011\013-\037\177]')" "$tmp/out" &&
    grep -q "^Scenario: Quote \" backslash \\\\ tab ctrl $(printf '\357\277\275') " "$tmp/out" &&
    grep -Eq '^[0-9]+ violation, [0-9]+ no_violation, [0-9]+ undetermined, [0-9]+ not_applicable$' "$tmp/out"; then
    ok "text output carries no control characters"
else
    not_ok "text output carries no control characters" "exit $rc, or unexpected text"
fi

# Citations a memo can use, in every example: each authority once per
# finding, never a source's internal id as its short citation, never a short
# citation that only repeats its label ("..., CAT/C/GC/4; CAT/C/GC/4").
run check --rules "$rules" --all --format json $(ls examples/*.yaml)
check "every finding cites each authority once, by what it is" '
ids = set(re.findall(r"^  - id: (\S+)", open("rules/sources.yaml", encoding="utf-8").read() +
                     open("rules/sources-parties.yaml", encoding="utf-8").read(), re.M))
for line in text.splitlines():
    doc = json.loads(line)
    for f in doc["findings"]:
        cited = [doc["sources"][c] for c in f["citations"]]
        labels = [c.get("label") for c in cited]
        if len(labels) != len(set(labels)): fail("%s %s: a citation twice: %r" % (f["rule"], f["events"], labels))
        for c in cited:
            if c.get("source") in ids: fail("%s: the internal id %r as a short citation" % (f["rule"], c["source"]))
'
run check --rules "$rules" --all --explain $(ls examples/*.yaml)
check "no short citation repeats its label" '
m = re.search(r"([A-Z][A-Za-z]*/[A-Za-z0-9/.]+); \1\b", flat)
if m: fail("repeated: %r" % flat[max(0, m.start() - 80):m.end()])
'

run_stdin "$here/escape.yaml" check --rules "$rules" --format json -
if [ "$rc" -le 1 ] && grep -q '"scenario":{"file":"<stdin>"' "$tmp/out"; then
    ok "- reads standard input"
else
    not_ok "- reads standard input" "exit $rc, or the scenario is not named <stdin>"
fi

# Several scenarios make JSON Lines, one object per line, in input order.
run check --rules "$rules" --format json "$here/multi.yaml" "$here/escape.yaml"
if [ "$rc" -le 1 ] && python3 -c '
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
assert lines[-1] == "", "no newline after the last object"
docs = [json.loads(l) for l in lines[:-1]]
assert [d["scenario"]["title"][:6] for d in docs] == ["Multi ", "Multi ", "Quote "], docs
' "$tmp/out" 2>"$tmp/py"; then
    ok "several scenarios make JSON Lines"
else
    cp "$tmp/py" "$tmp/err"
    not_ok "several scenarios make JSON Lines" "exit $rc, or the JSON Lines are wrong"
fi

# Every example: the JSON parses, follows the contract's shape, and its
# summary counts its findings; the exit status says whether there was a violation.
examples=$(ls examples/*.yaml examples/*/*.yaml 2>/dev/null)
if [ -z "$examples" ]; then
    echo "# no examples/*.yaml yet: example tests skipped"
fi
for example in $examples; do
    run check --rules "$rules" --format json "$example"
    if [ "$rc" -le 1 ] && python3 -c '
import json, sys
status = int(sys.argv[2])
for line in open(sys.argv[1], encoding="utf-8"):
    doc = json.loads(line)
    assert set(doc) >= {"pacta", "rulebase", "scenario", "findings", "summary"}, set(doc)
    counts = {v: 0 for v in ("violation", "no_violation", "undetermined", "not_applicable")}
    for f in doc["findings"]:
        for key in ("rule", "verdict", "actor", "events", "date", "instrument", "provision",
                    "basis", "reasons", "missing", "caveats", "citations"):
            assert key in f, key
        assert f["basis"] in ("treaty", "customary", "domestic", "bilateral"), f["basis"]
        assert ("binding" in f) <= (f["basis"] != "customary"), "binding on customary law"
        counts[f["verdict"]] += 1
    assert doc["summary"] == counts, (doc["summary"], counts)
    if counts["violation"] > 0:
        assert status == 1, "a violation but exit status 0"
' "$tmp/out" "$rc" 2>"$tmp/py"; then
        ok "JSON of $example"
    else
        cp "$tmp/py" "$tmp/err"
        not_ok "JSON of $example" "exit $rc, or the JSON does not follow the contract"
    fi
done

# pacta test over the examples ends with the count line.
if [ -n "$examples" ]; then
    # shellcheck disable=SC2086
    run test --rules "$rules" $examples
    if [ "$rc" -le 1 ] && tail -n 1 "$tmp/out" | grep -Eq '^[0-9]+ passed, [0-9]+ failed$'; then
        ok "pacta test over the examples"
    else
        not_ok "pacta test over the examples" "exit $rc, or no 'N passed, N failed' line"
    fi
fi

# pacta test: four expectations naming four verdicts for one finding, so
# at least three fail; every one gets a line, and the count adds up.
run test --rules "$rules" "$here/expect.yaml"
npass=$(grep -c "^PASS $here/expect.yaml:[0-9]*: e1 refugee-convention/art_33__para_1 " "$tmp/out")
nfail=$(grep -c "^FAIL $here/expect.yaml:[0-9]*: e1 refugee-convention/art_33__para_1\$" "$tmp/out")
if [ "$rc" -eq 1 ] && [ $((npass + nfail)) -eq 4 ] && [ "$nfail" -ge 3 ] &&
    grep -Eq '^  expected: [a-z_]+ +actual: ([a-z_]+ \([0-9]+ findings? selected\)|no finding selected)$' "$tmp/out" &&
    [ "$(tail -n 1 "$tmp/out")" = "$npass passed, $nfail failed" ]; then
    ok "pacta test reports PASS, FAIL and the count"
else
    not_ok "pacta test reports PASS, FAIL and the count" "exit $rc, or unexpected output"
fi

finish
