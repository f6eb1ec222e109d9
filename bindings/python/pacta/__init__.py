"""pacta: Python binding of libpacta (ctypes).

    import pacta
    with pacta.Rulebase("rules") as rules:
        report = rules.load_scenario("case.yaml").check()
        for f in report.findings:
            print(f.rule, f.verdict)

The shared library is found through $PACTA_LIBRARY (a path), else the dynamic
loader's usual search for libpacta.so.0, else ctypes.util.find_library().
See README.md beside this package for ownership and errors.
"""

from ._library import library as _load_library
from .errors import (Error, FileError, InputError, LibraryError, LimitError, OutOfMemoryError,
                     UsageError)
from .findings import (Baseline, Binding, Chain, ChainLink, Change, Citation, CiteStyle,
                       Counterfactual, Expectation, Fact, Finding, Provenance, Step, StepKind,
                       Truth, TurnedStep, Verdict)
from .handles import FORMATS, Report, Rulebase, Scenario

__version__ = "0.1.0"

__all__ = [
    "Baseline", "Binding", "Chain", "ChainLink", "Change", "Citation", "CiteStyle", "Counterfactual", "Error",
    "Expectation", "FORMATS", "Fact", "FileError", "Finding", "InputError", "LibraryError",
    "LimitError", "OutOfMemoryError", "Provenance", "Report", "Rulebase", "Scenario", "Step",
    "StepKind", "Truth", "TurnedStep", "UsageError", "Verdict", "library_version",
]


def library_version():
    """The version of the libpacta actually loaded, e.g. "0.1.0"."""
    return _load_library().pacta_version().decode("ascii")
