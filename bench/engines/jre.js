'use strict';
/*
 * jre.js: pacta's rules encoded in json-rules-engine, as a user who picked
 * that engine would encode them.
 *
 *     node jre.js TABLES.json WORKLOAD.jsonl > results.jsonl
 *
 * Each pacta rule becomes four engine rules, one per verdict, whose
 * conditions are the rule's elements and exceptions. The engine's
 * conditions are two-valued, so each three-valued test is written twice,
 * as "is true" and "is false" (Kleene: an `all` is false when any part is
 * false, an `any` is true when any part is true, a `not` swaps the two),
 * over leaf facts whose values are 'true', 'false' or 'unknown':
 *
 *   violation       bound, every element true, no exception true
 *   no_violation    bound, some element false or some exception true
 *   not_applicable  not bound
 *   undetermined    none of the above
 *
 * A rule that is a permission is always not_applicable (it obliges no one);
 * a "no excuse" rule only annotates other findings and is left out.
 *
 * The leaves (a fact read with pacta's precedence, a status, a sequence's
 * "none between", whether the actor was bound that day) are dynamic facts
 * answered by the fact layer in common.js. The engine runs once per event
 * that completes at least one rule. Each scenario's findings are written as
 * one JSON line; the count of findings per verdict goes to stderr with the
 * time it took to build the engine.
 */
const fs = require('fs');
const readline = require('readline');
const { Engine } = require('json-rules-engine');
const c = require('./common');

const started = process.hrtime.bigint();
const db = c.loadTables(JSON.parse(fs.readFileSync(process.argv[2], 'utf8')));
const engine = new Engine([], { allowUndefinedFacts: false });

// Every leaf of every test gets a name; the engine asks for it by that name.
const leaves = [];
function leaf(rule, test) {
  leaves.push({ rule, test });
  return 'L' + (leaves.length - 1);
}

const is = (id, value) => ({ fact: 'leaf', params: { id }, operator: 'equal', value });
function isTrue(rule, t) {
  if (t.all) return { all: t.all.map((k) => isTrue(rule, k)) };
  if (t.any) return { any: t.any.map((k) => isTrue(rule, k)) };
  if (t.not) return isFalse(rule, t.not);
  return is(leaf(rule, t), c.T);
}
function isFalse(rule, t) {
  if (t.all) return { any: t.all.map((k) => isFalse(rule, k)) };
  if (t.any) return { all: t.any.map((k) => isFalse(rule, k)) };
  if (t.not) return isTrue(rule, t.not);
  return is(leaf(rule, t), c.F);
}

for (const rule of db.rules) {
  // first, so that the engine weighs no other condition of a rule the event does not complete
  const applies = { fact: 'applies', params: { rule: rule.id }, operator: 'equal', value: true, priority: 10 };
  const boundIs = (v) => ({ fact: 'bound', params: { rule: rule.id }, operator: 'equal', value: v });
  const elements = rule.tests.filter((t) => t.role === 'element');
  const exceptions = rule.tests.filter((t) => t.role === 'exception');
  const violation = [boundIs(c.T), ...elements.map((t) => isTrue(rule, t.test))];
  if (exceptions.length) violation.push({ not: { any: exceptions.map((t) => isTrue(rule, t.test)) } });
  const defeated = [...elements.map((t) => isFalse(rule, t.test)), ...exceptions.map((t) => isTrue(rule, t.test))];
  const noViolation = [boundIs(c.T), { any: defeated }];
  const add = (verdict, conditions) => engine.addRule({
    name: rule.id + '/' + verdict,
    conditions: { all: [applies, ...conditions] },
    event: { type: 'finding', params: { rule: rule.id, verdict } },
  });
  if (rule.nature === 'permission') {
    // a permission binds no one: whatever the facts, there is nothing to breach
    add('not_applicable', []);
    continue;
  }
  add('violation', violation);
  add('no_violation', noViolation);
  add('not_applicable', [boundIs(c.F)]);
  add('undetermined', [{ not: boundIs(c.F) }, { not: { all: violation } }, { not: { all: noViolation } }]);
}

// The current event, set before each run.
let current = null;
engine.addFact('applies', (params) => current.steps.has(params.rule));
engine.addFact('bound', (params) => c.bound(db, current.rules.get(params.rule), current.event));
engine.addFact('leaf', (params) => {
  const l = leaves[+params.id.slice(1)];
  if (!current.steps.has(l.rule.id)) return c.U;
  return c.evalTest(db, current.sc, l.test, current.event, current.steps.get(l.rule.id));
});
const ruleById = new Map(db.rules.map((r) => [r.id, r]));
const loadMs = Number(process.hrtime.bigint() - started) / 1e6;

const counts = { violation: 0, no_violation: 0, undetermined: 0, not_applicable: 0 };
const out = [];
function flush() {
  if (out.length) {
    fs.writeSync(1, out.join(''));
    out.length = 0;
  }
}

async function checkScenario(line) {
  const sc = c.readScenario(db, JSON.parse(line));
  const findings = [];
  for (const e of sc.events) {
    const cands = c.candidates(db, sc, e);
    if (!cands.length) continue;
    current = { sc, event: e, rules: ruleById, steps: new Map(cands.map((x) => [x.rule.id, x.steps])) };
    const { events } = await engine.run();
    for (const ev of events) {
      counts[ev.params.verdict]++;
      findings.push({ rule: ev.params.rule, event: e.id, verdict: ev.params.verdict });
    }
  }
  out.push(JSON.stringify({ scenario: sc.title, findings }) + '\n');
  if (out.length >= 256) flush();
}

async function main() {
  const rl = readline.createInterface({ input: fs.createReadStream(process.argv[3]), crlfDelay: Infinity });
  let n = 0;
  for await (const line of rl) {
    if (line.trim() === '') continue;
    await checkScenario(line);
    n++;
  }
  flush();
  process.stderr.write(JSON.stringify({ engine: 'json-rules-engine', scenarios: n, load_ms: loadMs, counts }) + '\n');
}

main().catch((e) => { console.error(e); process.exit(2); });
