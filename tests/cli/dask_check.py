"""dask_check.py PACTA TMP: examples/dask/pacta_dask.py on two workers
writes, for every input file, exactly the records of a single-process
`pacta check --batch` over the same file (compared as JSON values, line by
line), with partitions small enough that every file is cut in several; and
the comparison catches a record dropped or two records swapped.

Prints "ok - ..." / "not ok - ..." lines like the shell tests and exits 1
if any failed. Needs python3-distributed (for /usr/bin/python3)."""
import json
import os
import subprocess
import sys

PACTA, TMP = sys.argv[1], sys.argv[2]
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
failed = 0


def report(ok, name, why=""):
    global failed
    print(("ok - " if ok else "not ok - ") + name)
    if not ok:
        failed += 1
        print("#   " + why)


def scenario(n, actor="CN", action="return"):
    event = {"id": "e1", "date": "2023-10-09", "actor": actor, "action": action, "subject": "p1"}
    if action == "return":
        event["to"] = "KP"
    return json.dumps({"pacta": 1, "title": "scenario %d" % n,
                       "persons": [{"id": "p1", "nationality": "KP"}],
                       "conditions": [{"state": "KP", "fact": "torture_on_return", "value": True}],
                       "events": [event]})


def write_inputs():
    kinds = ["return", "detain", "bad", "return", "blank", "detain", "cut"]
    paths = []
    for name, count in (("first.jsonl", 90), ("second.jsonl", 25)):
        lines = []
        for i in range(count):
            kind = kinds[i % len(kinds)]
            if kind == "blank":
                lines.append("")
            elif kind == "cut":
                lines.append('{"pacta": 1, "title": "cut')
            elif kind == "bad":
                lines.append(scenario(i, actor="XX"))
            else:
                lines.append(scenario(i, action=kind))
        path = os.path.join(TMP, name)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        paths.append(path)
    return paths


def differs(expected, got):
    """Why got is not expected, or None."""
    if len(got) != len(expected):
        return "%d lines, expected %d" % (len(got), len(expected))
    for n, (a, b) in enumerate(zip(expected, got), 1):
        if json.loads(a) != json.loads(b):
            return "line %d: %s, expected %s" % (n, b[:160], a[:160])
    return None


def main():
    inputs = write_inputs()
    out = os.path.join(TMP, "dask-out")
    run = subprocess.run(["/usr/bin/python3", os.path.join(ROOT, "examples/dask/pacta_dask.py"),
                          "--workers", "2", "--pacta", PACTA, "--rules",
                          os.path.join(ROOT, "rules"), "--out", out, "--partition-bytes", "2000"]
                         + inputs, capture_output=True, text=True)
    report(run.returncode == 0, "pacta_dask.py runs on a LocalCluster of two workers",
           run.stderr[-600:])
    for path in inputs:
        name = os.path.basename(path)
        single = subprocess.run([PACTA, "check", "--rules", os.path.join(ROOT, "rules"),
                                 "--batch", path], capture_output=True, text=True)
        expected = single.stdout.splitlines()
        got = open(os.path.join(out, name)).read().splitlines() if run.returncode == 0 else []
        why = differs(expected, got)
        report(why is None and len(expected) > 10,
               "%s: every record equals the single-process batch's, in order" % name, why or "")
        if len(got) > 20:
            dropped = got[:7] + got[8:]
            report(differs(expected, dropped) is not None,
                   "%s: the comparison catches a dropped record" % name)
            swapped = got[:12] + [got[13], got[12]] + got[14:]
            report(differs(expected, swapped) is not None,
                   "%s: the comparison catches two records out of order" % name)
    sys.exit(1 if failed else 0)


main()
