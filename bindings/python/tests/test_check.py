"""Loading, checking and rendering, compared with what the pacta command says."""

import json
import unittest

from tests.support import EXAMPLE, ROOT, RulebaseCase, cli, cli_json

import pacta
from pacta._library import library

# The fields of a finding that the findings contract fixes in the JSON output.
COMPARED = ("rule", "verdict", "actor", "date", "instrument", "provision", "basis")


class LoadTest(RulebaseCase):
    def test_rulebase_is_the_one_the_cli_loads(self):
        coverage = cli("test", "--coverage", "--format", "json", str(EXAMPLE))
        expected = json.loads(coverage)["rulebase"]
        self.assertRegex(self.rules.digest, r"^[0-9a-f]{64}$")
        self.assertEqual((self.rules.digest, self.rules.file_count, self.rules.rule_count),
                         (expected["sha256"], expected["files"], expected["rules"]))

    def test_scenario_from_a_file_and_from_a_string_agree(self):
        with self.load_example() as from_file, \
             self.rules.parse_scenario(EXAMPLE.read_text(encoding="utf-8"),
                                       name=str(EXAMPLE)) as from_string:
            self.assertEqual(from_file.name, str(EXAMPLE))
            self.assertEqual(from_string.name, str(EXAMPLE))
            self.assertTrue(from_file.title.startswith("Forced return of North Korean escapees"))
            with from_file.check() as a, from_string.check() as b:
                self.assertEqual(a.findings, b.findings)
                self.assertEqual(a.render("json"), b.render("json"))

    def test_a_string_may_be_bytes_and_names_itself(self):
        source = EXAMPLE.read_bytes()
        with self.rules.parse_scenario(source) as scenario:
            self.assertEqual(scenario.name, "<string>")

    def test_library_names_match_the_enums(self):
        lib = library()
        for enum, name_of in ((pacta.Verdict, lib.pacta_verdict_name),
                              (pacta.Truth, lib.pacta_truth_name),
                              (pacta.Provenance, lib.pacta_provenance_name),
                              (pacta.StepKind, lib.pacta_step_kind_name),
                              (pacta.CiteStyle, lib.pacta_cite_style_name)):
            self.assertEqual([m.value for m in enum],
                             [name_of(code).decode() for code in range(len(enum))])
        self.assertEqual(pacta.library_version(), lib.pacta_version().decode())


class CheckTest(RulebaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        with cls.rules.load_scenario(EXAMPLE) as scenario, scenario.check() as report:
            cls.report = report
        cls.expected = cli_json(str(EXAMPLE))

    def test_findings_are_the_clis(self):
        ours = [{key: str(getattr(f, key)) for key in COMPARED} | {"events": list(f.events),
                                                                  "missing": list(f.missing)}
                for f in self.report.findings]
        theirs = [{key: f[key] for key in COMPARED + ("events", "missing")}
                  for f in self.expected["findings"]]
        self.assertEqual(ours, theirs)

    def test_verdicts_are_the_ones_the_scenario_expects(self):
        self.assertGreaterEqual(len(self.report.expectations), 5)
        for e in self.report.expectations:
            with self.subTest(line=e.line):
                self.assertTrue(e.matched, e)
                self.assertEqual(e.actual, e.expected)
                # the CLI's findings that this entry selects have the expected verdict too
                selected = [f["verdict"] for f in self.expected["findings"]
                            if e.event in f["events"] and f["instrument"] == e.instrument
                            and f["provision"] == e.provision
                            and e.rule in (None, f["rule"])]
                self.assertEqual(len(selected), e.found)
                self.assertEqual(set(selected), {e.expected})

    def test_counts_match_the_summary(self):
        summary = self.expected["summary"]
        for verdict in pacta.Verdict:
            self.assertEqual(self.report.count(verdict), summary[verdict.value], verdict)
        self.assertEqual(self.report.count("violation"), 5)
        self.assertEqual(self.report.actors, ("CN",))

    def test_a_finding_carries_its_analysis(self):
        cat, = [f for f in self.report.findings if f.rule == "cat/return-to-torture"]
        self.assertIs(cat.verdict, pacta.Verdict.VIOLATION)
        self.assertEqual(cat.provision_label, "Convention against Torture art. 3(1)")
        self.assertTrue(cat.provision_text.startswith("No State Party shall expel"))
        self.assertEqual((cat.binding.consent, cat.binding.consent_type, cat.binding.in_force,
                          cat.binding.clause, cat.binding.via),
                         ("1988-10-04", "ratification", "1988-11-03", "art. 27(2)", None))
        self.assertEqual(cat.citations[0].source, "1465 UNTS 85")
        self.assertEqual(cat.steps[0].kind, pacta.StepKind.BINDING)
        self.assertTrue(cat.reasons[-1].startswith("Conclusion: violation."))
        self.assertIsNone(cat.baseline)
        self.assertEqual(cat.counterfactuals, ())
        json_cat, = [f for f in self.expected["findings"] if f["rule"] == "cat/return-to-torture"]
        # format 2 says what the state did once, in "events"; the reasons go on from there
        told = [self.expected["events"][e] for e in json_cat["events"]]
        self.assertEqual(list(cat.narrative), told)
        self.assertEqual(list(cat.reasons), told + json_cat["reasons"])
        # the narrative, the steps and the facts as a finding's own lists: format 1
        explained, = [f for f in cli_json("--json-shape", "v1", str(EXAMPLE))["findings"]
                      if f["rule"] == "cat/return-to-torture"]
        self.assertEqual(list(cat.narrative), explained["narrative"])
        self.assertEqual([s.id for s in cat.steps], [s["id"] for s in explained["steps"]])
        for step, json_step in zip(cat.steps, explained["steps"]):
            self.assertEqual(step.value, json_step["value"])
            self.assertEqual([cat.facts.index(x) for x in step.facts], json_step["facts"])
            self.assertEqual(list(step.reasons), json_step["reasons"])

    def test_undetermined_finding_names_what_is_missing(self):
        screening, = [f for f in self.report.findings
                      if f.rule == "cn-exit-entry-law/removal-during-screening"]
        self.assertEqual(screening.verdict, pacta.Verdict.UNDETERMINED)
        self.assertEqual(screening.missing, ("e2.sought_protection",))
        unknown = [x for x in screening.facts if x.value is pacta.Truth.UNKNOWN]
        self.assertTrue(unknown)
        self.assertTrue(all(x.provenance is pacta.Provenance.NONE for x in unknown))

    def test_a_chain_is_the_clis(self):
        chained = ROOT / "examples" / "laos-2013-chain.yaml"
        with self.rules.load_scenario(chained) as scenario, scenario.check() as report:
            findings = report.findings
        expected = {(f["rule"], tuple(f["events"])): f for f in cli_json(str(chained))["findings"]}
        followed = [f for f in findings if f.chains]
        self.assertTrue(followed)
        for f in followed:
            chain, = f.chains
            self.assertEqual(chain.states, ("LA", "CN", "KP"))
            self.assertEqual(chain.links[0].condition, "CN.onward_removal_risk")
            json_chain, = expected[f.rule, f.events]["chains"]
            self.assertEqual(list(chain.states), json_chain["states"])
            self.assertEqual([{"from": l.from_state, "to": l.to, "condition": l.condition,
                               "stated": l.stated} for l in chain.links], json_chain["links"])
        self.assertFalse([f for f in self.report.findings if f.chains])

    def test_facts_read_from_text_keep_their_span(self):
        scenario_text = EXAMPLE.read_text(encoding="utf-8")
        from_text = [x for f in self.report.findings for x in f.facts
                     if x.provenance is pacta.Provenance.TEXT]
        self.assertTrue(from_text)
        for fact in from_text:
            self.assertLess(fact.span_start, fact.span_end)
            self.assertIn(fact.text.split()[0], scenario_text)


class RenderTest(RulebaseCase):
    def test_every_format_is_the_clis(self):
        with self.load_example() as scenario, scenario.check() as report:
            self.assertEqual(report.render("json") + "\n", cli("check", "--format", "json",
                                                               str(EXAMPLE)))
            for fmt in ("text", "markdown"):
                with self.subTest(format=fmt):
                    self.assertEqual(report.render(fmt), cli("check", "--format", fmt,
                                                             str(EXAMPLE)))
            self.assertTrue(report.render("markdown").startswith("# Forced return"))
        # --explain also searches counterfactuals
        with self.load_example() as scenario, scenario.check(counterfactuals=True) as report:
            self.assertEqual(report.render(all=True, explain=True, cite="oscola"),
                             cli("check", "--all", "--explain", "--cite", "oscola",
                                 str(EXAMPLE)))

    def test_unknown_format_and_style_are_refused(self):
        with self.load_example() as scenario, scenario.check() as report:
            self.assertRaises(ValueError, report.render, "html5")
            self.assertRaises(ValueError, report.render, cite="apa")


class WhatIfTest(RulebaseCase):
    def test_assumptions_change_a_verdict_and_keep_the_baseline(self):
        with self.load_example() as scenario, \
             scenario.check(assume=["KP.torture_on_return=false"]) as report:
            self.assertEqual(report.assumptions,
                             (pacta.Change("KP.torture_on_return", "false"),))
            self.assertEqual(report.changed_count, 1)
            cat, = [f for f in report.findings if f.rule == "cat/return-to-torture"]
            self.assertEqual(cat.verdict, pacta.Verdict.NO_VIOLATION)
            self.assertEqual(cat.baseline, pacta.Baseline(pacta.Verdict.VIOLATION, True))
            self.assertIn("changed: violation -> no_violation", report.render())

    def test_counterfactuals(self):
        with self.load_example() as scenario, scenario.check(counterfactuals=True) as report:
            undetermined, = [f for f in report.findings
                             if f.rule == "cn-exit-entry-law/removal-during-screening"]
            self.assertEqual(undetermined.verdict, pacta.Verdict.UNDETERMINED)
            singles = {(c.changes, c.verdict) for c in undetermined.counterfactuals if c.single}
            self.assertIn(((pacta.Change("e2.sought_protection", "true"),),
                           pacta.Verdict.VIOLATION), singles)
            self.assertFalse(undetermined.counterfactuals_truncated)

    def test_an_unknown_fact_is_an_input_error_with_a_hint(self):
        with self.load_example() as scenario:
            with self.assertRaises(pacta.InputError) as caught:
                scenario.check(assume="KP.torture_on_retur=false")
            self.assertEqual(caught.exception.file, "--assume")
            self.assertEqual(caught.exception.hint, "did you mean 'torture_on_return'?")


if __name__ == "__main__":
    unittest.main()
