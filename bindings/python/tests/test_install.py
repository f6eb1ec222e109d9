"""The binding installs offline with pip into a virtual environment.

It builds a copy of bindings/python, since an in-tree build writes build/
and pacta.egg-info beside the sources.
"""

import os
import shutil
import subprocess
import tempfile
import unittest
from pathlib import Path

from tests.support import EXAMPLE, RULES, ROOT

SYSTEM_PYTHON = "/usr/bin/python3"  # the interpreter Debian's python3-setuptools belong to


class InstallTest(unittest.TestCase):
    def test_pip_install_into_a_venv(self):
        with tempfile.TemporaryDirectory(prefix="pacta-pyinstall.") as tmp:
            source = Path(tmp) / "src"
            venv = Path(tmp) / "venv"
            shutil.copytree(ROOT / "bindings" / "python", source,
                            ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
            env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
            env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
            for command in ([SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", str(venv)],
                            [str(venv / "bin" / "pip"), "install", "--quiet",
                             "--no-build-isolation", "--no-index", str(source)]):
                done = subprocess.run(command, env=env, capture_output=True, text=True)
                self.assertEqual(done.returncode, 0, f"{command}: {done.stdout}{done.stderr}")
            probe = ("import pacta, sys; print(pacta.__file__); "
                     "r = pacta.Rulebase(sys.argv[1]).load_scenario(sys.argv[2]).check(); "
                     "print(r.count('violation'))")
            done = subprocess.run([str(venv / "bin" / "python"), "-c", probe, str(RULES),
                                   str(EXAMPLE)], cwd=tmp, env=env, capture_output=True,
                                  text=True)
            self.assertEqual(done.returncode, 0, done.stderr)
            installed, violations = done.stdout.splitlines()
            self.assertTrue(installed.startswith(str(venv)), installed)
            self.assertEqual(violations, "5")


if __name__ == "__main__":
    unittest.main()
