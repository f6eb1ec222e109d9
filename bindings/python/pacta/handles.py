"""Rulebase, Scenario and Report: the library's handles, owned by Python objects.

Ownership. Each object owns exactly one C handle, which it frees in close():
explicitly, at the end of a `with` block, or when the object is garbage
collected (__del__). close() may be called any number of times; the pointer
is cleared before it is freed, so nothing is freed twice. A scenario and a
report keep their rulebase object alive, because the library requires the
rulebase to outlive them; the library's _free functions never read the
rulebase, so the order in which the garbage collector frees them is safe.
Using an object after close() (or a report or scenario after closing its
rulebase) raises UsageError instead of touching freed memory.

Everything read from a report (findings, expectations, actors) is copied into
Python values when the report is made, so those values outlive every handle.
Objects may be used from several threads, as the C library allows, but not
closed while another thread uses them.
"""

import ctypes
import os

from . import errors
from ._library import COptions, CError, WRITE_FN, library
from .findings import CiteStyle, Verdict, change, expectation, finding, text

FORMATS = {"text": 0, "json": 1, "markdown": 2}
_RENDER_ALL = 0x1
_RENDER_EXPLAIN = 0x2
_WHATIF_COUNTERFACTUALS = 0x1


def _raise(lib, err):
    """Raises the exception for a filled pacta_error, worded as the pacta command words it."""
    formatted = ctypes.create_string_buffer(2048)
    lib.pacta_error_format(ctypes.byref(err), formatted, len(formatted))
    raise errors.error_class(err.status)(
        text(err.message) or text(lib.pacta_status_name(err.status)),
        file=os.fsdecode(err.file), line=err.line, column=err.column, hint=text(err.hint),
        text=text(formatted.value))


def _call(lib, function, *args):
    """Calls a C function that ends with a pacta_error*, raising on failure."""
    err = CError()
    status = function(*args, ctypes.byref(err))
    if status != errors.OK:
        _raise(lib, err)


def _create(lib, function, *args):
    """Calls a C constructor (pacta_x **out first) and returns the new handle."""
    handle = ctypes.c_void_p()
    _call(lib, function, ctypes.byref(handle), *args)
    return handle


class _Owner:
    """Owns one C handle; subclasses name the function that frees it."""

    _kind = "handle"
    _free_name = None

    def __init__(self, lib, handle):
        self._lib = lib
        # bound now: during interpreter shutdown __del__ may run after module globals are gone
        self._free = getattr(lib, self._free_name)
        self._handle = handle

    def close(self):
        """Frees the C handle now; later calls do nothing."""
        handle, self._handle = self._handle, None
        if handle:
            self._free(handle)

    @property
    def closed(self):
        return self._handle is None

    def _live(self):
        if self._handle is None:
            raise errors.UsageError(f"the {self._kind} is closed")
        return self._handle

    def __enter__(self):
        self._live()
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            self.close()


class Rulebase(_Owner):
    """The law: every *.yaml file below a rules directory, loaded, linked and validated.

    Limits of pacta_options may be given by name (max_input_bytes=...,
    max_events=...); zero or absent means the library's default. _allocator
    (for tests) is a pacta._library.CAllocator through which the rulebase and
    everything loaded or checked against it allocates; the rulebase keeps a
    reference to it, and the caller keeps its callbacks alive.
    """

    _kind = "rulebase"
    _free_name = "pacta_rulebase_free"

    def __init__(self, directory, *, _allocator=None, **limits):
        lib = library()
        options = COptions()
        lib.pacta_options_init(ctypes.byref(options))
        if _allocator is not None:
            options.allocator = _allocator
        self._allocator = _allocator
        allowed = {name for name, _ in COptions._fields_} - {"allocator"}
        for name, value in limits.items():
            if name not in allowed:
                raise TypeError(f"Rulebase() got an unknown limit {name!r}; "
                                f"known: {', '.join(sorted(allowed))}")
            setattr(options, name, value)
        self._handle = None  # so that __del__ of a failed load finds nothing to free
        handle = _create(lib, lib.pacta_rulebase_load_dir, os.fsencode(directory),
                         ctypes.byref(options))
        super().__init__(lib, handle)

    @property
    def digest(self):
        """SHA-256, in lower-case hex, over the names and bytes of the rule files."""
        return text(self._lib.pacta_rulebase_digest(self._live()))

    @property
    def file_count(self):
        return self._lib.pacta_rulebase_file_count(self._live())

    @property
    def rule_count(self):
        return self._lib.pacta_rulebase_rule_count(self._live())

    def load_scenario(self, path):
        """Loads and validates the one scenario of a YAML file."""
        handle = _create(self._lib, self._lib.pacta_scenario_load_file, self._live(),
                         os.fsencode(path))
        return Scenario(self, handle)

    def parse_scenario(self, source, name="<string>"):
        """Loads one scenario from a str or bytes; name stands for the file in errors."""
        data = source.encode("utf-8") if isinstance(source, str) else bytes(source)
        handle = _create(self._lib, self._lib.pacta_scenario_load_buffer, self._live(),
                         os.fsencode(name), data, len(data))
        return Scenario(self, handle)

    def check(self, scenario, assume=(), counterfactuals=False):
        """Checks a scenario loaded against this rulebase and returns its Report.

        assume: "FACT=VALUE" strings (see pacta_check_assuming in pacta.h);
        counterfactuals: also search what would turn each violation and
        undetermined finding.
        """
        if not isinstance(scenario, Scenario):
            raise TypeError(f"check() needs a pacta.Scenario, not {type(scenario).__name__}")
        if scenario._rulebase is not self:
            raise errors.UsageError("the scenario was loaded against another rulebase")
        lib, rb, sc = self._lib, self._live(), scenario._live()
        if isinstance(assume, (str, bytes)):
            assume = [assume]
        if not assume and not counterfactuals:
            return Report(self, scenario, _create(lib, lib.pacta_check, rb, sc))
        assumptions = _create(lib, lib.pacta_assumptions_new, rb)
        try:
            for item in assume:
                item = item.encode("utf-8") if isinstance(item, str) else bytes(item)
                _call(lib, lib.pacta_assumptions_add, assumptions, item)
            flags = _WHATIF_COUNTERFACTUALS if counterfactuals else 0
            handle = _create(lib, lib.pacta_check_assuming, rb, sc, assumptions, flags)
        finally:
            lib.pacta_assumptions_free(assumptions)
        return Report(self, scenario, handle)


class Scenario(_Owner):
    """One scenario, validated against the rulebase that loaded it."""

    _kind = "scenario"
    _free_name = "pacta_scenario_free"

    def __init__(self, rulebase, handle):
        super().__init__(rulebase._lib, handle)
        self._rulebase = rulebase

    def _live(self):
        self._rulebase._live()
        return super()._live()

    @property
    def rulebase(self):
        return self._rulebase

    @property
    def name(self):
        return text(self._lib.pacta_scenario_name(self._live()))

    @property
    def title(self):
        return text(self._lib.pacta_scenario_title(self._live()))

    def check(self, assume=(), counterfactuals=False):
        """Rulebase.check(self, ...)."""
        return self._rulebase.check(self, assume=assume, counterfactuals=counterfactuals)


class Report(_Owner):
    """The findings for one scenario.

    findings, expectations, actors, assumptions, dropped and counts are
    copied when the report is made; render() needs the report and its
    rulebase open.
    """

    _kind = "report"
    _free_name = "pacta_report_free"

    def __init__(self, rulebase, scenario, handle):
        super().__init__(rulebase._lib, handle)
        self._rulebase = rulebase
        lib, rep, sc = self._lib, handle, scenario._live()
        self.scenario_name = scenario.name
        self.findings = tuple(finding(lib, lib.pacta_report_finding(rep, i))
                              for i in range(lib.pacta_report_finding_count(rep)))
        self.expectations = tuple(expectation(lib.pacta_expectation_check(sc, i, rep))
                                  for i in range(lib.pacta_scenario_expectation_count(sc)))
        self.actors = tuple(text(lib.pacta_report_actor(rep, i))
                            for i in range(lib.pacta_report_actor_count(rep)))
        self.counts = {v: lib.pacta_report_count(rep, code) for code, v in enumerate(Verdict)}
        self.assumptions = tuple(change(lib.pacta_report_assumption(rep, i))
                                 for i in range(lib.pacta_report_assumption_count(rep)))
        self.changed_count = lib.pacta_report_changed_count(rep)
        self.dropped = tuple(text(lib.pacta_report_dropped(rep, i))
                             for i in range(lib.pacta_report_dropped_count(rep)))

    def _live(self):
        self._rulebase._live()
        return super()._live()

    def count(self, verdict):
        """How many findings have this verdict (a Verdict or its name)."""
        return self.counts[Verdict(verdict)]

    def render(self, format="text", *, all=False, explain=False, cite=None):
        """The report as the library writes it: format "text", "json" or "markdown".

        all: text also shows not_applicable findings; explain: text writes
        each finding as a numbered IRAC analysis; cite: a citation style,
        "plain", "bluebook" or "oscola" (default: as the findings label it).
        """
        if format not in FORMATS:
            raise ValueError(f"unknown format {format!r}; known: {', '.join(FORMATS)}")
        flags = (_RENDER_ALL if all else 0) | (_RENDER_EXPLAIN if explain else 0)
        if cite is not None:
            flags |= list(CiteStyle).index(CiteStyle(cite)) << 8
        chunks = []

        def write(_ctx, data, length):
            try:
                chunks.append(ctypes.string_at(data, length))
                return 0
            except BaseException:  # an exception cannot cross C; stop rendering instead
                return 1

        lib = self._lib
        status = lib.pacta_render(self._live(), self._rulebase._live(), FORMATS[format], flags,
                                  WRITE_FN(write), None)
        if status != errors.OK:
            raise errors.error_class(status)(text(lib.pacta_status_name(status)))
        return b"".join(chunks).decode("utf-8")
