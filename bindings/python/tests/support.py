"""What the binding's tests share: where the source tree, the rules, the
example and the pacta command are, and which libpacta to test.

The tests run from any directory. They test the library named by
$PACTA_LIBRARY (`make pythontest` sets it to the one it built), else the
source tree's build/libpacta.so, so that a developer can run
`python3 -m unittest discover -s bindings/python` after `make`.
"""

import json
import os
import subprocess
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
RULES = ROOT / "rules"
EXAMPLE = ROOT / "examples" / "prc-2023-mass-return.yaml"
CLI = Path(os.environ.get("PACTA_CLI", ROOT / "build" / "pacta"))
BUILT_LIBRARY = ROOT / "build" / "libpacta.so"

if not os.environ.get("PACTA_LIBRARY") and BUILT_LIBRARY.exists():
    os.environ["PACTA_LIBRARY"] = str(BUILT_LIBRARY)

import pacta  # noqa: E402  (after PACTA_LIBRARY is settled)


def cli(*args):
    """Runs the pacta command over the source tree's rules; returns its stdout.
    Exit status 1 (violations found) is an answer, not a failure. The command
    is linked with its own sanitizer runtime in `make sanitize`: the
    LD_PRELOAD that brings one into Python for a sanitized libpacta is not
    passed on to it."""
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    done = subprocess.run([str(CLI), args[0], "--rules", str(RULES), *args[1:]],
                          env=env, capture_output=True, text=True)
    if done.returncode not in (0, 1):
        raise AssertionError(f"pacta {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done.stdout


def cli_json(*args):
    return json.loads(cli("check", "--format", "json", *args))


class RulebaseCase(unittest.TestCase):
    """Loads the source tree's rules once per test class (the slow step under valgrind)."""

    @classmethod
    def setUpClass(cls):
        cls.rules = pacta.Rulebase(RULES)

    @classmethod
    def tearDownClass(cls):
        cls.rules.close()

    def load_example(self):
        return self.rules.load_scenario(EXAMPLE)
