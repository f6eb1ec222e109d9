"""How the binding finds libpacta: $PACTA_LIBRARY, else the dynamic loader.

Each case runs in a fresh interpreter, since a process loads the library once.
"""

import os
import subprocess
import sys
import unittest
from pathlib import Path

from tests.support import ROOT

BINDING = ROOT / "bindings" / "python"
PROBE = "import pacta; print(pacta.library_version())"


def run(env_changes):
    env = {k: v for k, v in os.environ.items() if k not in ("PACTA_LIBRARY", "LD_LIBRARY_PATH")}
    env.update(env_changes, PYTHONPATH=str(BINDING), PYTHONDONTWRITEBYTECODE="1")
    return subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True,
                          text=True)


class LookupTest(unittest.TestCase):
    def test_pacta_library_names_the_file(self):
        done = run({"PACTA_LIBRARY": os.environ["PACTA_LIBRARY"]})
        self.assertEqual((done.returncode, done.stdout), (0, "0.1.0\n"), done.stderr)

    def test_else_the_loader_finds_the_soname(self):
        folder = Path(os.environ["PACTA_LIBRARY"]).resolve().parent
        done = run({"LD_LIBRARY_PATH": str(folder)})
        self.assertEqual((done.returncode, done.stdout), (0, "0.1.0\n"), done.stderr)

    def test_a_wrong_path_is_a_library_error_on_first_use(self):
        done = run({"PACTA_LIBRARY": "/nonexistent/libpacta.so"})
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("pacta.errors.LibraryError: libpacta not found; set PACTA_LIBRARY",
                      done.stderr)
        self.assertIn("/nonexistent/libpacta.so", done.stderr)


if __name__ == "__main__":
    unittest.main()
