"""batch_check.py CHECK OUT ERR ARGS...: asserts on the output of one run of
`pacta check --batch` for tests/cli/batch.sh. Prints what is wrong and
exits 1, or prints nothing.

  mixed FILE EXPECTED  every line is a JSON object; the n-th is the report of
                       the n-th scenario of EXPECTED (title, file FILE, a
                       violation or not) or its error (file FILE, line,
                       column, message); stderr is empty. A compact batch
                       (a header line first) has compact records, a full
                       one the full report objects
  header FILE          the first line is a batch header naming FILE
  receipt RECEIPT FILE EXPECTED  RECEIPT holds the header; stdout holds only
                       the records of EXPECTED
  quiet                stderr is empty (no progress line off a terminal)
  same OTHER [EXPECTED] stdout is byte for byte OTHER (and matches EXPECTED)
  stderr TEXT          stdout is empty and stderr contains TEXT
  help                 stdout documents --batch, --jobs and the batch exit status
"""
import json
import sys

ERROR_KEYS = {"file", "line", "column", "message", "hint"}
HEADER_KEYS = {"pacta", "batch", "detail", "rulebase"}
FINDING_KEYS = ["rule", "verdict", "events", "instrument", "provision", "basis", "missing"]
# a not_applicable finding under its rule's own instrument says only which rule did not bind
NOT_APPLICABLE_KEYS = ["rule", "verdict", "events"]


def fail(why):
    print(why)
    sys.exit(1)


def check_header(line, name):
    try:
        head = json.loads(line)
    except ValueError as e:
        fail("the header is not JSON: %s" % e)
    if set(head) != HEADER_KEYS or head["batch"] != name or head["detail"] != "compact":
        fail("not a header for %r: %s" % (name, line[:300]))
    rb = head["rulebase"]
    if len(rb.get("sha256", "")) != 64 or rb.get("files", 0) < 1:
        fail("the header lacks the rulebase's identity: %s" % line[:300])


def check_record(n, obj, exp, line):
    """The compact record of the n-th scenario."""
    if obj.get("index") != n:
        fail("line %d: index %r, expected %d" % (n, obj.get("index"), n))
    if "error" in exp:
        if set(obj) != {"index", "error"}:
            fail("line %d: an error record has %s" % (n, sorted(obj)))
        return
    if set(obj) != {"index", "title", "findings"} or obj["title"] != exp["title"]:
        fail("line %d: record %r, expected the title %r" % (n, line[:200], exp["title"]))
    for f in obj["findings"]:
        keys = FINDING_KEYS if f.get("verdict") != "not_applicable" else NOT_APPLICABLE_KEYS
        if list(f) != keys:
            fail("line %d: a finding with %s, expected %s" % (n, list(f), keys))
    violation = any(f["verdict"] == "violation" for f in obj["findings"])
    if violation != exp["violation"]:
        fail("line %d (%s): violation %r" % (n, exp["title"], violation))


def check_mixed(out, err, name, expected_path, compact=None):
    expected = json.load(open(expected_path))
    lines = out.decode("utf-8").split("\n")
    if lines[-1] != "":
        fail("the output does not end with a newline")
    lines = lines[:-1]
    if compact is None:
        compact = bool(lines) and '"batch"' in lines[0][:100]
        if compact:
            check_header(lines[0], name)
            lines = lines[1:]
    if len(lines) != len(expected):
        fail("%d output lines for %d scenarios" % (len(lines), len(expected)))
    for n, (line, exp) in enumerate(zip(lines, expected), 1):
        try:
            obj = json.loads(line)
        except ValueError as e:
            fail("line %d is not JSON: %s" % (n, e))
        if compact:
            check_record(n, obj, exp, line)
        if "error" in exp:
            e = obj.get("error")
            if not isinstance(e, dict) or set(e) != ERROR_KEYS:
                fail("line %d: expected an error object with %s, got %s"
                     % (n, sorted(ERROR_KEYS), line[:200]))
            if e["file"] != name:
                fail("line %d: error file %r, expected %r" % (n, e["file"], name))
            if exp["error"] not in e["message"]:
                fail("line %d: message %r lacks %r" % (n, e["message"], exp["error"]))
            for key in ("line", "column"):
                if key in exp and e[key] != exp[key]:
                    fail("line %d: error %s %r, expected %r (%s)"
                         % (n, key, e[key], exp[key], e["message"]))
            if "findings" in obj:
                fail("line %d: an error object with findings" % n)
        elif not compact:
            sc = obj.get("scenario", {})
            if sc.get("title") != exp["title"] or sc.get("file") != name:
                fail("line %d: scenario %r of %r, expected %r of %r"
                     % (n, sc.get("title"), sc.get("file"), exp["title"], name))
            violations = obj["summary"]["violation"]
            if (violations > 0) != exp["violation"]:
                fail("line %d (%s): %d violations" % (n, exp["title"], violations))
            if len(obj["findings"]) != sum(obj["summary"].values()):
                fail("line %d: the summary does not count the findings" % n)
    if err:
        fail("stderr is not empty: %r" % err[:200])


def main():
    check, out_path, err_path = sys.argv[1:4]
    args = sys.argv[4:]
    out = open(out_path, "rb").read()
    err = open(err_path, "rb").read()
    if check == "mixed":
        check_mixed(out, err, args[0], args[1])
    elif check == "header":
        check_header(out.decode("utf-8").split("\n")[0], args[0])
    elif check == "receipt":
        receipt = open(args[0], "rb").read().decode("utf-8")
        if receipt.count("\n") != 1:
            fail("the receipt is not one line: %r" % receipt[:300])
        check_header(receipt.rstrip("\n"), args[1])
        check_mixed(out, err, args[1], args[2], compact=True)
    elif check == "quiet":
        if err:
            fail("stderr is not empty: %r" % err[:200])
    elif check == "same":
        other = open(args[0], "rb").read()
        if not out or out != other:
            fail("the outputs differ (%d and %d bytes)" % (len(out), len(other)))
        if len(args) > 1 and args[1]:
            check_mixed(out, err, args[1].replace(".expected", ".jsonl"), args[1])
    elif check == "stderr":
        if out:
            fail("stdout is not empty: %r" % out[:200])
        if args[0].encode() not in err:
            fail("stderr lacks %r: %r" % (args[0], err[:300]))
    elif check == "help":
        text = out.decode()
        for words in ("--batch FILE", "--jobs N", "2 if any scenario was bad"):
            if words not in text:
                fail("--help lacks %r" % words)
    else:
        fail("unknown check " + check)


main()
