#!/bin/sh
# whatif.sh: tests of what-if and grading as users run them: `pacta check
# --assume` (the verdicts it changes, and its errors), `--counterfactuals`
# (what would change a violation, what would decide an undetermined
# finding), and `pacta grade` / `pacta test --answers` (full and partial
# credit, the deciding step, malformed answer files). Each test asserts on
# the content, not only on the exit status.
#
#   PACTA="build/pacta" sh tests/cli/whatif.sh     (from the repository root)
#
# Prints "ok - NAME" or "not ok - NAME" per test, then "N passed, N failed".

. "$(dirname "$0")/lib.sh"

prc=examples/prc-2023-mass-return.yaml
laos=examples/missing-facts.yaml
answers=$here/answers

# has FILE TEXT: FILE holds TEXT (fixed string, possibly across wrapped lines
# joined by single spaces).
has() {
    tr '\n' ' ' <"$1" | sed -e 's/  */ /g' | grep -Fq -e "$2"
}

# expect NAME STATUS ARGS... -- TEXT...: pacta ARGS exits with STATUS and its
# stdout holds every TEXT.
expect() {
    name=$1 status=$2
    shift 2
    args=""
    while [ "$1" != "--" ]; do
        args="$args $1"
        shift
    done
    shift
    # shellcheck disable=SC2086
    run $args
    why=""
    [ "$rc" -eq "$status" ] || why="exit status $rc, expected $status"
    for text in "$@"; do
        has "$tmp/out" "$text" || why="$why; no '$text' on stdout"
    done
    if [ -z "$why" ]; then ok "$name"; else not_ok "$name" "$why"; fi
}

# refused NAME ERR ARGS...: exit status 2, nothing on stdout, and on stderr
# one line matching the extended regex ERR (bad input), or that line and a
# pointer to --help (bad usage).
refused() {
    name=$1 err_re=$2
    shift 2
    run "$@"
    why=""
    [ "$rc" -eq 2 ] || why="exit status $rc, expected 2"
    [ -s "$tmp/out" ] && why="$why; stdout is not empty"
    case $(sed -n 2p "$tmp/err") in
    "" | "Try 'pacta "*) ;;
    *) why="$why; more than the message on stderr" ;;
    esac
    [ "$(wc -l <"$tmp/err")" -le 2 ] || why="$why; more than two lines on stderr"
    head -n 1 "$tmp/err" | grep -Eq -e "$err_re" || why="$why; stderr does not match /$err_re/"
    if [ -z "$why" ]; then ok "$name"; else not_ok "$name" "$why"; fi
}

# ------------------------------------------------------------------ --assume

# a return to the person's own state: onward risks do not arise, so one assumption decides
expect "--assume KP.torture_on_return=false turns the CAT finding to no_violation" 1 \
    check --rules "$rules" --assume KP.torture_on_return=false "$prc" -- \
    "assuming: KP.torture_on_return=false" \
    "NO VIOLATION Convention against Torture art. 3(1)" \
    "changed: violation -> no_violation (by the assumptions)" \
    "Decided by: torture-risk absent (KP.torture_on_return = false;"

expect "--assume an onward risk as well changes nothing more" 1 \
    check --rules "$rules" --assume KP.torture_on_return=false \
    --assume=KP.onward_torture_risk=false "$prc" -- \
    "NO VIOLATION Convention against Torture art. 3(1)" \
    "changed: violation -> no_violation (by the assumptions)"

run check --rules "$rules" --format json --assume KP.torture_on_return=false \
    --assume KP.onward_torture_risk=false "$prc"
if [ "$rc" -eq 1 ] && python3 -c '
import json, sys
doc = json.loads(open(sys.argv[1], encoding="utf-8").read())
assert doc["assumptions"] == [{"fact": "KP.torture_on_return", "value": "false"},
                              {"fact": "KP.onward_torture_risk", "value": "false"}], doc["assumptions"]
cat = [f for f in doc["findings"] if f["rule"] == "cat/return-to-torture"]
assert len(cat) == 1 and cat[0]["verdict"] == "no_violation", cat
assert cat[0]["baseline_verdict"] == "violation" and cat[0]["changed"] is True
rc = [f for f in doc["findings"] if f["rule"] == "refugee-convention/return-to-risk"][0]
assert rc["changed"] is False and rc["baseline_verdict"] == rc["verdict"] == "violation"
assert doc["changed"] == sum(f["changed"] for f in doc["findings"]) >= 1
counts = {v: 0 for v in ("violation", "no_violation", "undetermined", "not_applicable")}
for f in doc["findings"]:
    counts[f["verdict"]] += 1
assert doc["summary"] == counts
' "$tmp/out" 2>"$tmp/err"; then
    ok "--assume in JSON: assumptions, baseline_verdict, changed"
else
    not_ok "--assume in JSON: assumptions, baseline_verdict, changed" "exit $rc, or wrong JSON"
fi

expect "--assume a date before entry into force: not_applicable, shown without --all" 0 \
    check --rules "$rules" --assume e2.date=1982-11-01 "$prc" -- \
    "NOT APPLICABLE Convention against Torture art. 3(1) — CN, e2 (1982-11-01)" \
    "changed: violation -> not_applicable" \
    "no longer found: refugee-convention/categorical-return (e1, e2): violation"

refused "--assume with a misspelt fact" \
    "^--assume: 'KP.torture_on_retrun=false': unknown fact 'torture_on_retrun' \\(hint: did you mean 'torture_on_return'\\?\\)$" \
    check --rules "$rules" --assume KP.torture_on_retrun=false "$prc"
refused "--assume naming no event, person or state" \
    "^$prc: --assume 'escapes.excluded=true': no event, person or state 'escapes' in this scenario \\(hint: did you mean 'escapees'\\?\\)$" \
    check --rules "$rules" --assume escapes.excluded=true "$prc"
refused "--assume without =VALUE" "is not FACT=VALUE" \
    check --rules "$rules" --assume KP.torture_on_return "$prc"
refused "--assume with a bad value" "true, false or unknown, not 'maybe'" \
    check --rules "$rules" --assume e2.voluntary=maybe "$prc"
refused "--assume needs a value" "'--assume' needs a value" check --rules "$rules" "$prc" --assume
refused "--assume is not for --batch" "--batch takes no --assume" \
    check --rules "$rules" --batch "$prc" --assume e2.voluntary=true

# ------------------------------------------------------------------ counterfactuals

expect "counterfactuals of the seeds' scenario: individual assessment, voluntary return" 1 \
    check --rules "$rules" --counterfactuals "$prc" -- \
    "What would change it:" \
    "if e2.individual_assessment were true: no_violation (element no-individual-assessment: false)" \
    "if e2.voluntary were true: no_violation" \
    "if e2.date were 1988-11-02: not_applicable (binding, art. 3(1): false)"

expect "counterfactuals of undetermined findings: each value of each missing fact" 0 \
    check --rules "$rules" --counterfactuals "$laos" -- \
    "if KP.torture_on_return is true: violation (element torture-risk: true); if false: no_violation (element torture-risk: false)" \
    "if KP.persecution_on_return is false and KP.torture_on_return is false: no_violation"

expect "--explain says what would change each finding" 1 \
    check --rules "$rules" --explain "$prc" -- \
    "What would change it:" "if e2.voluntary were true: no_violation"

run check --rules "$rules" --format json --counterfactuals "$prc" "$laos"
if [ "$rc" -eq 1 ] && python3 -c '
import json, sys
docs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(docs) == 2
for doc in docs:
    assert "assumptions" not in doc
    for f in doc["findings"]:
        searched = "counterfactuals" in f
        assert searched == (f["verdict"] in ("violation", "undetermined")), f["rule"]
        for c in f.get("counterfactuals", []):
            assert set(c) == {"changes", "verdict", "steps", "single"}, c
            assert all(set(x) == {"fact", "value"} for x in c["changes"])
            if f["verdict"] == "violation":
                assert c["verdict"] in ("no_violation", "not_applicable") and len(c["changes"]) <= 2
rc = [f for f in docs[0]["findings"] if f["rule"] == "refugee-convention/return-to-risk"][0]
# a danger asserted without an individual assessment is no Art. 33(2) exception
danger = [c for c in rc["counterfactuals"] if c["changes"] == [{"fact": "e2.security_danger", "value": "true"}]]
assert not danger, rc["counterfactuals"]
cat = [f for f in docs[1]["findings"] if f["rule"] == "cat/return-to-torture"][0]
singles = {(c["changes"][0]["fact"], c["changes"][0]["value"]): c["verdict"]
           for c in cat["counterfactuals"] if c["single"]}
assert singles[("KP.torture_on_return", "true")] == "violation", singles
assert singles[("KP.torture_on_return", "false")] == "no_violation", singles
' "$tmp/out" 2>"$tmp/err"; then
    ok "counterfactuals in JSON"
else
    not_ok "counterfactuals in JSON" "exit $rc, or wrong JSON"
fi

# ------------------------------------------------------------------ grade

expect "grade: a correct answer file passes with full marks" 0 \
    grade --rules "$rules" "$answers/correct.yaml" -- \
    "PASS line 7: e2 refugee-convention art_33__para_1 [refugee-convention/return-to-risk]: 5/5 points" \
    "ok: exception danger-to-security: answered unknown" \
    "Score: 8/8 points"
[ "$(tail -n 1 "$tmp/out")" = "3 passed, 0 failed" ] && ok "grade: the last line counts the answers" ||
    not_ok "grade: the last line counts the answers" "last line: $(tail -n 1 "$tmp/out")"

expect "grade: partial credit, explained by the deciding step" 1 \
    grade --rules "$rules" "$answers/partial.yaml" -- \
    "PASS line 7:" \
    "FAIL line 14: e2 cat art_3__para_1: 1/3 points" \
    "wrong: verdict: answered no_violation; pacta finds violation" \
    "decided by element torture-risk: true there are substantial grounds for believing" \
    "- KP.torture_on_return = true (from condition:" \
    "wrong: element torture-risk: answered false; pacta finds true" \
    "ok: exception voluntary-return: answered false" \
    "Score: 3/5 points"
[ "$(tail -n 1 "$tmp/out")" = "1 passed, 1 failed" ] && ok "grade: 1 passed, 1 failed" ||
    not_ok "grade: 1 passed, 1 failed" "last line: $(tail -n 1 "$tmp/out")"

cp "$tmp/out" "$tmp/grade.txt"
run test --rules "$rules" --answers "$answers/partial.yaml"
if [ "$rc" -eq 1 ] && cmp -s "$tmp/out" "$tmp/grade.txt"; then
    ok "test --answers is grade"
else
    not_ok "test --answers is grade" "exit $rc, or another output"
fi

run grade --rules "$rules" --format json "$answers/partial.yaml"
if [ "$rc" -eq 1 ] && python3 -c '
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
assert text.endswith("}\n") and text.count("\n") == 1
doc = json.loads(text)
assert doc["summary"] == {"passed": 1, "failed": 1} and doc["score"] == {"points": 3, "possible": 5}
cat = doc["results"][1]
assert cat["rule"] == "cat/return-to-torture" and cat["passed"] is False
assert (cat["points"], cat["possible"]) == (1, 3)
v = cat["verdict"]
assert v["answered"] == "no_violation" and v["actual"] == "violation" and not v["correct"]
step = v["deciding_steps"][0]
assert step["kind"] == "element" and step["id"] == "torture-risk" and step["value"] == "true"
assert any(x["ref"] == "KP.torture_on_return" and x["from"] == "condition" for x in step["facts"])
assert [(s["id"], s["correct"]) for s in cat["steps"]] == [("torture-risk", False), ("voluntary-return", True)]
assert doc["results"][0]["verdict"]["deciding_steps"] == []
' "$tmp/out" 2>"$tmp/err"; then
    ok "grade --format json"
else
    not_ok "grade --format json" "exit $rc, or wrong JSON"
fi

refused "grade: a malformed answer file, at its position" \
    "^$answers/malformed.yaml:10:5: unknown key 'exeptions' in an answer \\(hint: did you mean 'exceptions'\\?\\)$" \
    grade --rules "$rules" "$answers/malformed.yaml"
refused "grade: an exception listed as an element" \
    "^$answers/misplaced.yaml:9:7: 'danger-to-security' is not one of the elements .*put it under 'exceptions:'" \
    grade --rules "$rules" "$answers/misplaced.yaml"
refused "grade: a missing answer file" "no-such-answers.yaml" \
    grade --rules "$rules" "$tmp/no-such-answers.yaml"
refused "grade without a file" "no ANSWERS file given" grade --rules "$rules"

finish
