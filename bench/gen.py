"""gen.py: the benchmark's workload, a deterministic stream of scenarios.

    python3 gen.py TABLES.json N [SEED] > workload.jsonl

Writes N scenarios as JSON Lines (one per line), the same N for the same
seed and tables on every machine (random.Random(SEED), no other source of
randomness). The states, actions and facts come from TABLES.json (bench/
export.c's view of rules/), so the workload uses only what the rules know.
It is written as it is generated: a million scenarios take no more memory
than one.

The mix is meant to look like an incident database: mostly removals, a
third of them preceded by a classification (some of those by a status
determination), dates spread over seven decades at day, month or year
precision, actors that are parties, signatories and non-parties, country
conditions that are often missing (so many findings are undetermined),
person and event facts stated now and then (some as unknown), and a
narrative on most events, in which the rules' indicators sometimes find
facts ("forcibly repatriated", "without any screening").
"""
import json
import random
import sys

# Where the generator looks for interesting actors and destinations: states
# with handwritten party records and the usual countries of origin. Codes
# the rules do not know are dropped, so the list cannot make a bad scenario.
HOT_ACTORS = ["CN", "RU", "TH", "MY", "IN", "US", "JP", "KR", "LA", "MN", "VN", "KH", "TR",
              "DE", "IT", "GR", "HU", "PL", "AU", "GB", "FR", "EG", "LB", "KE", "PK", "IR"]
ORIGINS = ["KP", "SY", "AF", "MM", "ER", "SO", "SD", "IR", "IQ", "CN", "RU", "VE", "UA", "CD",
           "SS", "NG", "YE", "LY", "ET", "BD"]

CLASSES = ["illegal_immigrant", "economic_migrant", "illegal_entrant", "irregular_migrant",
           "refugee", "asylum_seeker", "person_of_concern", "security_threat"]
STATUSES = [None] * 8 + ["undetermined"] * 3 + ["asylum_seeker"] * 3 + ["refugee"] * 3 + \
           ["migrant"] * 2 + ["national"]
STATE_FACTS = ["persecution_on_return", "torture_on_return", "gross_violations_pattern",
               "onward_removal_risk", "onward_torture_risk"]
PERSON_FACTS = ["security_danger", "serious_crime_danger", "excluded", "sought_protection"]
EVENT_FACTS = ["voluntary", "individual_assessment", "unhcr_access", "sought_protection",
               "security_danger"]
OTHER_ACTIONS = ["detain", "deny_access", "release", "grant_protection"]

# Sentences of narrative, some of which the rules' indicators read.
TELLING = [
    "They were forcibly repatriated overnight under police escort.",
    "The group was returned without any screening or individual assessment.",
    "Officials denied UNHCR access to the detention centre.",
    "Several of them had sought asylum on arrival.",
    "Authorities described all North Korean escapees as illegal immigrants.",
    "They were deported against their will.",
    "The returns were carried out en masse.",
    "They were sent back by force after a blanket deportation order.",
    "None of them were interviewed; they were never screened.",
    "Two expressed fear of being sent back.",
    "Police treated them solely for economic reasons as economic migrants.",
    "They were removed under duress.",
    "The persons were not given access to a lawyer.",
    "UNHCR was not allowed access to them.",
    "They lodged asylum claims that were not registered.",
]
NEUTRAL = [
    "The incident was reported by a local monitoring group.",
    "Witnesses said the bus left the border post at dawn.",
    "Family members learned of the transfer several days later.",
    "The ministry did not respond to requests for comment.",
    "The detainees had been held for about three weeks.",
    "Local media published photographs of the convoy.",
    "A spokesperson cited public order concerns.",
    "The account could not be independently verified.",
    "Relatives abroad appealed to international organisations.",
    "The group included women and children.",
]


def date_text(rng):
    year = int(1955 + 69 * rng.random() ** 0.6)
    if year > 2024:
        year = 2024
    p = rng.random()
    if p < 0.05:
        return "%d" % year, (year, 1, 1)
    month = rng.randint(1, 12)
    if p < 0.20:
        return "%d-%02d" % (year, month), (year, month, 1)
    day = rng.randint(1, 28)
    return "%d-%02d-%02d" % (year, month, day), (year, month, day)


def truth(rng, p_true=0.6, p_false=0.3):
    x = rng.random()
    return True if x < p_true else False if x < p_true + p_false else "unknown"


def narrative(rng):
    parts = []
    for _ in range(rng.randint(1, 4)):
        parts.append(rng.choice(TELLING if rng.random() < 0.45 else NEUTRAL))
    return " ".join(parts)


def scenario(rng, n, states):
    actors = [s for s in HOT_ACTORS if s in states]
    origins = [s for s in ORIGINS if s in states]
    actor = rng.choice(actors) if rng.random() < 0.7 else rng.choice(states)
    nationality = rng.choice(origins) if rng.random() < 0.8 else rng.choice(states)
    if nationality == actor:
        nationality = rng.choice([s for s in origins if s != actor])
    sc = {"pacta": 1, "title": "Incident %d" % n}
    sources = []
    if rng.random() < 0.5:
        sources.append({"id": "src1", "title": "Monitoring report %d" % n,
                        "url": "https://example.org/reports/%d" % n})
    if sources:
        sc["sources"] = sources

    person = {"id": "p1", "nationality": nationality}
    if rng.random() < 0.5:
        person["count"] = rng.choice([1, 2, 3, 5, 9, 12, 40, 120, 600])
    status = rng.choice(STATUSES)
    if status:
        person["status"] = status
    if rng.random() < 0.2:
        person["facts"] = {rng.choice(PERSON_FACTS): truth(rng, 0.5, 0.4)}
    sc["persons"] = [person]

    # events: removals, often after a classification, sometimes with a
    # status determination between; now and then another act
    events = []
    first_text, first = date_text(rng)
    seq = rng.random()
    year, month, day = first

    def later(k):
        y, m, d = year, month, day
        d += 3 * k
        if d > 28:
            d -= 28
            m += 1
        if m > 12:
            m = 1
            y += 1
        if len(first_text) == 4:
            return "%d" % y
        if len(first_text) == 7:
            return "%d-%02d" % (y, m)
        return "%d-%02d-%02d" % (y, m, d)

    k = 0
    if seq < 0.33:
        ev = {"id": "e%d" % (len(events) + 1), "date": later(k), "actor": actor,
              "action": "classify", "subject": "p1", "as": rng.choice(CLASSES)}
        if rng.random() < 0.8:
            ev["basis"] = "categorical" if rng.random() < 0.7 else "individual"
        events.append(ev)
        k += 1
        if rng.random() < 0.3:
            ev = {"id": "e%d" % (len(events) + 1), "date": later(k), "actor": actor,
                  "action": "status_determination", "subject": "p1",
                  "basis": "individual" if rng.random() < 0.6 else "categorical",
                  "outcome": rng.choice(["recognized", "rejected", "pending"])}
            events.append(ev)
            k += 1
    if rng.random() < 0.15:
        other = rng.choice(OTHER_ACTIONS)
        ev = {"id": "e%d" % (len(events) + 1), "date": later(k), "actor": actor,
              "action": other, "subject": "p1"}
        if other == "deny_access":
            ev["to_body"] = "UNHCR"
        events.append(ev)
        k += 1
    if rng.random() < 0.9 or not events:
        removal = rng.choice(["return"] * 5 + ["deport"] * 2 + ["expel", "extradite",
                                                                  "reject_at_frontier", "transfer"])
        to = nationality if removal == "return" or rng.random() < 0.7 else rng.choice(states)
        if to == actor:
            to = nationality
        ev = {"id": "e%d" % (len(events) + 1), "date": later(k), "actor": actor,
              "action": removal, "subject": "p1", "to": to}
        events.append(ev)
    for ev in events:
        if sources and rng.random() < 0.7:
            ev["source"] = "src1"
        if rng.random() < 0.3:
            facts = {}
            for _ in range(rng.randint(1, 2)):
                facts[rng.choice(EVENT_FACTS)] = truth(rng, 0.4, 0.45)
            ev["facts"] = facts
        if rng.random() < 0.6:
            ev["description"] = narrative(rng)
    rng.shuffle(events)  # scenarios list events in any order; pacta sorts them

    # country conditions: often partial, sometimes windowed or contradictory
    conditions = []
    about = [e.get("to") for e in events if e.get("to")] + [nationality]
    for _ in range(rng.choice([0, 0, 1, 1, 2, 2, 3, 4])):
        c = {"state": rng.choice(about), "fact": rng.choice(STATE_FACTS)}
        v = truth(rng, 0.75, 0.15)
        if v is not True:
            c["value"] = v
        if rng.random() < 0.25:
            y = int(1960 + 60 * rng.random())
            c["from"] = "%d-01-01" % y
            if rng.random() < 0.5:
                c["until"] = "%d-12-31" % (y + rng.randint(0, 20))
        if sources and rng.random() < 0.5:
            c["source"] = "src1"
        conditions.append(c)
    if conditions:
        sc["conditions"] = conditions
    sc["events"] = events
    return sc


def main():
    tables = json.load(open(sys.argv[1]))
    n = int(sys.argv[2])
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
    rng = random.Random(seed)
    states = tables["states"]
    out = sys.stdout
    write = out.write
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for i in range(1, n + 1):
        write(dumps(scenario(rng, i, states)))
        write("\n")
    out.flush()


main()
