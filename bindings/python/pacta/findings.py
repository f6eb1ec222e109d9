"""What a check finds, as plain Python values.

A report's findings are copied out of the library when the report is made,
into the frozen dataclasses below: they own no C memory and stay valid after
the report, its scenario and its rulebase are closed. Each field is named
after the pacta_finding_* accessor (or view member) it comes from; see
include/pacta.h for what each one means. Optional text is None where the C
accessor returns NULL.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Optional, Tuple


class _Named(str, enum.Enum):
    """An enum whose members are their C names, so that they compare equal to
    the strings of the JSON output ("violation" == Verdict.VIOLATION)."""

    def __str__(self):
        return self.value

    @classmethod
    def from_code(cls, code):
        return list(cls)[code]  # members are declared in the order of their C values


class Verdict(_Named):
    VIOLATION = "violation"
    NO_VIOLATION = "no_violation"
    UNDETERMINED = "undetermined"
    NOT_APPLICABLE = "not_applicable"


class Truth(_Named):
    FALSE = "false"
    TRUE = "true"
    UNKNOWN = "unknown"


class Provenance(_Named):
    EVENT = "event"
    PERSON = "person"
    CONDITION = "condition"
    RULE = "rule"
    TEXT = "text"
    NONE = "none"


class StepKind(_Named):
    BINDING = "binding"
    ELEMENT = "element"
    EXCEPTION = "exception"
    CONSIDERATION = "consideration"


class CiteStyle(_Named):
    LABEL = "label"
    PLAIN = "plain"
    BLUEBOOK = "bluebook"
    OSCOLA = "oscola"


@dataclass(frozen=True)
class Binding:
    """Why the actor was (or was not) bound (pacta_binding_view)."""
    consent: Optional[str]
    consent_type: Optional[str]
    in_force: Optional[str]
    clause: Optional[str]
    via: Optional[str]


@dataclass(frozen=True)
class Citation:
    """pacta_citation_view."""
    instrument: Optional[str]
    provision: Optional[str]
    label: Optional[str]
    source: Optional[str]
    url: Optional[str]


@dataclass(frozen=True)
class Fact:
    """A fact the finding used and where it came from (pacta_fact_view;
    its member `from` is `provenance` here, `from` being a Python keyword)."""
    ref: str
    value: Truth
    provenance: Provenance
    detail: Optional[str]
    source: Optional[str]
    text: Optional[str]
    span_start: int
    span_end: int


@dataclass(frozen=True)
class ChainLink:
    """One onward link of a chain (pacta_chain_link_view; its member `from`
    is `from_state` here, `from` being a Python keyword)."""
    from_state: str
    to: str
    condition: str
    stated: str


@dataclass(frozen=True)
class Chain:
    """A chain of refoulement the finding followed (pacta_chain_view): the
    removal `event`, and `states` in order, the actor first."""
    event: str
    states: Tuple[str, ...]
    links: Tuple[ChainLink, ...]


@dataclass(frozen=True)
class Step:
    """One step of the analysis (pacta_step_view), with its provision's label
    and the sentences of the reasons it accounts for. facts are the Fact
    objects of the finding that the C view gives as indexes."""
    kind: StepKind
    id: Optional[str]
    label: Optional[str]
    provision: Optional[str]
    provision_label: Optional[str]
    value: Truth
    facts: Tuple[Fact, ...]
    reasons: Tuple[str, ...]


@dataclass(frozen=True)
class Change:
    """An assumed fact, or one change of a counterfactual (pacta_change_view)."""
    fact: str
    value: str


@dataclass(frozen=True)
class TurnedStep:
    """pacta_turned_step_view."""
    kind: StepKind
    id: Optional[str]
    provision: Optional[str]
    value: Truth


@dataclass(frozen=True)
class Counterfactual:
    """pacta_counterfactual_view."""
    changes: Tuple[Change, ...]
    verdict: Verdict
    steps: Tuple[TurnedStep, ...]
    single: bool


@dataclass(frozen=True)
class Baseline:
    """The finding's verdict without the assumptions (pacta_baseline_view);
    verdict is None when there is no such finding."""
    verdict: Optional[Verdict]
    changed: bool


@dataclass(frozen=True)
class Finding:
    """One provision weighed against one event (or sequence) of one actor.

    baseline is None unless the report was checked under assumptions;
    counterfactuals are empty unless they were asked for.
    """
    rule: str
    rule_title: Optional[str]
    verdict: Verdict
    actor: str
    date: str
    events: Tuple[str, ...]
    instrument: str
    provision: str
    provision_label: Optional[str]
    provision_text: Optional[str]
    basis: Optional[str]
    binding: Binding
    narrative: Tuple[str, ...]
    reasons: Tuple[str, ...]
    caveats: Tuple[str, ...]
    missing: Tuple[str, ...]
    citations: Tuple[Citation, ...]
    facts: Tuple[Fact, ...]
    steps: Tuple[Step, ...]
    chains: Tuple[Chain, ...]
    baseline: Optional[Baseline]
    counterfactuals: Tuple[Counterfactual, ...]
    counterfactuals_truncated: bool


@dataclass(frozen=True)
class Expectation:
    """One entry of the scenario's expect: block compared with the report
    (pacta_expectation_view); actual is not_applicable when found == 0."""
    event: str
    instrument: str
    provision: str
    rule: Optional[str]
    expected: Verdict
    matched: bool
    found: int
    actual: Verdict
    line: int


# ------------------------------------------------------------ from C views

def text(value):
    """A C string (bytes or None) as str; the library writes UTF-8."""
    return None if value is None else value.decode("utf-8", "replace")


def _texts(f, count_fn, item_fn):
    return tuple(text(item_fn(f, i)) for i in range(count_fn(f)))


def _fact(view):
    return Fact(ref=text(view.ref), value=Truth.from_code(view.value),
                provenance=Provenance.from_code(view.provenance), detail=text(view.detail),
                source=text(view.source), text=text(view.text), span_start=view.span_start,
                span_end=view.span_end)


def _step(lib, f, i, facts):
    view = lib.pacta_finding_step(f, i)
    return Step(kind=StepKind.from_code(view.kind), id=text(view.id), label=text(view.label),
                provision=text(view.provision),
                provision_label=text(lib.pacta_finding_step_provision_label(f, i)),
                value=Truth.from_code(view.value),
                facts=tuple(facts[view.facts[k]] for k in range(view.fact_count)),
                reasons=tuple(text(lib.pacta_finding_step_reason(f, i, k))
                              for k in range(lib.pacta_finding_step_reason_count(f, i))))


def _chain(lib, f, i):
    view = lib.pacta_finding_chain(f, i)
    links = tuple(ChainLink(from_state=text(l.from_), to=text(l.to), condition=text(l.condition),
                            stated=text(l.stated))
                  for l in (lib.pacta_finding_chain_link(f, i, k) for k in range(view.link_count)))
    return Chain(event=text(view.event),
                 states=(text(view.actor), text(view.to)) + tuple(l.to for l in links),
                 links=links)


def change(view):
    return Change(fact=text(view.fact), value=text(view.value))


def _counterfactual(view):
    return Counterfactual(
        changes=tuple(change(view.changes[k]) for k in range(view.change_count)),
        verdict=Verdict.from_code(view.verdict),
        steps=tuple(TurnedStep(kind=StepKind.from_code(s.kind), id=text(s.id),
                               provision=text(s.provision), value=Truth.from_code(s.value))
                    for s in (view.steps[k] for k in range(view.step_count))),
        single=bool(view.single))


def finding(lib, f):
    """Copies the finding at pointer f (borrowed from a live report)."""
    b = lib.pacta_finding_binding(f)
    facts = tuple(_fact(lib.pacta_finding_fact(f, i)) for i in range(lib.pacta_finding_fact_count(f)))
    baseline = lib.pacta_finding_baseline(f)
    return Finding(
        rule=text(lib.pacta_finding_rule(f)),
        rule_title=text(lib.pacta_finding_rule_title(f)),
        verdict=Verdict.from_code(lib.pacta_finding_verdict(f)),
        actor=text(lib.pacta_finding_actor(f)),
        date=text(lib.pacta_finding_date(f)),
        events=_texts(f, lib.pacta_finding_event_count, lib.pacta_finding_event),
        instrument=text(lib.pacta_finding_instrument(f)),
        provision=text(lib.pacta_finding_provision(f)),
        provision_label=text(lib.pacta_finding_provision_label(f)),
        provision_text=text(lib.pacta_finding_provision_text(f)),
        basis=text(lib.pacta_finding_basis(f)),
        binding=Binding(consent=text(b.consent), consent_type=text(b.consent_type),
                        in_force=text(b.in_force), clause=text(b.clause), via=text(b.via)),
        narrative=_texts(f, lib.pacta_finding_narrative_count, lib.pacta_finding_narrative),
        reasons=_texts(f, lib.pacta_finding_reason_count, lib.pacta_finding_reason),
        caveats=_texts(f, lib.pacta_finding_caveat_count, lib.pacta_finding_caveat),
        missing=_texts(f, lib.pacta_finding_missing_count, lib.pacta_finding_missing),
        citations=tuple(Citation(instrument=text(c.instrument), provision=text(c.provision),
                                 label=text(c.label), source=text(c.source), url=text(c.url))
                        for c in (lib.pacta_finding_citation(f, i)
                                  for i in range(lib.pacta_finding_citation_count(f)))),
        facts=facts,
        steps=tuple(_step(lib, f, i, facts) for i in range(lib.pacta_finding_step_count(f))),
        chains=tuple(_chain(lib, f, i) for i in range(lib.pacta_finding_chain_count(f))),
        baseline=(Baseline(verdict=Verdict.from_code(baseline.verdict) if baseline.found else None,
                           changed=bool(baseline.changed))
                  if baseline.assumed else None),
        counterfactuals=tuple(_counterfactual(lib.pacta_finding_counterfactual(f, i))
                              for i in range(lib.pacta_finding_counterfactual_count(f))),
        counterfactuals_truncated=bool(lib.pacta_finding_counterfactuals_truncated(f)))


def expectation(view):
    return Expectation(event=text(view.event), instrument=text(view.instrument),
                       provision=text(view.provision), rule=text(view.rule),
                       expected=Verdict.from_code(view.expected), matched=bool(view.matched),
                       found=view.found, actual=Verdict.from_code(view.actual), line=view.line)
