#!/bin/sh
# draft.sh: tests of `pacta draft`. Each report of tests/draft/ (NAME.txt,
# written for these tests in the styles analysts meet: wire copy, NGO
# statements, UN briefings, press releases, passive voice, two removals, a
# denial and a correction, nothing returned, hedged reports) must draft
# into exactly NAME.yaml (the reviewed expected draft; NAME.args holds extra
# options), and `pacta check` must accept that draft as it stands. Then
# --explain, and bad input: empty, binary, over the input limit, invalid
# UTF-8, each one clear message and exit status 2.
#
#   PACTA="build/pacta" sh tests/cli/draft.sh        (from the repository root)

. "$(dirname "$0")/lib.sh"

corpus=tests/draft

for text in "$corpus"/*.txt; do
    name=$(basename "$text" .txt)
    args=""
    [ -f "$corpus/$name.args" ] && args=$(cat "$corpus/$name.args")
    # shellcheck disable=SC2086
    run draft --rules "$rules" $args "$text"
    if [ "$rc" -ne 0 ]; then
        not_ok "draft $name" "exit $rc"
        continue
    fi
    if ! diff -u "$corpus/$name.yaml" "$tmp/out" >"$tmp/diff"; then
        not_ok "draft $name: the draft is the expected one" "$(head -n 30 "$tmp/diff")"
        continue
    fi
    ok "draft $name: the draft is the expected one"
    cp "$tmp/out" "$tmp/$name.yaml"
    run check --rules "$rules" "$tmp/$name.yaml"
    if [ "$rc" -eq 0 ] || [ "$rc" -eq 1 ]; then
        ok "draft $name: pacta check accepts the draft unchanged"
    else
        not_ok "draft $name: pacta check accepts the draft unchanged" "exit $rc"
    fi
done

count=$(ls "$corpus"/*.txt | wc -l)
if [ "$count" -ge 15 ]; then ok "the corpus holds $count reports"; else not_ok "corpus size" "$count reports"; fi

# ------------------------------------------------------------------ what the drafts say

run draft --rules "$rules" "$corpus/05-two-removals.txt"
check "two removals to different states: two events, two groups, two destinations" '
ev = re.findall(r"^  - id: (e\d+)\n((?:    .*\n)+)", text, re.M)
if len(ev) != 2: fail("events %r" % [e[0] for e in ev])
to = [re.search(r"^    to: (\w+)", body, re.M).group(1) for _, body in ev]
if to != ["TJ", "UZ"]: fail("destinations %r" % to)
if "subject: tj-nationals" not in ev[0][1] or "subject: uz-nationals" not in ev[1][1]: fail("subjects")
'

run draft --rules "$rules" "$corpus/06-denial-correction.txt"
check "a denial and a correction: only the detention is drafted, the rest is listed as left out" '
if len(re.findall(r"^  - id: e", text, re.M)) != 1 or "action: detain" not in text: fail("events")
if "the text denies it" not in text or "the text withdraws this report" not in text: fail("left out")
if "action: return" in text or "action: deport" in text: fail("a denied or withdrawn act was drafted")
'

run draft --rules "$rules" "$corpus/07-nothing-returned.txt"
check "nothing returned: no event, and the denied return is listed" '
if re.search(r"^events:", text, re.M): fail("an events list")
if "\"returned\" line 2: the text denies it" not in text: fail("the denial is not listed")
'

run draft --rules "$rules" "$corpus/08-hedged.txt"
check "a hedged fact is unknown, quoting the hedge; a hedged act says so" '
if "sought_protection: unknown" not in text or "hedged by \"reportedly\"" not in text: fail("hedged fact")
if "# reported with reserve: \"allegedly\"" not in text: fail("hedged act")
'

run draft --rules "$rules" "$corpus/13-threatened-range.txt"
check "a threatened removal and a range of counts kept in the comment" '
if "count: 500" not in text or "500 to 600" not in text: fail("range")
if "# threatened, not reported as done" not in text: fail("threat")
'

# ------------------------------------------------------------------ --explain and --date

run draft --rules "$rules" --explain "$corpus/01-wire-repatriation.txt"
check "--explain lists each extraction with its line, column, cue and span" '
if rc != 0: fail("exit %d" % rc)
lines = text.splitlines()
if not lines[0].startswith("Extractions from"): fail("header")
want = ["2:34\tstate\tstate-names\t\"Chinese\"", "2:63\tact\tact-repatriate\t\"repatriated\"\taction return",
        "2:123\tdate\tdate-weekday\t\"on Monday\"\t2023-10-09", "3:18\thedge\thedge\t\"reportedly\""]
for w in want:
    if not any(l.startswith(w) for l in lines): fail("no line %r" % w)
if lines[-1] != "1 event(s) drafted, 0 incomplete, 0 act(s) left out.": fail(lines[-1])
'

printf 'Police deported 20 Laotian nationals to Laos on Monday, without any screening.\n' > "$tmp/nodate.txt"
run draft --rules "$rules" "$tmp/nodate.txt"
check "no article date: the event is written as comments, and the draft still loads" '
if rc != 0: fail("exit %d" % rc)
if "#     date: ?" not in text or "give --date" not in text: fail("no date placeholder")
if re.search(r"^events:", text, re.M): fail("an incomplete event drafted as valid")
'
cp "$tmp/out" "$tmp/nodate.yaml"
run check --rules "$rules" "$tmp/nodate.yaml"
check "no article date: pacta check accepts the draft" 'if rc == 2: fail(err)'

# run() reads /dev/null; standard input needs the command itself
$PACTA draft --rules "$rules" --date 2024-02-14 - <"$tmp/nodate.txt" >"$tmp/out" 2>"$tmp/err"
rc=$?
check "--date anchors \"on Monday\"; \"-\" reads standard input" '
if rc != 0: fail("exit %d" % rc)
if "date: 2024-02-12" not in text: fail("date")
if "drafted by `pacta draft` from <stdin>" not in text: fail("name")
'

run draft --rules "$rules" --date 2024-02-30 "$tmp/nodate.txt"
check "--date must be a date" '
if rc != 2 or "not a date" not in err: fail("exit %d: %s" % (rc, err))
if text: fail("output")
'

# ------------------------------------------------------------------ bad input

bad() { # NAME FILE EXPECTED-MESSAGE
    run draft --rules "$rules" "$2"
    check "bad input, $1: one clear message and exit status 2" "
if rc != 2: fail('exit %d' % rc)
if text: fail('output on stdout')
lines = err.splitlines()
if len(lines) not in (1, 2): fail('%d lines of message' % len(lines))
if '''$3''' not in lines[0]: fail(lines[0])
"
}

: >"$tmp/empty.txt"
bad "empty" "$tmp/empty.txt" "empty.txt: no text to draft from: the input is empty"
printf '  \n\n\t\n' >"$tmp/blank.txt"
bad "only blanks" "$tmp/blank.txt" "no text to draft from"
printf 'Thai police deported\000\001\002 twelve men\n' >"$tmp/binary.txt"
bad "binary" "$tmp/binary.txt" "binary.txt:1:21: a control byte (0x00): this is binary data, not a text"
printf 'Line one.\nThai police deport\351 twelve men\n' >"$tmp/latin1.txt"
bad "invalid UTF-8" "$tmp/latin1.txt" "latin1.txt:2:19: invalid UTF-8 (byte 0xE9)"
head -c 52428800 /dev/zero | tr '\000' 'a' >"$tmp/big.txt"
bad "50 MB" "$tmp/big.txt" "big.txt: larger than the input limit"
rm -f "$tmp/big.txt"
bad "a directory" "$tmp" "is a directory"
bad "a missing file" "$tmp/missing.txt" "missing.txt: No such file or directory"

run draft --rules "$rules"
check "no FILE: usage, exit 2" 'if rc != 2 or "no FILE given" not in err: fail("%d %s" % (rc, err))'

finish
