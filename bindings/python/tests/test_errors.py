"""Errors arrive as exceptions of the pacta.Error hierarchy, positioned."""

import unittest

from tests.support import EXAMPLE, RULES, RulebaseCase

import pacta

UNKNOWN_STATE = """\
pacta: 1
title: Bad state
events:
  - id: e1
    date: 2023-10-09
    actor: CX
    action: return
"""


class ErrorTest(RulebaseCase):
    def test_malformed_yaml_string(self):
        with self.assertRaises(pacta.InputError) as caught:
            self.rules.parse_scenario("pacta: 1\ntitle: t\nevents: [\n", name="bad.yaml")
        e = caught.exception
        self.assertIsInstance(e, pacta.Error)
        self.assertEqual((e.status, e.file, e.line, e.column), (-1, "bad.yaml", 4, 1))
        self.assertIn("did not find expected node content", e.message)
        self.assertEqual(str(e), f"bad.yaml:4:1: {e.message}")

    def test_invalid_scenario_names_the_place_and_a_hint(self):
        with self.assertRaises(pacta.InputError) as caught:
            self.rules.parse_scenario(UNKNOWN_STATE, name="bad.yaml")
        e = caught.exception
        self.assertEqual((e.file, e.line, e.column), ("bad.yaml", 6, 12))
        self.assertEqual(e.message, "unknown state 'CX'")
        self.assertIn("ISO 3166-1 alpha-2", e.hint)
        self.assertEqual(str(e), f"bad.yaml:6:12: unknown state 'CX' (hint: {e.hint})")

    def test_several_documents_in_one_string(self):
        with self.assertRaisesRegex(pacta.InputError, "more than one scenario"):
            self.rules.parse_scenario("pacta: 1\n---\npacta: 1\n")

    def test_missing_scenario_file(self):
        missing = str(EXAMPLE.with_name("no-such-scenario.yaml"))
        with self.assertRaises(pacta.FileError) as caught:
            self.rules.load_scenario(missing)
        e = caught.exception
        self.assertEqual((e.status, e.file, e.line, e.column), (-4, missing, 0, 0))
        self.assertEqual(str(e), f"{missing}: {e.message}")

    def test_a_directory_is_not_a_scenario(self):
        self.assertRaises(pacta.FileError, self.rules.load_scenario, RULES)

    def test_missing_rules_folder(self):
        with self.assertRaises(pacta.FileError) as caught:
            pacta.Rulebase(RULES / "no-such-folder")
        self.assertEqual(caught.exception.file, str(RULES / "no-such-folder"))

    def test_limits_are_options_and_going_over_one_is_a_limit_error(self):
        with pacta.Rulebase(RULES, max_events=1) as small:
            with self.assertRaises(pacta.LimitError) as caught:
                small.load_scenario(EXAMPLE)
        self.assertEqual(caught.exception.file, str(EXAMPLE))
        self.assertGreater(caught.exception.line, 0)
        with self.assertRaisesRegex(TypeError, "max_event"):
            pacta.Rulebase(RULES, max_event=1)


if __name__ == "__main__":
    unittest.main()
