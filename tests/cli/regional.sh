#!/bin/sh
# regional.sh: the regional law (European Convention art. 3, its Protocol
# No. 4 art. 4, American Convention art. 22(8), OAU Refugee Convention art.
# II(3)) as an analyst meets it: who is bound and when (before ratification,
# a signatory that never ratified, denunciations, Russia's cessation), the
# N.D. and N.T. exception and the same facts without legal entry, the
# absolute art. 3 against a danger to security, a Dublin chain, jurisdiction,
# the timeline and the grading of the teaching exercise. Every test reads the
# verdict and the reason for it.
#
#   PACTA="build/pacta" sh tests/cli/regional.sh        (from the repository root)
#
# PACTA is used unquoted, so it may carry a prefix ("valgrind -q ... build/pacta").
# Prints "ok - NAME" or "not ok - NAME" per test, then "N passed, N failed";
# exits 1 if any test failed. Needs python3 (JSON parsing).

. "$(dirname "$0")/lib.sh"

# scenario NAME ACTOR ACTION TO DATE FACTS [CONDITIONS]: writes $tmp/NAME.yaml,
# one person (nationality XX unless the conditions say otherwise) removed by
# ACTOR to TO on DATE with the event FACTS (a YAML flow mapping).
scenario() {
    cat >"$tmp/$1.yaml" <<EOF
pacta: 1
title: regional test $1
persons:
  - {id: p, nationality: ${7:-SO}, status: undetermined}
conditions: ${6:-[]}
events:
  - {id: e, date: $5, actor: $2, action: $3, subject: p, to: $4, facts: $8}
EOF
}

# finding INSTRUMENT [RULE]: a python snippet selecting the one finding of
# that instrument (and rule) for event e, as `f`.
finding='
doc = json.loads(text)
def finding(inst, rule=None):
    fs = [f for f in doc["findings"] if f["instrument"] == inst and (rule is None or f["rule"] == rule)]
    if len(fs) != 1: fail("%d findings for %s %s" % (len(fs), inst, rule))
    return fs[0]
def reasons(f): return " ".join(f["reasons"])
def verdict(inst, want, rule=None):
    f = finding(inst, rule)
    if f["verdict"] != want: fail("%s verdict %s, want %s: %s" % (inst, f["verdict"], want, reasons(f)))
    return f
'

# ------------------------------------------------------------------ who is bound

# Spain's Protocol No. 4 binds from the deposit, 16 Sep 2009 (art. 7(1)).
scenario p4-before-ratification ES expel MA 2005-08-13 '[]' '' \
    '{individual_assessment: false, unlawful_group_entry: true, legal_entry_available: false}'
run check --all --format json "$tmp/p4-before-ratification.yaml"
check "Protocol No. 4: Spain in 2005, before its ratification of 2009, is not bound" "$finding"'
f = verdict("echr-p4", "not_applicable")
r = reasons(f)
if "2009-09-16" not in r or "art. 7(1)" not in r or "precedes that date" not in r: fail("reasons: %s" % r)
e = finding("echr")
if e["verdict"] == "not_applicable": fail("Spain was bound by the Convention since 1979: %s" % reasons(e))
'

scenario us-signatory US deport MX 2019-03-01 '[]' '' '{individual_assessment: false}'
run check --all --format json "$tmp/us-signatory.yaml"
check "American Convention: the United States signed in 1977 and never ratified, so it is not bound" "$finding"'
for rule in ("achr/return-to-danger", "achr/removal-without-assessment"):
    f = verdict("achr", "not_applicable", rule)
    r = reasons(f)
    if "1977-06-01" not in r or "signature alone does not bind" not in r: fail("reasons: %s" % r)
'

# Trinidad and Tobago: notice of 26 May 1998, effective one year later (art. 78(1)).
scenario tt-before-effect TT deport VE 1999-05-25 '[]' '' '{individual_assessment: false}'
run check --all --format json "$tmp/tt-before-effect.yaml"
check "American Convention: Trinidad and Tobago still bound the day before its denunciation took effect" "$finding"'
f = finding("achr", "achr/removal-without-assessment")
if f["verdict"] == "not_applicable": fail("not bound: %s" % reasons(f))
if "1999-05-26, after the event" not in reasons(f): fail("reasons: %s" % reasons(f))
'
scenario tt-after-effect TT deport VE 1999-05-26 '[]' '' '{individual_assessment: false}'
run check --all --format json "$tmp/tt-after-effect.yaml"
check "American Convention: Trinidad and Tobago's denunciation took effect on 26 May 1999" "$finding"'
f = verdict("achr", "not_applicable", "achr/removal-without-assessment")
r = reasons(f)
if "denounced" not in r or "1998-05-26" not in r or "1999-05-26, before the event" not in r: fail("reasons: %s" % r)
'
scenario ve-denounced VE deport CO 2014-01-10 '[]' '' '{individual_assessment: false}'
run check --all --format json "$tmp/ve-denounced.yaml"
check "American Convention: Venezuela no longer bound in 2014 (denunciation effective 10 Sep 2013)" "$finding"'
f = verdict("achr", "not_applicable", "achr/return-to-danger")
if "2013-09-10, before the event" not in reasons(f): fail("reasons: %s" % reasons(f))
'

# Russia ceased to be a party on 16 Sep 2022, six months after its expulsion
# (the record's `ceased` date, as the Committee of Ministers gives it).
for day in 2022-09-15 2022-09-16; do
    scenario "ru-$day" RU deport UA "$day" \
        '[{state: UA, fact: ill_treatment_on_return}]' '' '{voluntary: false}'
    run check --all --format json "$tmp/ru-$day.yaml"
    check "European Convention: Russia on $day (it ceased to be a party on 2022-09-16)" "$finding
day = '$day'"'
f = verdict("echr", "violation" if day == "2022-09-15" else "not_applicable")
if "ceased to be a party to the European Convention on Human Rights on 2022-09-16" not in reasons(f):
    fail("reasons: %s" % reasons(f))
'
done

# A party table marked incomplete: a member state with no record (Georgia) is
# unknown, and the finding waits for its party record; a state the table
# cannot omit (China) is still not a party.
scenario ge-unrecorded GE deport AF 2015-06-01 \
    '[{state: AF, fact: ill_treatment_on_return}]' '' '{voluntary: false}'
run check --all --format json "$tmp/ge-unrecorded.yaml"
check "European Convention: Georgia has no record in an incomplete table, so the finding is undetermined" "$finding"'
f = verdict("echr", "undetermined")
r = reasons(f)
if "party table for the European Convention on Human Rights is incomplete [Council of Europe Treaty Office, chart of signatures and ratifications of Treaty 005" not in r: fail("reasons: %s" % r)
if "no record for GE (Georgia)" not in r or "is not a party" in r: fail("reasons: %s" % r)
if f["missing"] != ["echr.parties.GE"]: fail("missing %r" % f["missing"])
'
scenario cn-outside CN deport KP 2015-06-01 \
    '[{state: KP, fact: ill_treatment_on_return}]' '' '{voluntary: false}'
run check --all --format json "$tmp/cn-outside.yaml"
check "European Convention: China, which the incomplete table cannot omit, is not a party" "$finding"'
f = verdict("echr", "not_applicable")
if "is not a party to the European Convention on Human Rights" not in reasons(f): fail("reasons: %s" % reasons(f))
if f["missing"]: fail("missing %r" % f["missing"])
'
run timeline --rules "$rules" GE --format json
check "timeline GE: the European Convention is unknown, not 'not bound'" '
if rc != 0: fail("exit %d" % rc)
doc = json.loads(text)
inst = {i["instrument"]: i for i in doc["instruments"]}
kinds = [e["kind"] for e in inst["echr"]["entries"]]
if kinds != ["unknown"]: fail("kinds %r" % kinds)
if "incomplete" not in inst["echr"]["entries"][0]["text"]: fail("text %r" % inst["echr"]["entries"][0])
'
run show --rules "$rules" echr --format json
check "show echr: the party table is marked incomplete, with the depositary's chart" '
if rc != 0: fail("exit %d" % rc)
inst = json.loads(text)["instrument"]
if inst.get("parties_incomplete", {}).get("id") != "coe-chart-005": fail("%r" % inst.get("parties_incomplete"))
'

# ------------------------------------------------------------------ Protocol No. 4 and the N.D. and N.T. exception

run test examples/echr-nd-nt-2014.yaml
check "N.D. and N.T. v. Spain: the shipped example reproduces the Grand Chamber's no violation" '
if rc != 0 or "2 passed, 0 failed" not in text: fail("exit %d" % rc)
'

nd_facts='{within_jurisdiction: true, individual_assessment: false, unlawful_group_entry: true, voluntary: false'
for legal in true false unknown; do
    scenario "nd-$legal" ES expel MA 2014-08-13 '[]' ML "$nd_facts, legal_entry_available: $legal}"
    run check --all --explain --format json "$tmp/nd-$legal.yaml"
    check "Protocol No. 4: a violent group crossing with legal entry available = $legal" "$finding
legal = '$legal'"'
f = verdict("echr-p4", {"true": "no_violation", "false": "violation", "unknown": "violation"}[legal])
step = [s for s in f["steps"] if s.get("id") == "own-conduct"]
if len(step) != 1: fail("no own-conduct step: %r" % f["steps"])
if step[0]["value"] != legal: fail("own-conduct %r" % step[0])
if legal == "unknown" and not any(c.startswith("Exception own-conduct not established") for c in f["caveats"]): fail("caveats %r" % f["caveats"])
'
done

# ------------------------------------------------------------------ Art. 3: absolute, chains, jurisdiction

scenario art3-security IT deport TN 2008-02-28 \
    '[{state: TN, fact: ill_treatment_on_return}]' TN \
    '{security_danger: true, within_jurisdiction: true, voluntary: false}'
run check --all --format json "$tmp/art3-security.yaml"
check "European Convention art. 3: a danger to security does not justify removal to ill-treatment (Saadi)" "$finding"'
f = verdict("echr", "violation")
r = " ".join(f["reasons"] + f["caveats"])
if "security_danger" not in r or "irrelevant" not in r: fail("reasons: %s" % r)
sources = json.loads(text)["sources"]
if not any(sources[c].get("source", "").startswith("Chahal") for c in f["citations"]): fail("Chahal not cited: %r" % f["citations"])
'

run test examples/echr-mss-2009.yaml
check "M.S.S. v. Belgium and Greece: a Dublin transfer is judged by Greece and by where Greece would send him" '
if rc != 0 or "1 passed, 0 failed" not in text: fail("exit %d" % rc)
'
scenario dublin-chain-only BE transfer GR 2009-06 \
    '[{state: GR, fact: onward_removal_risk}, {state: GR, fact: ill_treatment_on_return, value: false}, {state: AF, fact: ill_treatment_on_return}]' AF \
    '{within_jurisdiction: true, voluntary: false}'
run check --all --format json "$tmp/dublin-chain-only.yaml"
check "European Convention art. 3: the onward risk alone decides a transfer to a third state, judged by the onward state's own conditions" "$finding"'
f = verdict("echr", "violation")
if "onward_removal_risk = true" not in reasons(f): fail("reasons: %s" % reasons(f))
'

scenario outside-jurisdiction IT transfer LY 2009-05-06 \
    '[{state: LY, fact: ill_treatment_on_return}]' '' '{within_jurisdiction: false, voluntary: false}'
run check --all --format json "$tmp/outside-jurisdiction.yaml"
check "European Convention art. 3: an act outside the state's jurisdiction (art. 1) is no violation" "$finding"'
f = verdict("echr", "no_violation")
if "within_jurisdiction = false" not in reasons(f): fail("reasons: %s" % reasons(f))
'

# ------------------------------------------------------------------ the law as a whole

run timeline --rules "$rules" IT --format json
check "timeline IT: the European Convention and Protocol No. 4 beside the UN treaties" '
if rc != 0: fail("exit %d" % rc)
doc = json.loads(text)
inst = {i["instrument"]: i for i in doc["instruments"]}
for i in ("echr", "echr-p4", "refugee-convention", "cat", "iccpr"):
    if i not in inst: fail("no %s in %r" % (i, sorted(inst)))
def dates(i, kind): return [e["date"] for e in inst[i]["entries"] if e["kind"] == kind]
if dates("echr", "in_force") != ["1955-10-26"]: fail("ECHR in force %r" % dates("echr", "in_force"))
if dates("echr-p4", "in_force") != ["1982-05-27"]: fail("P4 in force %r" % dates("echr-p4", "in_force"))
'

run lint --rules "$rules" --format json
check "lint: the regional rules and party records raise no error and no warning" '
doc = json.loads(text)
items = doc["problems"]
regional = ("echr", "achr", "oau-refugee", "sources-regional")
bad = [d for d in items if d.get("severity") in ("error", "warning")
       and any(k in d.get("file", "") for k in regional)]
if bad: fail("%r" % bad[:3])
'

run grade examples/exercises/answers/16-war-is-not-persecution.yaml
check "grade: exercise 16, the war is not persecution but is an art. I(2) event" '
if rc != 1: fail("exit %d" % rc)
if "Score: 4/6 points" not in text or "2 passed, 1 failed" not in text: fail("score")
if "events seriously disturbing public order" not in flat: fail("the deciding element is not shown")
'

finish
