#!/usr/bin/env python3
"""Generate pacta's state list and the machine-derived party records.

Usage: tools/gen_wpd_parties.py [--data DIR] [--scrape DIR] [--rules DIR] [--check]

Inputs (DIR defaults: --data /work/shared/data, --scrape <repo>/tools/data/untc-scrape,
--rules <repo>/rules):
  DATA/un-treaty-status-years/hr_status_cat.csv, hr_status_iccpr.csv
      WPD (world-politics-datalab/humanrights-treaties-ratification-status,
      commit fdb779e): every UN member, its status ("state party",
      "signatory state", "no action") and the YEAR of ratification/accession.
  DATA/untc-status/{refugee-convention,refugee-protocol,iccpr,cat}.csv
      rows read on copies of the UN Treaty Collection status pages (exact
      dates; partial tables; see DATA/untc-status/README.md).
  SCRAPE/{5-2,5-5,4-4,4-9}.csv
      the whole participant tables of the UNTC status pages (MTDSG V.2, V.5,
      IV.4, IV.9) as the zmjones/untreaties scraper stored them (exact dates,
      status between late September 2012 and September 2013; see
      SCRAPE/README.md). SCRAPE/annotations.csv: reservations and notes read
      in the same scraper's copies of the declarations, per state.
  RULES/parties/{refugee-convention,refugee-protocol,cat,iccpr}.yaml
      the HANDWRITTEN records (facts.md section 3 states). Every state that
      has a record there is skipped here, instrument by instrument, so the
      loader never sees two records for one state and treaty. The state codes
      are read with a regular expression on "- state: XX" lines (stdlib only,
      no YAML parser), so keep that line shape in the handwritten files.

Outputs (overwritten; do not edit them by hand, edit this script or the
handwritten files and run it again):
  RULES/states.yaml                        every UN member in WPD (source wpd),
                                           and the non-members in NON_MEMBERS
  RULES/parties/<instrument>-untc.yaml     one record per UNTC CSV row (b)
  RULES/parties/<instrument>-scrape.yaml   one record per scraped UNTC row not
                                           covered above (c): parties, and
                                           signatories that had not consented
                                           (unless WPD says they did later)
  RULES/parties/cat-wpd.yaml, iccpr-wpd.yaml
                                           one record per WPD "state party"
                                           not covered above (d): year only,
                                           no consent type (WPD gives none);
                                           with the scraped signature when the
                                           scrape shows the state as signatory

Conversion rules:
  - UNTC rows: consent_type as spelt in the CSV (accession, succession,
    ratification); signature when printed; successions get no `effective`
    (the pages do not give it). Rows with an empty iso2 (former states:
    Czechoslovakia, German Democratic Republic) are skipped. The source id
    follows the row's source_url (URL_SOURCES below).
  - WPD "state party": consent {date: YEAR, source: wpd}, no type.
    WPD "signatory state": no record (WPD gives no signature date; absence
    means not bound, which is right for a signatory); listed in a comment at
    the top of the WPD file instead.
  - WPD uses the withdrawn ISO code TP for Timor-Leste; it is written TL,
    the current ISO 3166-1 code (CODE_FIX).
  - For CAT and ICCPR, a UNTC row whose year differs from WPD's is reported
    on stderr (none did when this was written).
  - Scraped rows: "a" accession, "d" succession, no mark ratification (as on
    the UNTC page); participant names are mapped to codes by SCRAPE_NAMES or
    by WPD's spelling; the Holy See, not a UN member, gets its code from
    NON_MEMBERS. Participants with no code in states.yaml would be skipped
    and listed in the file's header. Where the scraped
    consent year differs from WPD's, the scraped row is used and the record
    says so.

--check: generate into memory and exit 1 if any output file differs from
what is on disk (for CI).
"""

import argparse
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

INSTRUMENTS = ["refugee-convention", "refugee-protocol", "cat", "iccpr"]
WPD_FILES = {"cat": "hr_status_cat.csv", "iccpr": "hr_status_iccpr.csv"}

# source_url of a UNTC CSV row -> (source id in rules/, label of the copy read)
URL_SOURCES = [
    ("docslib.org/doc/5005851", "untc-rc", "the UNTC V.2 printout (docslib copy, R1)"),
    ("unhchr.ch/html/menu3/b/treaty2ref.htm", "untc-rc",
     "the 2002 OHCHR mirror of the UNTC V.2 page (R2)"),
    ("treaties.un.org/pages/ShowMTDSGDetails.aspx?src=UNTSONLINE&tabid=2&mtdsg_no=V-5",
     "untc-p", "the UNTC V.5 page as at 19-03-2024 (P1)"),
    ("docslib.org/doc/8866853", "untc-p", "the UNTC V.5 printout (docslib copy, P2)"),
    ("treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=IV-4", "untc-iccpr",
     "the UNTC IV.4 page as at 23-04-2014 (I1)"),
    ("electionjudgments.org/en/entity/tmq5z1pv9i", "unts-999-171",
     "999 UNTS 171, footnote 1, the 1976 list of original parties (I2)"),
    ("text-id.123dok.com/document/q5mv6o3y", "untc-cat",
     "the UNTC IV.9 printout (123dok copy, C1)"),
]

SCRAPE_FILES = {"refugee-convention": "5-2.csv", "refugee-protocol": "5-5.csv",
                "iccpr": "4-4.csv", "cat": "4-9.csv"}
# The depositary record each scraped table was read from (rules/sources-parties.yaml):
# one source per MTDSG chapter, whose url is the UNTC page and whose read_at is the copy.
SCRAPE_SOURCE = {"refugee-convention": "untc-scrape-rc", "refugee-protocol": "untc-scrape-p",
                 "cat": "untc-scrape-cat", "iccpr": "untc-scrape-iccpr"}
SCRAPE_MTDSG = {"refugee-convention": "V.2", "refugee-protocol": "V.5",
                "iccpr": "IV.4", "cat": "IV.9"}

# Participant names of the scraped UNTC tables that differ from WPD's spelling.
# None: a participant with no code in states.yaml (not a UN member).
SCRAPE_NAMES = {
    "Bolivia (Plurinational State of)": "BO", "Cape Verde": "CV",
    "Cote d'Ivoire": "CI", "Democratic Republic of the Congo": "CD",
    "Democratic People's Republic of Korea": "KP", "Holy See": "VA",
    "Iran (Islamic Republic of)": "IR", "Lao People's Democratic Republic": "LA",
    "Republic of Korea": "KR", "Republic of Moldova": "MD",
    "Russian Federation": "RU", "The former Yugoslav Republic of Macedonia": "MK",
    "Timor-Leste": "TL", "United Kingdom of Great Britain and Northern Ireland": "GB",
    "United Republic of Tanzania": "TZ", "United States of America": "US",
    "Venezuela (Bolivarian Republic of)": "VE", "St. Kitts and Nevis": "KN",
    "St. Vincent and the Grenadines": "VC", "St. Lucia": "LC",
}

SCRAPE_MARKS = {"a": "accession", "d": "succession", "": "ratification"}
MONTHS = {m: i + 1 for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"])}

CODE_FIX = {"TP": "TL"}  # WPD still uses the withdrawn code for Timor-Leste

# Participants that are not UN members (so not in WPD) but are parties in the
# scraped tables: code, name, and the source of the ISO 3166-1 code. The State
# of Palestine (PS) is left out: its 2014 accessions are in no table read, and
# a code without its records would answer "not bound" where it is bound.
NON_MEMBERS = [("VA", "Holy See", "iso-3166-va")]

CONSENT_TYPES = {"ratification", "accession", "succession", "acceptance", "approval"}

YAML11_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"}


def q(s):
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    out = ['"']
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ord(ch) < 0x20:
            out.append("\\x%02x" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def code(c):
    """A state code, quoted where YAML 1.1 would read it as a boolean (NO)."""
    return q(c) if c.lower() in YAML11_WORDS else c


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def hand_states(rules, inst):
    path = os.path.join(rules, "parties", inst + ".yaml")
    states = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r'^\s*-\s+state:\s*"?([A-Z]{2})"?\s*(#.*)?$', line)
            if m:
                if m.group(1) in states:
                    sys.exit("%s: state %s twice" % (path, m.group(1)))
                states.add(m.group(1))
    return states


def source_for(url):
    for needle, sid, label in URL_SOURCES:
        if needle in url:
            return sid, label
    sys.exit("no source id for URL %r: add it to URL_SOURCES" % url)


def wpd_rows(data, inst):
    rows = read_csv(os.path.join(data, "un-treaty-status-years", WPD_FILES[inst]))
    for r in rows:
        r["iso2"] = CODE_FIX.get(r["iso2"], r["iso2"])
    return rows


def gen_states(data):
    rows = wpd_rows(data, "cat")
    other = {(r["iso2"], r["member"]) for r in wpd_rows(data, "iccpr")}
    if other != {(r["iso2"], r["member"]) for r in rows}:
        sys.exit("the two WPD files list different members")
    lines = [
        "pacta-rules: 1",
        "# The state codes a scenario may use: every UN member listed in WPD",
        "# (hr_status_cat.csv; hr_status_iccpr.csv lists the same 193), code = iso2,",
        "# name = WPD's spelling. Generated by tools/gen_wpd_parties.py; do not edit.",
        "# TL: WPD writes the withdrawn code TP (\"East Timor\"); TL is the current",
        "# ISO 3166-1 code. Non-members that are parties in the data (the Holy See)",
        "# follow, each with the source of its code; no former state is needed.",
        "states:",
    ]
    entries = [(r["iso2"], r["member"], "wpd") for r in rows] + NON_MEMBERS
    seen = set()
    for c, name, source in sorted(entries):
        if not re.fullmatch(r"[A-Z]{2}", c) or c in seen:
            sys.exit("bad or duplicate code %r" % c)
        seen.add(c)
        lines.append("  - code: %s" % code(c))
        lines.append("    name: %s" % q(name))
        lines.append("    source: %s" % source)
    return "\n".join(lines) + "\n", seen


def gen_untc(data, rules, inst, known, wpd_year, annotations, scraped):
    """Records for the UNTC CSV rows; a signature the CSV copy cut off is taken
    from the scraped table of the same page when its consent date agrees."""
    hand = hand_states(rules, inst)
    rows = read_csv(os.path.join(data, "untc-status", inst + ".csv"))
    recs, skipped_hand, skipped_former = [], [], []
    for r in rows:
        c = r["iso2"]
        if not c:
            skipped_former.append(r["participant"])
            continue
        if c not in known:
            sys.exit("%s.csv: %s is not in states.yaml" % (inst, c))
        if c in hand:
            skipped_hand.append(c)
            continue
        t = r["consent_type"]
        if t not in CONSENT_TYPES:
            sys.exit("%s.csv: %s: consent type %r" % (inst, c, t))
        sid, label = source_for(r["source_url"])
        if wpd_year is not None and wpd_year.get(c) not in (None, r["consent_date"][:4]):
            print("warning: %s %s: UNTC %s vs WPD %s" % (inst, c, r["consent_date"],
                                                        wpd_year[c]), file=sys.stderr)
        note = "Row \"%s\" of data/untc-status/%s.csv, read in %s." % (r["participant"], inst, label)
        if r["note"]:
            note += " CSV note: " + r["note"]
        rec = ["    - state: %s" % code(c)]
        if r["signature"]:
            rec.append("      signature: {date: %s, source: %s}" % (r["signature"], sid))
        elif scraped.get(c, {}).get("signature") and \
                scraped[c]["consent_date"] == r["consent_date"]:
            rec.append("      signature: {date: %s, source: %s}"
                       % (scraped[c]["signature"], SCRAPE_SOURCE[inst]))
            note += ("" if note.endswith(".") else ".") + (" Signature from the scraped UNTC %s table (tools/data/untc-scrape/%s),"
                     " whose consent date agrees." % (SCRAPE_MTDSG[inst], SCRAPE_FILES[inst]))
        rec.append("      consent: {date: %s, type: %s, source: %s}" % (r["consent_date"], t, sid))
        notes = [note]
        annotate(rec, notes, annotations.get((inst, c), []))
        rec.append("      note: %s" % q(" ".join(notes)))
        recs.append((c, rec))
    if len({c for c, _ in recs}) != len(recs):
        sys.exit("%s.csv: a state has two rows" % inst)
    head = [
        "pacta-rules: 1",
        "# %s: party records converted from data/untc-status/%s.csv (rows read on" % (inst, inst),
        "# copies of the UN Treaty Collection status page; exact dates). Generated by",
        "# tools/gen_wpd_parties.py; do not edit. Partial: a state missing here is",
        "# unknown in that source, not a non-party.",
        "# Skipped, handwritten in %s.yaml: %s" % (inst, ", ".join(skipped_hand) or "none"),
        "# Skipped, former states without an ISO code: %s" % (", ".join(skipped_former) or "none"),
        "parties:",
        "  instrument: %s" % inst,
        "  records:",
    ]
    body = [l for _, rec in sorted(recs) for l in rec]
    return "\n".join(head + body) + "\n", {c for c, _ in recs}


def scrape_date(text):
    """'30 Aug 2005 a' -> ('2005-08-30', 'accession'); '' -> (None, None)."""
    text = text.strip()
    if not text:
        return None, None
    m = re.fullmatch(r"(\d{1,2}) ([A-Z][a-z]{2}) (\d{4})(?: ([ad]))?", text)
    if not m or m.group(2) not in MONTHS:
        sys.exit("scrape: bad date %r" % text)
    return ("%s-%02d-%02d" % (m.group(3), MONTHS[m.group(2)], int(m.group(1))),
            SCRAPE_MARKS[m.group(4) or ""])


def read_scrape(scrape, inst, names):
    """code -> row dict of the scraped table; plus the participants without a code."""
    path = os.path.join(scrape, SCRAPE_FILES[inst])
    rows, uncoded = {}, []
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.reader(f):
            if r[0] == "Participant":
                continue
            sig, consent = ("", r[1]) if len(r) == 2 else (r[1], r[2])
            if r[0] in SCRAPE_NAMES:
                c = SCRAPE_NAMES[r[0]]
            elif r[0].lower() in names:
                c = names[r[0].lower()]
            else:
                sys.exit("%s: no code for participant %r: add it to SCRAPE_NAMES" % (path, r[0]))
            if c is None:
                uncoded.append(r[0])
                continue
            if c in rows:
                sys.exit("%s: %s twice" % (path, c))
            date, kind = scrape_date(consent)
            signature, _ = scrape_date(sig)
            if signature and date and signature > date:
                sys.exit("%s: %s signed after consenting" % (path, c))
            rows[c] = {"participant": r[0], "signature": signature,
                       "consent_date": date, "consent_type": kind}
    return rows, uncoded


def read_annotations(scrape):
    out = {}
    for r in read_csv(os.path.join(scrape, "annotations.csv")):
        if r["kind"] not in ("reservation", "note"):
            sys.exit("annotations.csv: kind %r" % r["kind"])
        out.setdefault((r["instrument"], r["iso2"]), []).append(r)
    return out


def annotate(rec, notes, anns):
    """Appends the annotations' reservations to rec and their texts to notes."""
    res = [a for a in anns if a["kind"] == "reservation"]
    if res:
        rec.append("      reservations:")
        for a in res:
            rec.append("        - provisions: [%s]" % ", ".join(a["provisions"].split()))
            rec.append("          text: %s" % q(a["text"]))
            rec.append("          source: %s" % a["source"])
    for a in anns:
        if a["kind"] == "note":
            notes.append("%s [%s]" % (a["text"], a["source"]))


def gen_scrape(scrape, rules, inst, known, covered, wpd, names, annotations):
    """Records for scraped rows that neither the handwritten file nor the UNTC CSV covers."""
    hand = hand_states(rules, inst)
    rows, uncoded = read_scrape(scrape, inst, names)
    recs, skipped, later = [], [], []
    for c, r in sorted(rows.items()):
        if c not in known:
            sys.exit("%s: %s is not in states.yaml" % (SCRAPE_FILES[inst], c))
        if c in hand or c in covered:
            skipped.append(c)
            continue
        w = wpd.get(c) if wpd is not None else None
        if r["consent_date"] is None and w is not None and w["status"] == "state party":
            later.append(c)   # consented after the scrape: the WPD file carries it
            continue
        rec = ["    - state: %s" % code(c)]
        if r["signature"]:
            rec.append("      signature: {date: %s, source: %s}" % (r["signature"], SCRAPE_SOURCE[inst]))
        notes = []
        if r["consent_date"]:
            rec.append("      consent: {date: %s, type: %s, source: %s}"
                       % (r["consent_date"], r["consent_type"], SCRAPE_SOURCE[inst]))
            if r["consent_type"] == "succession":
                notes.append("Date of the notification of succession; the page does not give "
                             "the date from which the succession took effect.")
            if w is not None and w["status"] == "state party" and \
                    w["year ratification or accession"] != r["consent_date"][:4]:
                notes.append("CONFLICT: WPD gives the year %s; the depositary row is used."
                             % w["year ratification or accession"])
        else:
            notes.append("Signatory only at the date of the scrape%s."
                         % ("; WPD (later) also lists it as a signatory" if w is not None
                            and w["status"] == "signatory state" else ""))
        annotate(rec, notes, annotations.get((inst, c), []))
        rec.append("      note: %s" % q(" ".join(
            ["Row \"%s\" of the UNTC MTDSG %s table (tools/data/untc-scrape/%s)."
             % (r["participant"], SCRAPE_MTDSG[inst], SCRAPE_FILES[inst])] + notes)))
        recs.append((c, rec))
    head = [
        "pacta-rules: 1",
        "# %s: party records converted from tools/data/untc-scrape/%s, the UNTC" % (inst, SCRAPE_FILES[inst]),
        "# MTDSG %s participant table as downloaded by the zmjones/untreaties scraper" % SCRAPE_MTDSG[inst],
        "# (source %s; status between late September 2012 and September 2013)." % SCRAPE_SOURCE[inst],
        "# Generated by tools/gen_wpd_parties.py; do not edit. States that consented",
        "# later are in the WPD file (CAT, ICCPR) or listed in rules/UNVERIFIED.md.",
        "# Skipped, handwritten (%s.yaml) or read on a UNTC copy (%s-untc.yaml):" % (inst, inst),
        "#   %s" % (" ".join(skipped) or "none"),
        "# Skipped, signatories at the scrape that WPD lists as parties later (in the",
        "# WPD file, with this signature): %s" % (" ".join(later) or "none"),
        "# Skipped, participants without a code in states.yaml: %s" % (", ".join(uncoded) or "none"),
        "parties:",
        "  instrument: %s" % inst,
        "  records:",
    ]
    body = [l for _, rec in recs for l in rec]
    parties = {c for c, rec in recs if any("consent:" in l for l in rec)}
    return "\n".join(head + body) + "\n", {c for c, _ in recs}, parties, rows


def gen_wpd(data, rules, inst, known, untc, scraped):
    hand = hand_states(rules, inst)
    recs, signatories = [], []
    for r in wpd_rows(data, inst):
        c = r["iso2"]
        if c not in known:
            sys.exit("%s: %s not in states.yaml" % (inst, c))
        if r["status"] == "signatory state":
            signatories.append("%s %s%s" % (c, r["member"],
                                            " (handwritten record)" if c in hand else ""))
            continue
        if r["status"] != "state party" or c in hand or c in untc:
            continue
        y = r["year ratification or accession"]
        if not re.fullmatch(r"(19|20)\d\d", y):
            sys.exit("%s: %s: year %r" % (inst, c, y))
        rec = ["    - state: %s" % code(c)]
        notes = []
        s = scraped.get(c)
        if s is not None and s["signature"]:
            rec.append("      signature: {date: %s, source: %s}" % (s["signature"], SCRAPE_SOURCE[inst]))
            notes.append("Signature from the scraped UNTC table (signatory only at the scrape, "
                         "2012-13); consent year from WPD.")
        rec.append("      consent: {date: %s, source: wpd}" % y)
        if c in CODE_FIX.values():
            notes.append("WPD code TP written as the current ISO code TL.")
        if r["note"]:
            notes.append("WPD note: " + r["note"])
        if notes:
            rec.append("      note: %s" % q(" ".join(notes)))
        recs.append((c, rec))
    head = [
        "pacta-rules: 1",
        "# %s: every UN member that WPD (data/un-treaty-status-years/%s)" % (inst, WPD_FILES[inst]),
        "# lists as \"state party\" and that neither %s.yaml (handwritten)," % inst,
        "# %s-untc.yaml (UNTC rows) nor %s-scrape.yaml (the scraped UNTC table" % (inst, inst),
        "# of 2012-13) covers: states that consented after the scrape. Generated by",
        "# tools/gen_wpd_parties.py; do not edit. WPD gives the YEAR of ratification",
        "# or accession only, so each consent is year-only (an imprecise date) and has",
        "# no type. WPD is secondary",
        "# (derived from UNTC): replace a record by an exact UNTC row when one is read.",
        "#",
        "# WPD signatories (\"signatory state\"): WPD gives no signature date, so they",
        "# have no record here; those the scraped table shows as signatories have one",
        "# in %s-scrape.yaml (absence = not bound, which is right for a signatory):" % inst,
    ]
    head += ["#   " + s for s in signatories]
    head += ["parties:", "  instrument: %s" % inst, "  records:"]
    body = [l for _, rec in sorted(recs) for l in rec]
    return "\n".join(head + body) + "\n", len(recs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default="/work/shared/data")
    ap.add_argument("--scrape", default=os.path.join(HERE, "data", "untc-scrape"))
    ap.add_argument("--rules", default=os.path.join(os.path.dirname(HERE), "rules"))
    ap.add_argument("--check", action="store_true")
    a = ap.parse_args()

    out = {}
    text, known = gen_states(a.data)
    out["states.yaml"] = text
    names = {r["member"].lower(): r["iso2"] for r in wpd_rows(a.data, "cat")}
    annotations = read_annotations(a.scrape)
    used = set()
    counts = {}
    for inst in INSTRUMENTS:
        wpd_year, wpd = None, None
        if inst in WPD_FILES:
            wpd = {r["iso2"]: r for r in wpd_rows(a.data, inst)}
            wpd_year = {c: r["year ratification or accession"]
                        for c, r in wpd.items() if r["status"] == "state party"}
        scraped_rows, _ = read_scrape(a.scrape, inst, names)
        text, untc = gen_untc(a.data, a.rules, inst, known, wpd_year, annotations, scraped_rows)
        out["parties/%s-untc.yaml" % inst] = text
        used |= {k for k in annotations if k[0] == inst and k[1] in untc}
        text, scraped_recs, scraped_parties, scraped = gen_scrape(
            a.scrape, a.rules, inst, known, untc, wpd, names, annotations)
        out["parties/%s-scrape.yaml" % inst] = text
        used |= {k for k in annotations if k[0] == inst and k[1] in scraped_recs}
        counts[inst] = [len(hand_states(a.rules, inst)), len(untc), len(scraped_recs),
                        len(scraped_parties), 0]
        if inst in WPD_FILES:
            text, n = gen_wpd(a.data, a.rules, inst, known, untc | scraped_recs, scraped)
            out["parties/%s-wpd.yaml" % inst] = text
            counts[inst][4] = n
    unused = sorted(set(annotations) - used)
    if unused:
        sys.exit("annotations.csv: no generated record for %s" % unused)

    differ = []
    for rel, text in sorted(out.items()):
        path = os.path.join(a.rules, rel)
        if a.check:
            try:
                with open(path, encoding="utf-8") as f:
                    if f.read() != text:
                        differ.append(rel)
            except FileNotFoundError:
                differ.append(rel)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
    for inst, (h, u, sr, sp, w) in counts.items():
        print("%-20s hand %3d  untc %3d  scrape %3d (%3d parties)  wpd %3d  records %3d"
              % (inst, h, u, sr, sp, w, h + u + sr + w))
    if differ:
        print("out of date: " + ", ".join(differ), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
