"""batch_examples.py PACTA TMP: every scenario of examples/ read as YAML and
as JSON gives the same findings, and the three ways of writing them agree:
`pacta check --format json` on the YAML file (the full report object),
`pacta check --batch --detail full` on the same documents as JSON Lines
(the same object but for the scenario's file name and the input lines its
facts cite, which differ between the two files), and the compact batch
record (the same findings, cut down to their record fields).

Needs PyYAML (Debian's python3-yaml, for /usr/bin/python3) to write the
JSON. Prints what differs and exits 1, or prints nothing."""
import datetime
import glob
import json
import os
import re
import subprocess
import sys

import yaml

PACTA, TMP = sys.argv[1], sys.argv[2]
LINE = re.compile(r"\(line [0-9]+\)")
RECORD = ["rule", "verdict", "events", "instrument", "provision", "basis", "missing"]
NOT_APPLICABLE = ["rule", "verdict", "events"]


def record_of(finding):
    """What the compact record keeps of a full finding: a not_applicable one
    reported under its rule's own instrument (no binding.via) keeps only
    which rule did not bind on which events."""
    short = finding["verdict"] == "not_applicable" and "via" not in finding.get("binding", {})
    return {k: finding[k] for k in (NOT_APPLICABLE if short else RECORD)}


def jsonable(value):
    """YAML's dates as the strings they were written as."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def pacta(*args):
    run = subprocess.run(PACTA.split() + list(args), capture_output=True)
    if run.returncode not in (0, 1):
        sys.exit("pacta %s: exit %d: %s" % (" ".join(args), run.returncode, run.stderr[:300]))
    return [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]


def main():
    files = sorted(glob.glob("examples/*.yaml") + glob.glob("examples/*/*.yaml"))
    docs, from_yaml = [], []
    for path in files:
        loaded = [d for d in yaml.safe_load_all(open(path, encoding="utf-8")) if d]
        if not loaded or "pacta" not in loaded[0]:
            continue  # not a scenario file (an answer file, say)
        docs.extend(jsonable(d) for d in loaded)
        from_yaml.extend(pacta("check", "--rules", "rules", "--format", "json", path))
    lines = os.path.join(TMP, "examples.jsonl")
    with open(lines, "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    full = pacta("check", "--rules", "rules", "--batch", lines, "--detail", "full")
    compact = pacta("check", "--rules", "rules", "--batch", lines)[1:]
    if not (len(docs) == len(from_yaml) == len(full) == len(compact)) or len(docs) < 10:
        sys.exit("%d documents, %d YAML reports, %d full and %d compact records"
                 % (len(docs), len(from_yaml), len(full), len(compact)))
    for n, (y, j, c) in enumerate(zip(from_yaml, full, compact), 1):
        title = y["scenario"].get("title")
        j["scenario"]["file"] = y["scenario"]["file"]
        if LINE.sub("(line _)", json.dumps(j)) != LINE.sub("(line _)", json.dumps(y)):
            diff = [k for k in y if y[k] != j.get(k)]
            sys.exit("scenario %d (%s): the JSON line's report differs in %s" % (n, title, diff))
        cut = [record_of(f) for f in y["findings"]]
        if c.get("index") != n or c.get("title") != (title or "") or c["findings"] != cut:
            sys.exit("scenario %d (%s): the compact record differs from the report" % (n, title))


main()
