#!/bin/sh
# tools.sh: tests of the commands over the law, as an analyst runs them:
# `pacta timeline` (what bound a state, and when), `pacta show` (a provision,
# its words and who uses it), `pacta lint` (the rules themselves), their
# JSON, and their errors and exit statuses. Every test reads the content.
#
#   PACTA="build/pacta" sh tests/cli/tools.sh        (from the repository root)
#
# PACTA is used unquoted, so it may carry a prefix ("valgrind -q ... build/pacta").
# Prints "ok - NAME" or "not ok - NAME" per test, then "N passed, N failed";
# exits 1 if any test failed. Needs python3 (JSON parsing).

. "$(dirname "$0")/lib.sh"

# ------------------------------------------------------------------ timeline

run timeline --rules "$rules" CN --on 2023-10-09 --format json
check "timeline CN --on 2023-10-09: what bound China on the day of the returns" '
if rc != 0: fail("exit %d" % rc)
doc = json.loads(text)
if doc["state"] != "CN" or doc["date"] != "2023-10-09": fail("state/date: %r %r" % (doc["state"], doc["date"]))
inst = {i["instrument"]: i for i in doc["instruments"]}
def entries(i, kind): return [e for e in inst[i]["entries"] if e["kind"] == kind]
def answer(i, provision):
    for a in inst[i]["answers"]:
        if a["provision"] == provision: return a
    fail("no answer for %s/%s" % (i, provision))
rc_ = inst["refugee-convention"]
c = entries("refugee-convention", "consent")
if [(e["date"], e["consent_type"]) for e in c] != [("1982-09-24", "accession")]: fail("RC consent %r" % c)
f = entries("refugee-convention", "in_force")
if [(e["date"], e["clause"]) for e in f] != [("1982-12-23", "art. 43(2)")]: fail("RC in force %r" % f)
a = answer("refugee-convention", "art_33__para_1")
if a["bound"] != "true" or a["binding"]["in_force"] != "1982-12-23" or "via" in a["binding"]:
    fail("RC answer %r" % a)
if not any("art. 43(2)" in r and "1982-12-23" in r for r in a["reasons"]): fail("RC reasons %r" % a["reasons"])
f = entries("refugee-protocol", "in_force")
if [e["date"] for e in f] != ["1982-09-24"]: fail("Protocol in force %r" % f)
t = entries("refugee-convention", "through")
if len(t) != 1 or t[0]["date"] != "1982-09-24" or "until 1982-12-22" not in t[0]["text"]:
    fail("the days CN was bound only through the Protocol: %r" % t)
c = entries("cat", "consent")
if [(e["date"], e["consent_type"]) for e in c] != [("1988-10-04", "ratification")]: fail("CAT consent %r" % c)
if [e["date"] for e in entries("cat", "in_force")] != ["1988-11-03"]: fail("CAT in force")
if answer("cat", "art_3__para_1")["bound"] != "true": fail("CAT answer")
s = entries("iccpr", "signature")
if [e["date"] for e in s] != ["1998-10-05"]: fail("ICCPR signature %r" % s)
if entries("iccpr", "consent") or entries("iccpr", "in_force"): fail("ICCPR must have no consent")
if not any("never ratified" in e["text"] for e in entries("iccpr", "not_bound")): fail("ICCPR not_bound")
a = answer("iccpr", "art_7")
if a["bound"] != "false" or not any("signature alone does not bind" in r for r in a["reasons"]):
    fail("ICCPR answer %r" % a)
if answer("customary", "non_refoulement")["bound"] != "true": fail("customary law")
for i in doc["instruments"]:
    for e in i["entries"]:
        for s in e["sources"]:
            if "title" not in s: fail("source %r of %s has no title" % (s, i["instrument"]))
'

run timeline --rules "$rules" CN --on 2023-10-09
check "timeline CN --on 2023-10-09 in text: each line with its citation" '
if rc != 0: fail("exit %d" % rc)
for needle in ["CN China: what bound it on 2023-10-09",
               "1982-12-23  in force for CN under art. 43(2) (90 days after the deposit)",
               "1988-10-04  ratification",
               "1998-10-05  signed",
               "signed but never ratified",
               "On 2023-10-09: bound by Refugee Convention art. 33(1)",
               "On 2023-10-09: not bound by ICCPR art. 7",
               "Sources:"]:
    if needle not in text: fail("no %r" % needle)
if not re.search(r"^    \[untc-rc\] \S", text, re.M): fail("no citation line for untc-rc")
'

run timeline --rules "$rules" KP --format json
check "timeline KP: the 1997 ICCPR withdrawal notice is ineffective" '
if rc != 0: fail("exit %d" % rc)
doc = json.loads(text)
if "date" in doc: fail("no --on, yet a date")
iccpr = [i for i in doc["instruments"] if i["instrument"] == "iccpr"][0]
d = [e for e in iccpr["entries"] if e["kind"] == "denunciation"]
if len(d) != 1 or d[0]["effective"] is not False or not d[0]["date"].startswith("1997"):
    fail("denunciation %r" % d)
if "ineffective" not in d[0]["text"] or "hrc-gc26" not in [s["id"] for s in d[0]["sources"]]:
    fail("denunciation text or citation %r" % d[0])
if [e for e in iccpr["entries"] if e["kind"] == "ceased"]: fail("an ineffective notice cannot end the obligation")
if "answers" in iccpr: fail("answers without --on")
'

run timeline --rules "$rules" KP --on 2023-10-09
check "timeline KP --on 2023-10-09: still bound by the ICCPR" '
if rc != 0: fail("exit %d" % rc)
for needle in ["notice of withdrawal, ineffective", "On 2023-10-09: bound by ICCPR art. 7",
               "the notice is ineffective and KP remains bound"]:
    if needle not in flat: fail("no %r" % needle)
'

run timeline --rules "$rules" US --on 2023-10-09 --format json
check "timeline US: bound by the Convention's art. 33 only through the Protocol" '
if rc != 0: fail("exit %d" % rc)
doc = json.loads(text)
rc_ = [i for i in doc["instruments"] if i["instrument"] == "refugee-convention"][0]
if not any(e["kind"] == "through" for e in rc_["entries"]): fail("no through entry %r" % rc_["entries"])
a = [a for a in rc_["answers"] if a["provision"] == "art_33__para_1"][0]
if a["bound"] != "true" or a["binding"].get("via") != "refugee-protocol": fail("answer %r" % a)
'

run timeline --rules "$rules" "Holy See" --on 1960-01-01 --format json
check "timeline of the Holy See, a non-member: the Convention from 1956-06-13, CAT not yet" '
if rc != 0: fail("exit %d, stderr %r" % (rc, err))
doc = json.loads(text)
by = {i["instrument"]: i for i in doc["instruments"]}
rc_ = by["refugee-convention"]
if "1956-06-13" not in [e.get("date") for e in rc_["entries"]]: fail("entries %r" % rc_["entries"])
if rc_["answers"][0]["bound"] != "true" or by["cat"]["answers"][0]["bound"] != "false":
    fail("answers %r / %r" % (rc_["answers"], by["cat"]["answers"]))
'

run timeline --rules "$rules" XK
check "timeline of an unknown code: exit 2, and no guess at a code one letter away" '
if rc != 2 or text: fail("exit %d, stdout %r" % (rc, text))
if "unknown state '"'"'XK'"'"'" not in err or "did you mean" in err or "alpha-2" not in err: fail("stderr %r" % err)
'

run timeline --rules "$rules" Chna
check "timeline suggests a state by its name" '
if rc != 2 or "did you mean '"'"'CN'"'"' (China)?" not in err: fail("exit %d, stderr %r" % (rc, err))
'

run timeline --rules "$rules" CN --on 2023-13-01
check "timeline --on a date that does not exist: exit 2" '
if rc != 2 or text or "2023-13-01" not in err: fail("exit %d, stderr %r" % (rc, err))
'

run timeline --rules "$rules"
check "timeline without a state is a usage error" '
if rc != 2 or "no STATE given" not in err: fail("exit %d, stderr %r" % (rc, err))
'

run timeline --help
check "timeline --help" '
if rc != 0 or not text.startswith("usage: pacta timeline"): fail("exit %d, %r" % (rc, text[:80]))
'

# ------------------------------------------------------------------ show

run show --rules "$rules" refugee-convention/art_33__para_1
check "show refugee-convention/art_33__para_1: the text and the rules using it" '
if rc != 0: fail("exit %d" % rc)
for needle in ["Refugee Convention art. 33(1) [refugee-convention/art_33__para_1]",
               "Convention relating to the Status of Refugees, art. 33(1); 189 UNTS 137",
               "No Contracting State shall expel or return",
               "Text read in: [lm-rc]",
               "refugee-convention/return-to-risk (rule)",
               "refugee-convention/categorical-return (rule)",
               "Interpretations attached:",
               "[unhcr-ao-2007]"]:
    if needle not in flat: fail("no %r" % needle)
'

run show --rules "$rules" --format json refugee-convention/art_33__para_1
check "show --format json: provision, uses and authorities" '
if rc != 0: fail("exit %d" % rc)
doc = json.loads(text)
p = doc["provisions"]
if len(p) != 1 or p[0]["id"] != "art_33__para_1" or not p[0]["text"].startswith("No Contracting State"):
    fail("provisions %r" % p)
if p[0]["source"]["id"] != "lm-rc" or p[0]["non_reservable"] is not True: fail("source or reservability %r" % p[0])
rules_ = {u["rule"] for u in doc["uses"] if u["role"] == "rule"}
if "refugee-convention/return-to-risk" not in rules_: fail("uses %r" % doc["uses"])
if not any(u["role"] == "incorporated" and u["id"] == "refugee-protocol" for u in doc["uses"]):
    fail("the route through the Protocol is missing")
if doc["instrument"]["entry_into_force"] != {"delay": "90 days", "clause": "art. 43(2)", "source": doc["instrument"]["entry_into_force"]["source"]}:
    fail("entry_into_force %r" % doc["instrument"]["entry_into_force"])
'

run show --rules "$rules" iccpr
check "show iccpr: the instrument, and that it cannot be denounced" '
if rc != 0: fail("exit %d" % rc)
for needle in ["ICCPR: International Covenant on Civil and Political Rights [iccpr, treaty]",
               "in force (general): 1976-03-23",
               "3 months after the deposit, under art. 49(2)",
               "no clause: the instrument cannot be denounced [hrc-gc26]",
               "Provisions:", "art. 7 (art_7)"]:
    if needle not in flat: fail("no %r" % needle)
'

run show --rules "$rules" refugee-convention/art_33
check "show an unknown provision: exit 2 and the closest eId" '
if rc != 2 or text: fail("exit %d, stdout %r" % (rc, text))
if "has no provision '"'"'art_33'"'"' in the rules, only parts of it (hint: did you mean '"'"'art_33__para_1'"'"', '"'"'art_33__para_2'"'"'?)" not in err:
    fail("stderr %r" % err)
'

run show --rules "$rules" refugee-convension
check "show an unknown instrument: exit 2 and the closest id" '
if rc != 2 or "did you mean '"'"'refugee-convention'"'"'?" not in err: fail("exit %d, stderr %r" % (rc, err))
'

# ------------------------------------------------------------------ lint

run lint --rules "$rules"
check "lint passes on rules/" '
if rc != 0: fail("exit %d: %s" % (rc, "\n".join(l for l in text.splitlines() if ": error: " in l)[:2000]))
if not re.search(r"^0 errors, \d+ warnings?, \d+ notes? in \d+ rule files, coverage from \d+ example scenarios$", text, re.M):
    fail("summary: %r" % text.splitlines()[-1:])
for line in text.splitlines()[:-1]:
    if not re.match(r"^[^:]+:\d+:\d+: (warning|note): .* \[[a-z-]+\]$", line): fail("not file:line:column: %r" % line)
'

run lint --rules "$rules" --format json --no-examples
check "lint --format json --no-examples" '
if rc != 0: fail("exit %d" % rc)
doc = json.loads(text)
if "examples" in doc or doc["summary"]["error"] != 0 or len(doc["rulebase"]["sha256"]) != 64: fail("%r" % {k: doc[k] for k in doc if k != "problems"})
if any(p["check"].startswith("unexercised") for p in doc["problems"]): fail("coverage without examples")
'

# A copy of the rules, broken in one place: a date without its source.
cp -R "$rules" "$tmp/rules"
sed -e 's/^\(      consent: {date: 1982-09-24, type: accession\), source: untc-rc}/\1}/' \
    "$rules/parties/refugee-convention.yaml" >"$tmp/rules/parties/refugee-convention.yaml"
run lint --rules "$tmp/rules"
check "lint: a date without a source is an error at its position, exit 2" '
if rc != 2: fail("exit %d" % rc)
m = re.search(r"^(\S+refugee-convention\.yaml):(\d+):(\d+): error: the date .1982-09-24. has no source .*\[load\]$", text, re.M)
if not m: fail("stdout %r" % text[:400])
line = open(m.group(1), encoding="utf-8").read().splitlines()[int(m.group(2)) - 1]
if line[int(m.group(3)) - 1:].split(",")[0] != "1982-09-24": fail("the column points at %r" % line)
if "1 error, 0 warnings" not in text: fail("summary")
'

cp "$rules/parties/refugee-convention.yaml" "$tmp/rules/parties/refugee-convention.yaml"
cat >"$tmp/rules/zz-lint.yaml" <<'EOF'
pacta-rules: 1
sources:
  - {id: zz-never-cited, title: A source nothing cites}
EOF
run lint --rules "$tmp/rules" --no-examples --strict
check "lint --strict: warnings alone exit 1" '
if rc != 1: fail("exit %d" % rc)
if not re.search(r"zz-lint\.yaml:3:5: warning: source .zz-never-cited. is cited by nothing in the rules .*\[uncited-source\]$", text, re.M):
    fail("stdout %r" % text[-600:])
'

# Citations an analyst could not put in a memo: a link to a mirror (as a
# source's url and as an instrument's), a cited source with no official
# identifier, two sources cited alike, and one source cited twice in a list.
cp -R "$rules" "$tmp/rules-cite" && cp "$here"/badrules/citations/zz-citations.yaml "$tmp/rules-cite/"
run lint --rules "$tmp/rules-cite" --no-examples
check "lint: mirror links, sources without an official identifier and duplicate citations are warnings at file:line:col" '
if rc != 0: fail("exit %d (warnings alone exit 0)" % rc)
want = [
    r"zz-citations\.yaml:7:10: warning: source .zz-mirror. links to a mirror, docslib\.org .*\[mirror-link\]$",
    r"zz-citations\.yaml:5:5: warning: source .zz-mirror. has no official identifier: .*its link is a mirror.*\[no-official-identifier\]$",
    r"zz-citations\.yaml:8:5: warning: source .zz-no-identifier. has no official identifier: .* and no link .*\[no-official-identifier\]$",
    r"zz-citations\.yaml:10:5: warning: sources .\S+. and .zz-same-cite. are both cited as .189 UNTS 137. .*\[duplicate-citation\]$",
    r"zz-citations\.yaml:15:3: warning: A customary rule cited through the sources above cites source .zz-mirror. twice \[duplicate-citation\]$",
    r"zz-citations\.yaml:22:10: warning: the citation of the A customary rule cited through the sources above links to a mirror, 123dok\.com .*\[mirror-link\]$",
]
for w in want:
    if not re.search(w, text, re.M): fail("missing %s in %r" % (w, [l for l in text.splitlines() if "zz-" in l]))
if "zz-same-cite. has no official identifier" in text: fail("a symbol is an official identifier")
'

run lint --rules "$rules" --no-examples
check "lint: the shipped rules have no citation warnings" '
bad = [l for l in text.splitlines() if re.search(r"\[(mirror-link|no-official-identifier|duplicate-citation)\]$", l)]
if bad: fail("%d citation warnings, e.g. %r" % (len(bad), bad[:3]))
'

run lint --rules "$rules" extra
check "lint takes no operand" '
if rc != 2 or "unexpected argument" not in err: fail("exit %d, stderr %r" % (rc, err))
'

run lint --rules "$rules" --examples "$tmp/no-such-folder"
check "lint --examples needs a folder" '
if rc != 2 or "is not a folder" not in err: fail("exit %d, stderr %r" % (rc, err))
'

finish
