"""The binding frees what the library allocates, once, whatever the order.

A rulebase made with a counting allocator routes every allocation of the
library's arenas through Python (the rulebase, the scenarios loaded against
it and their reports), so the tests see what is still allocated after each
close. valgrind (`make valgrind`) checks the rest.
"""

import ctypes
import gc
import unittest

from tests.support import EXAMPLE, RULES

import pacta
from pacta._library import CAllocator

libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.restype = None
libc.free.argtypes = [ctypes.c_void_p]

MALLOC = ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)
FREE = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p)


class CountingAllocator:
    """Blocks handed out and not yet freed."""

    def __init__(self):
        self.live = set()
        self.bad_frees = []
        self.malloc_fn = MALLOC(self._malloc)  # kept: C holds these pointers
        self.free_fn = FREE(self._free)
        self.c = CAllocator(ctypes.cast(self.malloc_fn, ctypes.c_void_p), None,
                            ctypes.cast(self.free_fn, ctypes.c_void_p), None)

    def _malloc(self, _ctx, size):
        ptr = libc.malloc(size)
        if ptr:
            self.live.add(ptr)
        return ptr

    def _free(self, _ctx, ptr):
        if ptr in self.live:
            self.live.remove(ptr)
            libc.free(ptr)
        elif ptr:
            self.bad_frees.append(ptr)  # a double free, or a pointer it never handed out


class FreeingTest(unittest.TestCase):
    def setUp(self):
        self.allocator = CountingAllocator()
        self.rules = pacta.Rulebase(RULES, _allocator=self.allocator.c)
        self.after_load = set(self.allocator.live)
        self.assertTrue(self.after_load)

    def tearDown(self):
        self.rules.close()
        self.assertEqual(self.allocator.live, set(), "the rulebase left blocks allocated")
        self.assertEqual(self.allocator.bad_frees, [])

    def assert_only_rulebase_left(self):
        self.assertEqual(self.allocator.live, self.after_load)

    def test_close_frees_scenario_and_report(self):
        scenario = self.rules.load_scenario(EXAMPLE)
        report = scenario.check(counterfactuals=True)
        report.render("markdown")
        self.assertGreater(len(self.allocator.live), len(self.after_load))
        report.close()
        scenario.close()
        self.assert_only_rulebase_left()

    def test_context_managers_free(self):
        with self.rules.load_scenario(EXAMPLE) as scenario:
            with scenario.check(assume=["e2.voluntary=true"]) as report:
                self.assertFalse(report.closed)
            self.assertTrue(report.closed)
        self.assertTrue(scenario.closed)
        self.assert_only_rulebase_left()

    def test_garbage_collection_frees(self):
        report = self.rules.load_scenario(EXAMPLE).check()  # the scenario is garbage at once
        del report
        gc.collect()
        self.assert_only_rulebase_left()

    def test_a_failed_load_or_check_frees_what_it_began(self):
        self.assertRaises(pacta.InputError, self.rules.parse_scenario, "pacta: 1\nevents: [\n")
        with self.rules.load_scenario(EXAMPLE) as scenario:
            self.assertRaises(pacta.InputError, scenario.check, assume=["nobody.fact=true"])
            self.assertRaises(pacta.InputError, scenario.check, assume=["e2.nosuchfact=true"])
        gc.collect()
        self.assert_only_rulebase_left()

    def test_closing_twice_and_in_any_order(self):
        scenario = self.rules.load_scenario(EXAMPLE)
        report = scenario.check()
        findings = report.findings
        self.rules.close()  # first: the report and scenario refuse to be used after it
        self.rules.close()
        self.assertRaises(pacta.UsageError, report.render)
        self.assertRaises(pacta.UsageError, scenario.check)
        self.assertRaises(pacta.UsageError, lambda: self.rules.digest)
        self.assertEqual(findings, report.findings)  # copied: still readable
        scenario.close()
        report.close()
        report.close()
        self.assertEqual(self.allocator.live, set())

    def test_a_closed_object_cannot_be_entered(self):
        scenario = self.rules.load_scenario(EXAMPLE)
        scenario.close()
        with self.assertRaisesRegex(pacta.UsageError, "the scenario is closed"):
            with scenario:
                pass

    def test_a_scenario_checks_only_against_its_own_rulebase(self):
        with pacta.Rulebase(RULES) as other, other.load_scenario(EXAMPLE) as foreign:
            self.assertRaises(pacta.UsageError, self.rules.check, foreign)


if __name__ == "__main__":
    unittest.main()
