"""The README's examples run and print what they claim."""

import contextlib
import io
import os
import re
import subprocess
import sys
import unittest

from tests.support import ROOT, RulebaseCase

import pacta

README = ROOT / "bindings" / "python" / "README.md"


def python_blocks():
    return re.findall(r"^```python\n(.*?)^```$", README.read_text(encoding="utf-8"),
                      re.MULTILINE | re.DOTALL)


class ReadmeTest(RulebaseCase):
    def test_the_example_is_ten_lines_and_prints_the_verdicts(self):
        example = python_blocks()[0]
        self.assertLessEqual(len(example.splitlines()), 10)
        env = dict(os.environ, PYTHONPATH=str(ROOT / "bindings" / "python"),
                   PYTHONDONTWRITEBYTECODE="1")
        done = subprocess.run([sys.executable, "-c", example], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        self.assertEqual(done.returncode, 0, done.stderr)
        with self.load_example() as scenario, scenario.check() as report:
            expected = []
            for f in report.findings:
                expected.append(f"{f.verdict.value:15} {f.rule} ({f.actor} {f.date}, "
                                f"{' '.join(f.events)})")
                expected += [f"{'':15} unknown: {fact}" for fact in f.missing]
            expected.append(f"{report.count('violation')} violation(s)")
        self.assertEqual(done.stdout.splitlines(), expected)
        # the output shown in the README is the start and the end of that
        shown = re.search(r"^```python\n.*?^```\n\n```\n(.*?)^```$",
                          README.read_text(encoding="utf-8"),
                          re.MULTILINE | re.DOTALL).group(1).splitlines()
        self.assertEqual(shown[:4], expected[:4])
        self.assertEqual(shown[-1], expected[-1])

    def test_the_error_example(self):
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            exec(python_blocks()[1], {"pacta": pacta, "rules": self.rules})
        self.assertEqual(output.getvalue(),
                         "case.yaml 3 1 did not find expected node content "
                         "(while parsing a flow node)\n")


if __name__ == "__main__":
    unittest.main()
