#!/bin/sh
# userkit.sh: what a new user meets before the first finding: `pacta new`
# (a template that loads as printed), `pacta --version` (library and rules
# identity), the bash completion (sourced in bash, asked for completions),
# and the scenarios in docs/ (every YAML example that is a scenario must
# load and meet its expect: block; every error example must fail as shown).
#
#   PACTA="build/pacta" sh tests/cli/userkit.sh        (from the repository root)
#
# Prints "ok - NAME" or "not ok - NAME" per test, then "N passed, N failed";
# exits 1 if any test failed. Needs python3 (JSON parsing) and bash.

. "$(dirname "$0")/lib.sh"

# ------------------------------------------------------------------ new

run new
cp "$tmp/out" "$tmp/new.yaml"
check "new: a commented template that says what each section is" '
if rc != 0 or err: fail("exit %d, stderr %r" % (rc, err))
for key in ("pacta: 1", "persons:", "conditions:", "events:", "expect:", "sources:"):
    if "\n" + key not in "\n" + text: fail("no %r" % key)
comments = [l for l in text.splitlines() if l.lstrip().startswith("#")]
if len(comments) < 20: fail("only %d comment lines" % len(comments))
'

run test --rules "$rules" "$tmp/new.yaml"
check "new: the template, with its example values, loads and meets its expect: block" '
if rc != 0 or err: fail("exit %d, stderr %r" % (rc, err))
if "1 passed, 0 failed" not in text: fail("expected 1 passed")
'

run check --rules "$rules" --format json "$tmp/new.yaml"
check "new: pacta check accepts the template and weighs its removal" '
if rc not in (0, 1): fail("exit %d" % rc)
doc = json.loads(text)
if not any(f["events"] == ["e2"] and f["instrument"] == "cat" for f in doc["findings"]):
    fail("no CAT finding on e2")
'

run new extra
check "new: an operand is bad usage, with the redirection to use instead" '
if rc != 2 or text: fail("exit %d, stdout %r" % (rc, text))
if "pacta new > extra" not in err: fail("stderr %r" % err)
'

run new --help
check "new --help" '
if rc != 0 or not text.startswith("usage: pacta new"): fail("exit %d" % rc)
'

# ------------------------------------------------------------------ --version

run check --rules "$rules" --format json examples/prc-2023-mass-return.yaml
digest=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["rulebase"]["sha256"])' "$tmp/out")
run --version --rules "$rules"
check "--version: the library version and the digest reports carry" '
if rc != 0 or err: fail("exit %d, stderr %r" % (rc, err))
lines = text.splitlines()
if not re.match(r"pacta \d+\.\d+\.\d+ \(libpacta \d+\.\d+\.\d+\)$", lines[0]): fail("line 1 %r" % lines[0])
if len(lines) != 2 or not re.match(r"rules: rules, \d+ files, \d+ rules, sha256 [0-9a-f]{64}$", lines[1]):
    fail("line 2 %r" % lines[1:])
if not lines[1].endswith("'"$digest"'"): fail("digest differs from check --format json")
'

run --version --rules "$tmp/no-such-rules"
check "--version with rules that do not load: the library line, then the error, exit 2" '
if rc != 2 or not text.startswith("pacta ") or "no-such-rules" not in err: fail("exit %d" % rc)
'

run --version --all
check "--version takes --rules only" '
if rc != 2 or "--all" not in err: fail("exit %d, stderr %r" % (rc, err))
'

# ------------------------------------------------------------------ completion

# complete WORDS...: the completions bash offers for the last word.
complete_words() {
    bash -c '. contrib/bash-completion/pacta
             COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
             _pacta; printf "%s\n" "${COMPREPLY[@]}"' pacta "$@" >"$tmp/out" 2>"$tmp/err"
    rc=$?
}

complete_words pacta ""
check "completion: the commands" '
words = set(text.split())
for w in ("check", "test", "lint", "timeline", "show", "grade", "new", "draft", "--version", "--help"):
    if w not in words: fail("no %s in %r" % (w, sorted(words)))
if err: fail(err)
'

complete_words pacta check --ex
check "completion: an option of check" '
if text.split() != ["--explain"]: fail(repr(text))
'

complete_words pacta check --cite ""
check "completion: the citation styles" '
if sorted(text.split()) != ["bluebook", "oscola", "plain"]: fail(repr(text))
'

complete_words pacta check --format ""
check "completion: the report formats of check" '
if sorted(text.split()) != ["html", "json", "markdown", "text"]: fail(repr(text))
'

complete_words pacta timeline --format ""
check "completion: the formats of timeline, svg among them" '
if sorted(text.split()) != ["json", "svg", "text"]: fail(repr(text))
'

complete_words pacta show --format ""
check "completion: the formats of the other commands" '
if sorted(text.split()) != ["json", "text"]: fail(repr(text))
'

complete_words pacta check --json-
check "completion: --json-shape among the options of check" '
if text.split() != ["--json-shape"]: fail(repr(text))
'

complete_words pacta check --json-shape ""
check "completion: the JSON shapes" '
if sorted(text.split()) != ["v1", "v2"]: fail(repr(text))
'

complete_words pacta draft -
check "completion: the options of draft" '
if sorted(text.split()) != ["--date", "--explain", "--help", "--rules"]: fail(repr(text))
'

complete_words pacta draft --date ""
check "completion: a date is typed, not completed" '
if text.split(): fail(repr(text))
'

complete_words pacta timeline --rules "$rules" C
check "completion: state codes read from the rules" '
words = text.split()
if "CN" not in words or "KP" in words or any(not w.startswith("C") for w in words): fail(repr(words))
'

complete_words pacta show ""
check "completion: instrument ids read from the rules" '
words = set(text.split())
for w in ("refugee-convention", "refugee-protocol", "cat", "iccpr", "customary"):
    if w not in words: fail("no %s in %r" % (w, sorted(words)))
'

complete_words pacta show refugee-convention/art_33
check "completion: provision eIds of one instrument" '
if sorted(text.split()) != ["refugee-convention/art_33__para_1", "refugee-convention/art_33__para_2"]:
    fail(repr(text))
'

complete_words pacta check --assume K
check "completion: --assume offers STATE. prefixes" '
if "KP." not in text.split(): fail(repr(text))
'

mkdir "$tmp/rules"
printf 'pacta-rules: 1\nstates:\n  - code: ZQ\n    name: Testland\n    source: x\n' >"$tmp/rules/states.yaml"
complete_words pacta timeline --rules "$tmp/rules" ""
check "completion: --rules DIR on the line chooses where names come from" '
if text.split() != ["ZQ"]: fail(repr(text))
'

# ------------------------------------------------------------------ docs

# Every ```yaml block of docs/ and every literal block of doc/*.5 that
# starts with "pacta: 1" is a scenario: it must pass `pacta test`, or, with a
# "# refused: LINE:COL: MESSAGE" line, be refused with exactly that message.
python3 - "$tmp" docs/*.md doc/*.5 <<'PY'
import re, sys
tmp, docs = sys.argv[1], sys.argv[2:]
n = 0
for path in docs:
    text = open(path, encoding="utf-8").read()
    block = r"^\.Bd -literal.*?\n(.*?)^\.Ed" if path.endswith(".5") else r"^```yaml\n(.*?)^```"
    for m in re.finditer(block, text, re.S | re.M):
        if not m.group(1).startswith("pacta: 1\n"):
            continue
        n += 1
        name = "%s/doc-%d.yaml" % (tmp, n)
        open(name, "w", encoding="utf-8").write(m.group(1))
        open(name + ".where", "w").write("%s:%d" % (path, text.count("\n", 0, m.start()) + 1))
PY
for f in "$tmp"/doc-*.yaml; do
    if [ ! -e "$f" ]; then
        not_ok "docs: scenario examples" "no yaml block in docs/ starts with 'pacta: 1'"
        break
    fi
    where=$(cat "$f.where")
    refused=$(sed -n 's/^# refused: //p' "$f")
    run test --rules "$rules" "$f"
    if [ -n "$refused" ]; then
        if [ "$rc" -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(cat "$tmp/err")" = "$f:$refused" ]; then
            ok "docs: $where is refused as shown"
        else
            not_ok "docs: $where is refused as shown" "exit $rc, expected '$f:$refused'"
        fi
    elif [ "$rc" -eq 0 ] && grep -q ' passed, 0 failed$' "$tmp/out" && ! grep -q '^NOTE' "$tmp/out"; then
        ok "docs: $where loads and meets its expect: block"
    else
        not_ok "docs: $where loads and meets its expect: block" "exit $rc"
    fi
done

finish
