"""Finding libpacta and declaring the C functions the binding calls.

Nothing here is public: the rest of the package calls ``library()``, which
loads the shared library once, on first use, so that ``import pacta`` works
even where the library is not installed yet and the error comes with the
first call that needs it.

The structures mirror include/pacta.h field for field. C enums are ints on
every platform libpacta builds on, so they are declared as c_int.
"""

import ctypes
import ctypes.util
import functools
import os
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_int, c_size_t, c_uint,
                    c_void_p)

from .errors import LibraryError

# The binding is written against this major version of the C interface.
ABI_MAJOR = 0
SONAME = "libpacta.so.0"

ERROR_FILE_MAX = 512
ERROR_MESSAGE_MAX = 512
ERROR_HINT_MAX = 256


class CError(Structure):
    _fields_ = [("status", c_int),
                ("file", c_char * ERROR_FILE_MAX),
                ("line", c_uint),
                ("column", c_uint),
                ("message", c_char * ERROR_MESSAGE_MAX),
                ("hint", c_char * ERROR_HINT_MAX)]


class CAllocator(Structure):
    _fields_ = [("malloc_fn", c_void_p), ("realloc_fn", c_void_p), ("free_fn", c_void_p),
                ("ctx", c_void_p)]


class COptions(Structure):
    _fields_ = [("max_input_bytes", c_size_t),
                ("max_depth", c_uint),
                ("max_alias_nodes", c_size_t),
                ("max_string_bytes", c_size_t),
                ("max_events", c_size_t),
                ("max_persons", c_size_t),
                ("max_rules", c_size_t),
                ("max_sequence_steps", c_size_t),
                ("regex_match_limit", c_uint),
                ("regex_depth_limit", c_uint),
                ("regex_heap_limit_kib", c_uint),
                ("allocator", CAllocator)]


class CBindingView(Structure):
    _fields_ = [("consent", c_char_p), ("consent_type", c_char_p), ("in_force", c_char_p),
                ("clause", c_char_p), ("via", c_char_p)]


class CCitationView(Structure):
    _fields_ = [("instrument", c_char_p), ("provision", c_char_p), ("label", c_char_p),
                ("source", c_char_p), ("url", c_char_p)]


class CFactView(Structure):
    _fields_ = [("ref", c_char_p), ("value", c_int), ("provenance", c_int), ("detail", c_char_p),
                ("source", c_char_p), ("text", c_char_p), ("span_start", c_size_t),
                ("span_end", c_size_t)]


class CStepView(Structure):
    _fields_ = [("kind", c_int), ("id", c_char_p), ("label", c_char_p), ("provision", c_char_p),
                ("value", c_int), ("fact_count", c_size_t), ("facts", POINTER(c_size_t))]


class CChainView(Structure):
    _fields_ = [("event", c_char_p), ("actor", c_char_p), ("to", c_char_p),
                ("link_count", c_size_t)]


class CChainLinkView(Structure):
    _fields_ = [("from_", c_char_p), ("to", c_char_p), ("condition", c_char_p),
                ("stated", c_char_p)]


class CExpectationView(Structure):
    _fields_ = [("event", c_char_p), ("instrument", c_char_p), ("provision", c_char_p),
                ("rule", c_char_p), ("expected", c_int), ("matched", c_int),
                ("found", c_size_t), ("actual", c_int), ("line", c_uint)]


class CChangeView(Structure):
    _fields_ = [("fact", c_char_p), ("value", c_char_p)]


class CBaselineView(Structure):
    _fields_ = [("assumed", c_int), ("found", c_int), ("verdict", c_int), ("changed", c_int)]


class CTurnedStepView(Structure):
    _fields_ = [("kind", c_int), ("id", c_char_p), ("provision", c_char_p), ("value", c_int)]


class CCounterfactualView(Structure):
    _fields_ = [("change_count", c_size_t), ("changes", POINTER(CChangeView)),
                ("verdict", c_int), ("step_count", c_size_t),
                ("steps", POINTER(CTurnedStepView)), ("single", c_int)]


# int (*pacta_write_fn)(void *ctx, const char *data, size_t len); data is not
# NUL-terminated, hence POINTER(c_char) rather than c_char_p.
WRITE_FN = CFUNCTYPE(c_int, c_void_p, POINTER(c_char), c_size_t)

_handle = c_void_p
_out = POINTER(c_void_p)
_err = POINTER(CError)

# name: (restype, argtypes)
_PROTOTYPES = {
    "pacta_version": (c_char_p, []),
    "pacta_version_number": (c_int, []),
    "pacta_error_format": (c_size_t, [_err, c_char_p, c_size_t]),
    "pacta_status_name": (c_char_p, [c_int]),
    "pacta_options_init": (None, [POINTER(COptions)]),
    "pacta_verdict_name": (c_char_p, [c_int]),
    "pacta_truth_name": (c_char_p, [c_int]),
    "pacta_provenance_name": (c_char_p, [c_int]),
    "pacta_step_kind_name": (c_char_p, [c_int]),
    "pacta_cite_style_name": (c_char_p, [c_int]),

    "pacta_rulebase_load_dir": (c_int, [_out, c_char_p, POINTER(COptions), _err]),
    "pacta_rulebase_free": (None, [_handle]),
    "pacta_rulebase_digest": (c_char_p, [_handle]),
    "pacta_rulebase_file_count": (c_size_t, [_handle]),
    "pacta_rulebase_rule_count": (c_size_t, [_handle]),

    "pacta_scenario_load_buffer": (c_int, [_out, _handle, c_char_p, c_char_p, c_size_t, _err]),
    "pacta_scenario_load_file": (c_int, [_out, _handle, c_char_p, _err]),
    "pacta_scenario_free": (None, [_handle]),
    "pacta_scenario_name": (c_char_p, [_handle]),
    "pacta_scenario_title": (c_char_p, [_handle]),
    "pacta_scenario_expectation_count": (c_size_t, [_handle]),
    "pacta_expectation_check": (CExpectationView, [_handle, c_size_t, _handle]),

    "pacta_assumptions_new": (c_int, [_out, _handle, _err]),
    "pacta_assumptions_add": (c_int, [_handle, c_char_p, _err]),
    "pacta_assumptions_free": (None, [_handle]),

    "pacta_check": (c_int, [_out, _handle, _handle, _err]),
    "pacta_check_assuming": (c_int, [_out, _handle, _handle, _handle, c_uint, _err]),
    "pacta_report_free": (None, [_handle]),
    "pacta_report_finding_count": (c_size_t, [_handle]),
    "pacta_report_finding": (c_void_p, [_handle, c_size_t]),
    "pacta_report_count": (c_size_t, [_handle, c_int]),
    "pacta_report_actor_count": (c_size_t, [_handle]),
    "pacta_report_actor": (c_char_p, [_handle, c_size_t]),
    "pacta_report_assumption_count": (c_size_t, [_handle]),
    "pacta_report_assumption": (CChangeView, [_handle, c_size_t]),
    "pacta_report_changed_count": (c_size_t, [_handle]),
    "pacta_report_dropped_count": (c_size_t, [_handle]),
    "pacta_report_dropped": (c_char_p, [_handle, c_size_t]),
    "pacta_render": (c_int, [_handle, _handle, c_int, c_uint, WRITE_FN, c_void_p]),

    "pacta_finding_verdict": (c_int, [_handle]),
    "pacta_finding_rule": (c_char_p, [_handle]),
    "pacta_finding_actor": (c_char_p, [_handle]),
    "pacta_finding_date": (c_char_p, [_handle]),
    "pacta_finding_instrument": (c_char_p, [_handle]),
    "pacta_finding_provision": (c_char_p, [_handle]),
    "pacta_finding_rule_title": (c_char_p, [_handle]),
    "pacta_finding_provision_label": (c_char_p, [_handle]),
    "pacta_finding_provision_text": (c_char_p, [_handle]),
    "pacta_finding_basis": (c_char_p, [_handle]),
    "pacta_finding_event_count": (c_size_t, [_handle]),
    "pacta_finding_event": (c_char_p, [_handle, c_size_t]),
    "pacta_finding_binding": (CBindingView, [_handle]),
    "pacta_finding_reason_count": (c_size_t, [_handle]),
    "pacta_finding_reason": (c_char_p, [_handle, c_size_t]),
    "pacta_finding_caveat_count": (c_size_t, [_handle]),
    "pacta_finding_caveat": (c_char_p, [_handle, c_size_t]),
    "pacta_finding_missing_count": (c_size_t, [_handle]),
    "pacta_finding_missing": (c_char_p, [_handle, c_size_t]),
    "pacta_finding_citation_count": (c_size_t, [_handle]),
    "pacta_finding_citation": (CCitationView, [_handle, c_size_t]),
    "pacta_finding_chain_count": (c_size_t, [_handle]),
    "pacta_finding_chain": (CChainView, [_handle, c_size_t]),
    "pacta_finding_chain_link": (CChainLinkView, [_handle, c_size_t, c_size_t]),
    "pacta_finding_fact_count": (c_size_t, [_handle]),
    "pacta_finding_fact": (CFactView, [_handle, c_size_t]),
    "pacta_finding_step_count": (c_size_t, [_handle]),
    "pacta_finding_step": (CStepView, [_handle, c_size_t]),
    "pacta_finding_step_provision_label": (c_char_p, [_handle, c_size_t]),
    "pacta_finding_step_reason_count": (c_size_t, [_handle, c_size_t]),
    "pacta_finding_step_reason": (c_char_p, [_handle, c_size_t, c_size_t]),
    "pacta_finding_narrative_count": (c_size_t, [_handle]),
    "pacta_finding_narrative": (c_char_p, [_handle, c_size_t]),
    "pacta_finding_baseline": (CBaselineView, [_handle]),
    "pacta_finding_counterfactual_count": (c_size_t, [_handle]),
    "pacta_finding_counterfactual": (CCounterfactualView, [_handle, c_size_t]),
    "pacta_finding_counterfactuals_truncated": (c_int, [_handle]),
}


def _candidates():
    """Where to look, in order: $PACTA_LIBRARY, the soname, then find_library()."""
    explicit = os.environ.get("PACTA_LIBRARY")
    if explicit:
        return [explicit]  # an explicit choice is never silently replaced
    found = ctypes.util.find_library("pacta")
    return [SONAME] + ([found] if found and found != SONAME else [])


def _declare(lib):
    for name, (restype, argtypes) in _PROTOTYPES.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


@functools.lru_cache(maxsize=None)
def library():
    """The loaded libpacta with every prototype declared (loaded once per process)."""
    tried = []
    for candidate in _candidates():
        try:
            lib = ctypes.CDLL(candidate)
        except OSError as exc:
            tried.append(f"{candidate}: {exc}")
            continue
        try:
            _declare(lib)
        except AttributeError as exc:
            raise LibraryError(f"{candidate} is not a libpacta this binding knows: {exc}") from None
        number = lib.pacta_version_number()
        if number >> 16 != ABI_MAJOR:
            raise LibraryError(f"{candidate} is libpacta {lib.pacta_version().decode()}; "
                                  f"this binding needs version {ABI_MAJOR}.x")
        return lib
    raise LibraryError("libpacta not found; set PACTA_LIBRARY to the path of libpacta.so "
                          "or install it where the dynamic loader looks (" + "; ".join(tried) + ")")
