"""batch_inputs.py DIR: writes the inputs of tests/cli/batch.sh into DIR,
each with a NAME.expected file (JSON) that says, per output line, which
scenario (by title) must stand there and whether it has a violation, or
which error (line, column, words of the message) must.

Positions are computed from the text written, so the test checks that
errors point at the offending token of the line or document."""
import json
import os
import sys

OUT = sys.argv[1]


def scenario(title, actor="CN", action="return", facts=None, date="2023-10-09",
             description=None):
    event = {"id": "e1", "date": date, "actor": actor, "action": action, "subject": "p1"}
    if action == "return":
        event["to"] = "KP"
    if facts:
        event["facts"] = facts
    if description is not None:
        event["description"] = description
    return {
        "pacta": 1,
        "title": title,
        "persons": [{"id": "p1", "nationality": "KP", "count": 3}],
        "conditions": [{"state": "KP", "fact": "torture_on_return", "value": True}],
        "events": [event],
    }


# Kinds of scenario: returns to torture (a CAT violation), a detention (no
# rule applies: no finding), and bad ones with the token the error names.
def make(kind, n):
    title = "scenario %d" % n
    if kind == "violation":
        return scenario(title), {"title": title, "violation": True}, None
    if kind == "clean":
        return scenario(title, action="detain"), {"title": title, "violation": False}, None
    if kind == "bad-state":
        return scenario(title, actor="XX"), {"error": "unknown state 'XX'"}, '"XX"'
    if kind == "bad-fact":
        return (scenario(title, facts={"voluntry": False}),
                {"error": "unknown fact 'voluntry'"}, '"voluntry"')
    if kind == "bad-date":
        return scenario(title, date="2023-02-30"), {"error": "2023-02-30"}, '"2023-02-30"'
    raise ValueError(kind)


def write_jsonl(name, kinds, line_end="\n", blank_every=0, separators=(", ", ": ")):
    lines, expected = [], []
    number = 0
    for i, kind in enumerate(kinds):
        if blank_every and i % blank_every == 1:
            lines.append("   ")
        if kind == "syntax":
            text = '{"pacta": 1, "title": "cut short'
            number = len(lines) + 1
            lines.append(text)
            expected.append({"error": "", "line": number})
            continue
        doc, exp, token = make(kind, i + 1)
        text = json.dumps(doc, separators=separators)
        lines.append(text)
        if token:
            exp = dict(exp, line=len(lines), column=text.index(token) + 1)
        expected.append(exp)
    with open(os.path.join(OUT, name), "w", newline="") as f:
        f.write(line_end.join(lines) + line_end)
    with open(os.path.join(OUT, name.rsplit(".", 1)[0] + ".expected"), "w") as f:
        json.dump(expected, f)


def yaml_doc(doc):
    """Block-style YAML for a scenario; returns the lines."""
    e = doc["events"][0]
    lines = ["pacta: 1", "title: %s" % json.dumps(doc["title"]), "persons:",
             "  - id: p1", "    nationality: KP", "    count: 3", "conditions:",
             "  - state: KP", "    fact: torture_on_return", "    value: true", "events:",
             "  - id: e1", "    date: %s" % e["date"], "    actor: %s" % e["actor"],
             "    action: %s" % e["action"], "    subject: p1"]
    if "to" in e:
        lines.append("    to: KP")
    if "facts" in e:
        lines.append("    facts:")
        for k, v in e["facts"].items():
            lines.append("      %s: %s" % (k, "true" if v else "false"))
    return lines


def write_yaml(name, kinds, expected_name):
    lines, expected = [], []
    stopped = False
    for i, kind in enumerate(kinds):
        if i:
            lines.append("---")
        if kind == "syntax":
            lines.append("pacta: 1")
            lines.append("title: [cut short")
            lines.append("events: oops: no")
            # libyaml finds the unclosed sequence on the next line; the
            # stream cannot resume, so nothing after it is reported
            expected.append({"error": "while parsing a flow sequence", "line": len(lines)})
            stopped = True
            continue
        doc, exp, token = make(kind, i + 1)
        first = len(lines)
        doc_lines = yaml_doc(doc)
        lines.extend(doc_lines)
        if token:
            bare = token.strip('"')
            for k, text in enumerate(doc_lines):
                if text.endswith(" " + bare) or text.strip().startswith(bare + ":"):
                    col = text.index(bare) + 1
                    exp = dict(exp, line=first + k + 1, column=col)
                    break
        if not stopped:
            expected.append(exp)
    with open(os.path.join(OUT, name), "w") as f:
        f.write("\n".join(lines) + "\n")
    with open(os.path.join(OUT, expected_name), "w") as f:
        json.dump(expected, f)


mixed = ["violation", "bad-state", "clean", "bad-fact", "syntax", "violation", "bad-date",
         "clean"]
write_jsonl("mixed.jsonl", mixed)
write_yaml("mixed.yaml", [k for k in mixed if k != "syntax"], "mixed-yaml.expected")
write_jsonl("crlf.jsonl", ["violation", "clean", "violation"], line_end="\r\n", blank_every=2,
            separators=(",", ":"))
write_jsonl("good.jsonl", ["clean", "violation", "clean"])
write_jsonl("clean.jsonl", ["clean", "clean"])
write_yaml("syntax.yaml", ["violation", "syntax", "violation"], "syntax.expected")

# A narrative of 300 KB on one line, then a bad fact after it on another.
long_text = "They were held at the border and questioned. " * 6500
with open(os.path.join(OUT, "long.jsonl"), "w") as f:
    expected = []
    a = json.dumps(scenario("long 1", description=long_text))
    b = json.dumps(scenario("long 2", description=long_text, facts={"voluntry": False}))
    f.write(a + "\n" + b + "\n")
    expected.append({"title": "long 1", "violation": True})
    expected.append({"error": "unknown fact 'voluntry'", "line": 2,
                     "column": b.index('"voluntry"') + 1})
with open(os.path.join(OUT, "long.expected"), "w") as f:
    json.dump(expected, f)

cycle = ["violation", "clean", "violation", "bad-fact", "clean", "violation", "bad-state",
         "syntax", "violation", "clean", "bad-date"]
write_jsonl("many.jsonl", [cycle[i % len(cycle)] for i in range(330)])
write_yaml("many.yaml", [k for k in (cycle[i % len(cycle)] for i in range(130)) if k != "syntax"],
           "many-yaml.expected")
open(os.path.join(OUT, "empty.jsonl"), "w").write("\n  \n")

# Gaps in a stream: an empty line (skipped), a line cut short (its error at
# its line), a 10 MB line (refused: longer than the 4 MiB line limit), and
# the scenarios around them answered.
with open(os.path.join(OUT, "gaps.jsonl"), "w") as f:
    huge = json.dumps(scenario("huge", description="x" * (10 * 1024 * 1024)))
    f.write("\n".join([json.dumps(scenario("before")), "", '{"pacta": 1, "title": "cut',
                       huge, json.dumps(scenario("after", action="detain"))]) + "\n")
with open(os.path.join(OUT, "gaps.expected"), "w") as f:
    json.dump([{"title": "before", "violation": True},
               {"error": "", "line": 3},
               {"error": "a line longer than the limit of 4194304 bytes", "line": 4, "column": 1},
               {"title": "after", "violation": False}], f)

# A byte order mark before the first line: not part of the scenario, and
# columns on that line count from the character after it.
with open(os.path.join(OUT, "bom.jsonl"), "w", encoding="utf-8") as f:
    bad = json.dumps(scenario("marked", actor="XX"))
    f.write("\ufeff" + bad + "\n" + json.dumps(scenario("after the mark")) + "\n")
with open(os.path.join(OUT, "bom.expected"), "w") as f:
    json.dump([{"error": "unknown state 'XX'", "line": 1, "column": bad.index('"XX"') + 1},
               {"title": "after the mark", "violation": True}], f)

