"""variants.py: a copy of a rules folder with every rule repeated K times,
for the benchmark's scaling in the number of rules.

    python3 variants.py RULES_DIR K OUT_DIR

Copy k (2..K) of a rule is the same rule with the id "ID-vk": the same
provision, trigger, elements and exceptions, so each copy yields the same
findings and the work grows with the number of rules, not with what they
say. The rules must be the last section of each instrument file (they are
in rules/); a file where they are not stops the script rather than produce
a broken copy.
"""
import os
import re
import shutil
import sys


def repeat_rules(text, k):
    lines = text.split("\n")
    try:
        start = lines.index("  rules:")
    except ValueError:
        return text
    body = lines[start + 1:]
    for line in body:
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and len(line) - len(line.lstrip()) <= 2:
            raise SystemExit("variants.py: 'rules:' is not the last section: %r" % line)
    out = lines[:]
    for copy in range(2, k + 1):
        for line in body:
            out.append(re.sub(r"^(    - id: )(\S+)", r"\g<1>\g<2>-v%d" % copy, line))
    return "\n".join(out)


def main():
    src, k, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if os.path.exists(dst):
        shutil.rmtree(dst)
    shutil.copytree(src, dst)
    folder = os.path.join(dst, "instruments")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".yaml"):
            path = os.path.join(folder, name)
            text = open(path).read()
            open(path, "w").write(repeat_rules(text, k))


main()
