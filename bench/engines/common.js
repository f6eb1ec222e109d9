'use strict';
/*
 * common.js: the fact layer of the benchmark's json-rules-engine encoding.
 *
 * json-rules-engine decides with boolean conditions over facts; it has no
 * notion of a scenario, of dates, of a party record or of a sequence of
 * events. This module is what a user would write around it: it reads a
 * scenario, sorts its events, matches the rules' indicators against the
 * narrative, and answers the facts the engine's conditions ask for (a
 * fact's value with pacta's precedence, whether the actor was bound that
 * day, whether a sequence matched). The verdicts themselves are the
 * engine's rules (jre.js). Everything is read from tables.json, which
 * bench/export.c writes from rules/.
 */

/* ------------------------------------------------------------ dates */

// Days since 1970-01-01, proleptic Gregorian (H. Hinnant's algorithms).
function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z) {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysInMonth(y, m) {
  return daysFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - daysFromCivil(y, m, 1);
}

// A treaty delay: days, or months and years keeping the day of the month,
// clamped to the end of a shorter month.
function addDuration(day, dur) {
  if (dur.unit === 'days') return day + dur.amount;
  const months = dur.unit === 'months' ? dur.amount : dur.amount * 12;
  const [y, m, d] = civilFromDays(day);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total - year * 12 + 1;
  const last = daysInMonth(year, month);
  return daysFromCivil(year, month, d < last ? d : last);
}

// "YYYY", "YYYY-MM" or "YYYY-MM-DD" as an inclusive range of days.
function parseDate(s) {
  const y = +s.slice(0, 4);
  if (s.length === 4) return [daysFromCivil(y, 1, 1), daysFromCivil(y, 12, 31)];
  const m = +s.slice(5, 7);
  if (s.length === 7) return [daysFromCivil(y, m, 1), daysFromCivil(y, m, daysInMonth(y, m))];
  const d = daysFromCivil(y, m, +s.slice(8, 10));
  return [d, d];
}

/* ------------------------------------------------------------ three values */

const T = 'true', F = 'false', U = 'unknown';
const and = (a, b) => (a === F || b === F ? F : a === U || b === U ? U : T);
const or = (a, b) => (a === T || b === T ? T : a === U || b === U ? U : F);
const not = (a) => (a === U ? U : a === T ? F : T);
const truthOf = (v) => (v === true ? T : v === false ? F : U);

/* ------------------------------------------------------------ tables */

function loadTables(tables) {
  const facts = new Map(tables.facts.map((f) => [f.name, f]));
  const actions = new Map(tables.actions.map((a) => [a.name, a]));
  const instruments = new Map();
  for (const inst of tables.instruments) {
    if (inst.kind === 'treaty' && inst.in_force === null) throw new Error('treaty without in_force');
    inst.partyOf = new Map(inst.parties.map((p) => [p.state, p]));
    instruments.set(inst.id, inst);
  }
  const indicators = tables.indicators.map((d) => {
    if (!d.pattern.startsWith('(?i)')) throw new Error('indicator ' + d.id + ': expected (?i)');
    return { id: d.id, fact: d.fact, value: d.value, re: new RegExp(d.pattern.slice(4), 'i') };
  });
  // no_excuse rules only annotate other findings (a caveat, citations) and
  // are not findings themselves: they change no verdict and no count
  const rules = tables.rules.filter((r) => r.nature !== 'no_excuse');
  const library = tables.conditions.map((c) => ({
    state: c.state, fact: c.fact, value: c.value, from: c.from, until: c.until, persons: null,
  }));
  return { facts, actions, instruments, indicators, rules, library };
}

/* ------------------------------------------------------------ scenarios */

// The scenario as the fact layer reads it: events sorted by date, then
// input order; narrative indicators matched once per event.
function readScenario(db, sc) {
  const persons = new Map();
  for (const p of sc.persons || []) {
    persons.set(p.id, {
      id: p.id, nationality: p.nationality || null, status: p.status || 'undetermined',
      facts: p.facts || {},
    });
  }
  const conditions = (sc.conditions || []).map((c) => ({
    state: c.state, fact: c.fact, value: truthOf(c.value === undefined ? true : c.value),
    from: c.from ? parseDate(c.from) : null, until: c.until ? parseDate(c.until) : null,
    persons: c.persons || null,
  }));
  const events = (sc.events || []).map((e, i) => {
    const texts = [];
    if (e.description) {
      for (const d of db.indicators) if (d.re.test(e.description)) texts.push(d);
    }
    return {
      id: e.id, date: parseDate(String(e.date)), actor: e.actor, action: e.action,
      subject: persons.get(e.subject), to: e.to || null, fields: e, facts: e.facts || {},
      texts, input: i,
    };
  });
  events.sort((a, b) => a.date[0] - b.date[0] || a.date[1] - b.date[1] || a.input - b.input);
  events.forEach((e, i) => { e.index = i; });
  return { title: sc.title || '', persons, conditions, events, library: db.library };
}

/* ------------------------------------------------------------ facts */

function stateAbout(e, of) {
  if (of === 'nationality') return e.subject ? e.subject.nationality : null;
  if (of === 'actor') return e.actor;
  return e.to;
}

function covers(c, when) {
  const lo = c.from ? c.from[0] : -Infinity;
  const hi = c.until ? c.until[1] : Infinity;
  if (when[0] >= lo && when[1] <= hi) return 1;
  if (when[1] < lo || when[0] > hi) return 0;
  return -1;
}

// What the scenario states: the event, then the person (for facts about
// the destination only), then conditions on the state the fact is about.
function stated(sc, e, f, of) {
  if (of === 'destination') {
    if (Object.prototype.hasOwnProperty.call(e.facts, f.name)) return truthOf(e.facts[f.name]);
    if (f.field) {
      const v = e.fields[f.field.name];
      if (v !== undefined && Object.prototype.hasOwnProperty.call(f.field.values, v)) return f.field.values[v];
    }
    if (e.subject && Object.prototype.hasOwnProperty.call(e.subject.facts, f.name)) return truthOf(e.subject.facts[f.name]);
  }
  const state = stateAbout(e, of);
  if (!state || !(f.state || f.derived)) return U;
  // the rules' own country conditions count only where the scenario says
  // nothing about that fact of that state
  const own = sc.conditions.some((c) => c.fact === f.name && c.state === state);
  return byConditions(own ? sc.conditions : sc.library, e, f, state);
}

function byConditions(conditions, e, f, state) {
  let found = false, value = U, disagree = false, partial = false;
  for (const c of conditions) {
    if (c.fact !== f.name || c.state !== state) continue;
    if (c.persons && !(e.subject && c.persons.includes(e.subject.id))) continue;
    const k = covers(c, e.date);
    if (k === 0) continue;
    if (k < 0) partial = true;
    if (!found) { found = true; value = c.value; } else if (c.value !== value) disagree = true;
  }
  return found && !disagree && !partial ? value : U;
}

function fromText(e, name) {
  let first = null;
  for (const d of e.texts) {
    if (d.fact !== name) continue;
    if (first === null) first = d.value;
    else if (d.value !== first) return U;
  }
  return first === null ? U : first;
}

// A fact at event e: stated, else derived, else read in the narrative.
function factValue(db, sc, e, name, of) {
  const f = db.facts.get(name);
  const v = stated(sc, e, f, of);
  if (v !== U) return v;
  if (f.derived) {
    const test = of !== 'destination' && f.derived.fact ? { ...f.derived, of } : f.derived;
    const d = evalTest(db, sc, test, e, null);
    if (d !== U) return d;
  }
  return fromText(e, name);
}

// A rule test, three-valued, at event e (steps: the sequence's events).
function evalTest(db, sc, t, e, steps) {
  if (t.all) return t.all.reduce((v, k) => and(v, evalTest(db, sc, k, e, steps)), T);
  if (t.any) return t.any.reduce((v, k) => or(v, evalTest(db, sc, k, e, steps)), F);
  if (t.not) return not(evalTest(db, sc, t.not, e, steps));
  const at = steps && t.at >= 0 ? steps[t.at] : e;
  if (t.fact) return factValue(db, sc, at, t.fact, t.of);
  if (t.status) return t.status.includes(at.subject.status) ? T : F;
  if (t.none_between) return noneBetween(db, sc, t, steps);
  if (t.to_party) return at.to && db.instruments.get(t.to_party).states.includes(at.to) ? T : F;
  if (t.to_nationality) {
    const home = at.subject ? at.subject.nationality : null;
    return !at.to || !home ? U : at.to === home ? T : F;
  }
  throw new Error('unknown test ' + JSON.stringify(t));
}

function noneBetween(db, sc, t, steps) {
  const from = steps[t.none_between[0]], to = steps[t.none_between[1]];
  let some = F;
  for (let i = from.index + 1; i < to.index && some !== T; i++) {
    const ev = sc.events[i];
    if (ev.actor !== to.actor || ev.subject !== to.subject || !t.on.includes(ev.action)) continue;
    some = or(some, t.where ? evalTest(db, sc, t.where, ev, null) : T);
  }
  return not(some);
}

/* ------------------------------------------------------------ binding */

const within = (ev, from) => (ev[0] >= from[1] ? T : ev[1] < from[0] ? F : U);
const before = (ev, until) => (ev[1] < until[0] ? T : ev[0] >= until[1] ? F : U);
const covered = (prefix, p) => p.startsWith(prefix) && (p.length === prefix.length || p.startsWith('__', prefix.length));

function treatyBound(inst, provision, e) {
  const p = inst.partyOf.get(e.actor);
  if (!p || !p.consent) return F;
  let f;
  if (p.type === 'succession') {
    f = p.effective ? p.effective : [inst.in_force[0], Math.max(inst.in_force[1], p.consent[1])];
  } else {
    f = [Math.max(inst.in_force[0], addDuration(p.consent[0], inst.eif_delay)),
      Math.max(inst.in_force[1], addDuration(p.consent[1], inst.eif_delay))];
  }
  let bound = within(e.date, f);
  if (bound === F) return F;
  if (p.denunciation && inst.denounceable) {
    const eff = [addDuration(p.denunciation[0], inst.denunciation_delay),
      addDuration(p.denunciation[1], inst.denunciation_delay)];
    bound = and(bound, before(e.date, eff));
  }
  if (provision) {
    let reserved = T;
    for (const r of p.reservations) {
      if (!r.provisions.some((x) => covered(x, provision))) continue;
      if (inst.non_reservable.some((x) => covered(x, provision))) continue;
      const inEffect = r.withdrawn ? before(e.date, r.withdrawn) : T;
      if (inEffect === F) continue;
      reserved = inEffect === U ? U : F;
      if (reserved === F) break;
    }
    bound = and(bound, reserved);
  }
  return bound;
}

function instrumentBound(inst, provision, e) {
  if (inst.kind === 'treaty') return treatyBound(inst, provision, e);
  if (inst.kind === 'customary') return inst.binds_from ? within(e.date, inst.binds_from) : T;
  if (!inst.states.includes(e.actor)) return F;
  return within(e.date, inst.in_force);
}

// Bound by the rule's provision, or through an instrument that incorporates it.
function bound(db, rule, e) {
  const inst = db.instruments.get(rule.instrument);
  const first = instrumentBound(inst, rule.provision, e);
  if (first === T || !inst.incorporated_by) return first;
  const inc = db.instruments.get(inst.incorporated_by);
  if (!inc.incorporated.some((x) => covered(x, rule.provision))) return first;
  const second = instrumentBound(inc, inc.incorporating_provision, e);
  return second === T || (first === F && second === U) ? second : first;
}

/* ------------------------------------------------------------ sequences */

// The earlier steps of a sequence rule, each the nearest earlier event of
// the same actor and subject with a step's action; null when one is missing.
function matchSequence(sc, rule, last) {
  const steps = new Array(rule.steps.length);
  steps[steps.length - 1] = last;
  let next = last.index;
  for (let k = steps.length - 1; k-- > 0;) {
    let found = null;
    while (next-- > 0) {
      const e = sc.events[next];
      if (e.actor === last.actor && e.subject === last.subject && rule.steps[k].on.includes(e.action)) {
        found = e;
        break;
      }
    }
    if (!found) return null;
    steps[k] = found;
  }
  return steps;
}

// The rules an event completes, with their steps.
function candidates(db, sc, e) {
  const out = [];
  for (const rule of db.rules) {
    if (rule.steps.length === 0) {
      if (rule.on.includes(e.action)) out.push({ rule, steps: [e] });
    } else if (rule.steps[rule.steps.length - 1].on.includes(e.action)) {
      const steps = matchSequence(sc, rule, e);
      if (steps) out.push({ rule, steps });
    }
  }
  return out;
}

module.exports = {
  T, F, U, loadTables, readScenario, evalTest, bound, candidates, parseDate, addDuration,
};
