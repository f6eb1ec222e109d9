"""run.py: pacta against json-rules-engine and SWI-Prolog, on the same
input, in one run (`make bench` runs it; bench/README.md has the results).

    python3 bench/run.py --build BUILD [--rules DIR] [--scenarios N] [--seed S]
                         [--rounds R] [--scaling] [--million]

1. Exports the rulebase (BUILD/bench/export) to tables.json and tables.pl,
   so the other engines weigh exactly the rules, party records and dates
   pacta loads (all from one copy of the rules taken at the start).
2. Generates N scenarios (bench/gen.py, seeded) as JSON Lines.
3. Runs each engine R times on that file, end to end: a fresh process that
   loads the rules, reads and parses every line, decides, and writes one
   JSON line per scenario to a file. Per run: wall time, CPU time and peak
   memory of that process (wait4).
4. Counts the findings per verdict in each engine's output. Unless all
   three counts agree, it prints the disagreement and stops before printing
   any time.
5. Prints per engine: scenarios per second (best of R, wall clock, and by
   CPU time), the time to load the rules, peak memory, and the ratio to
   pacta; then pacta's own breakdown (parse, evaluate, render) and
   libyaml's parse-only time on the same bytes (BUILD/bench/breakdown).
6. --scaling: pacta alone at 1, 10 and 100 times the rules (bench/
   variants.py) and at 1k and 100k scenarios; --million adds 1M scenarios
   (generated to a file as they are made, checked with the output thrown
   away), to show that memory stays flat.
"""
import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
VERDICTS = ["violation", "no_violation", "undetermined", "not_applicable"]


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def machine():
    cpu = "unknown"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    mem = 0
    for line in open("/proc/meminfo"):
        if line.startswith("MemTotal"):
            mem = int(line.split()[1]) // 1024
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_mib": mem,
            "kernel": platform.release(), "load_average": os.getloadavg()}


def measure(cmd, stdout_path):
    """Runs cmd once; returns wall seconds, CPU seconds, peak RSS (KiB), stderr.

    Peak memory is GNU time's: the RSS of a child that Python forks would
    count Python's own pages, copied before the exec."""
    out = open(stdout_path, "wb") if stdout_path else subprocess.DEVNULL
    peak = os.path.join(tempfile.gettempdir(), "pacta-bench-%d.peak" % os.getpid())
    t0 = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", peak] + cmd, stdout=out,
                         stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if stdout_path:
        out.close()
    rss = int(open(peak).read().split()[-1])
    os.unlink(peak)
    if code not in (0, 1):
        sys.exit("run.py: %s failed (%d): %s" % (cmd[0], code, err.decode()[-2000:]))
    return wall, ru.ru_utime + ru.ru_stime, rss, err.decode()


def pacta_counts(path):
    """Findings per verdict in pacta's JSON Lines (each line's summary)."""
    counts = dict.fromkeys(VERDICTS, 0)
    key = b'"summary":'
    n = 0
    with open(path, "rb") as f:
        for line in f:
            at = line.rfind(key)
            if at < 0:
                sys.exit("run.py: a pacta output line without a summary: %r" % line[:300])
            summary = json.loads(line[at + len(key):].rstrip()[:-1])
            for v in VERDICTS:
                counts[v] += summary[v]
            n += 1
    return n, counts


def engine_counts(err):
    last = [l for l in err.strip().split("\n") if l.startswith("{")][-1]
    o = json.loads(last)
    return o["scenarios"], o["counts"], o["load_ms"]


def best(runs):
    return min(runs, key=lambda r: r[0])


def run_engines(args, work, tables_json, tables_pl, workload, n):
    pacta = os.path.join(args.build, "pacta")
    engines = [
        ("pacta", [pacta, "check", "--rules", args.rules, "--batch", workload, "--detail", "full"]),
        ("json-rules-engine", ["node", os.path.join(HERE, "engines", "jre.js"), tables_json, workload]),
        ("swi-prolog", ["swipl", "-O", os.path.join(HERE, "engines", "pacta.pl"), "--",
                        tables_pl, workload]),
    ]
    results = {}
    for name, cmd in engines:
        out = os.path.join(work, "out-%s.jsonl" % name)
        runs = [measure(cmd, out) for _ in range(args.rounds)]
        wall, cpu, rss, err = best(runs)
        if name == "pacta":
            scenarios, counts = pacta_counts(out)
            load_ms = None
        else:
            scenarios, counts, load_ms = engine_counts(err)
        results[name] = {"wall": wall, "cpu": cpu, "rss_kib": rss, "scenarios": scenarios,
                         "counts": counts, "load_ms": load_ms,
                         "output_bytes": os.path.getsize(out),
                         "walls": [r[0] for r in runs]}
        os.unlink(out)
        print("  ran %-18s best of %d: %.2f s" % (name, args.rounds, wall), file=sys.stderr)
    return results


def check_agreement(results, n):
    ref = results["pacta"]["counts"]
    ok = True
    for name, r in results.items():
        if r["scenarios"] != n or r["counts"] != ref:
            ok = False
    if not ok:
        print("CHECKSUM MISMATCH: the engines do not agree; no time is reported.")
        for name, r in results.items():
            print("  %-18s scenarios %d, %s" % (name, r["scenarios"], json.dumps(r["counts"])))
        sys.exit(1)
    total = sum(ref.values())
    print("checksum: all three engines agree on %d scenarios, %d findings: %s"
          % (n, total, ", ".join("%s %d" % (v, ref[v]) for v in VERDICTS)))


def breakdown(args, rules, workload):
    tool = os.path.join(args.build, "bench", "breakdown")
    res = subprocess.run([tool, rules, workload], check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def print_comparison(results, n, bd):
    p = results["pacta"]
    print()
    print("%-18s %12s %12s %10s %10s %12s %10s" % (
        "engine", "scen/s wall", "scen/s CPU", "load ms", "peak MiB", "output MiB", "vs pacta"))
    for name in ("pacta", "json-rules-engine", "swi-prolog"):
        r = results[name]
        load = bd["load_ms_min"] if name == "pacta" else r["load_ms"]
        print("%-18s %12.0f %12.0f %10.1f %10.1f %12.1f %9.1fx" % (
            name, n / r["wall"], n / r["cpu"], load, r["rss_kib"] / 1024.0,
            r["output_bytes"] / 1048576.0, r["wall"] / p["wall"]))
    print("(vs pacta: how many times longer the engine took than pacta, wall clock)")


def print_breakdown(bd):
    n = bd["scenarios"]
    per = lambda s: 1e6 * s / n
    print()
    print("pacta, where the time goes (library calls, %d scenarios, %d rules, %.1f MB of input):"
          % (n, bd["rules"], bd["bytes"] / 1e6))
    print("  load rules      %8.1f ms (min of %d loads; median %.1f ms)"
          % (bd["load_ms_min"], bd["loads"], bd["load_ms_median"]))
    print("  parse+validate  %8.1f us/scenario  (pacta_scenario_load_line, indicators included)"
          % per(bd["parse_s"]))
    print("  evaluate        %8.1f us/scenario  (pacta_check)" % per(bd["check_s"]))
    print("  render JSON     %8.1f us/scenario  (pacta_render, into memory)" % per(bd["render_s"]))
    print("  libyaml alone   %8.1f us/scenario  (events only, nothing built: the floor)"
          % per(bd["libyaml_s"]))
    print("  evaluate / parse = %.2f" % (bd["check_s"] / bd["parse_s"]))


def scaling(args, work, tables_json):
    print()
    print("scaling, pacta alone (end to end: pacta check --batch, output to a file,"
          " or discarded for 1M):")
    print("%-28s %10s %12s %12s %10s %10s" % ("case", "scenarios", "findings", "scen/s wall",
                                             "load ms", "peak MiB"))
    pacta = os.path.join(args.build, "pacta")
    w1k = os.path.join(work, "scale-1k.jsonl")
    sh([sys.executable, os.path.join(HERE, "gen.py"), tables_json, "1000", str(args.seed)],
       stdout=open(w1k, "w"))
    for k in (1, 10, 100):
        rules = args.rules
        if k > 1:
            rules = os.path.join(work, "rules-x%d" % k)
            sh([sys.executable, os.path.join(HERE, "variants.py"), args.rules, str(k), rules])
        out = os.path.join(work, "scale-out.jsonl")
        wall, cpu, rss, _ = measure([pacta, "check", "--rules", rules, "--batch", w1k, "--detail", "full"], out)
        n, counts = pacta_counts(out)
        bd = breakdown(args, rules, w1k)
        os.unlink(out)
        print("%-28s %10d %12d %12.0f %10.1f %10.1f" % (
            "rules x%d (%d rules)" % (k, bd["rules"]), n, sum(counts.values()), n / wall,
            bd["load_ms_min"], rss / 1024.0))
    sizes = [1000, 100000] + ([1000000] if args.million else [])
    for size in sizes:
        path = os.path.join(work, "scale-%d.jsonl" % size)
        with open(path, "w") as f:
            sh([sys.executable, os.path.join(HERE, "gen.py"), tables_json, str(size),
                str(args.seed)], stdout=f)
        discard = size >= 1000000
        out = None if discard else os.path.join(work, "scale-out.jsonl")
        wall, cpu, rss, _ = measure([pacta, "check", "--rules", args.rules, "--batch", path, "--detail", "full"], out)
        findings = sum(pacta_counts(out)[1].values()) if out else -1
        if out:
            os.unlink(out)
        os.unlink(path)
        print("%-28s %10d %12s %12.0f %10s %10.1f" % (
            "scenarios %d" % size, size, findings if findings >= 0 else "(discarded)",
            size / wall, "", rss / 1024.0))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--rules", default=os.path.join(ROOT, "rules"))
    ap.add_argument("--scenarios", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--scaling", action="store_true")
    ap.add_argument("--million", action="store_true")
    args = ap.parse_args()
    args.build = os.path.abspath(args.build)
    args.rules = os.path.abspath(args.rules)
    for tool in ("node", "swipl", "/usr/bin/time"):
        if not shutil.which(tool):
            sys.exit("run.py: %s is not installed: run bench/setup.sh first" % tool)
    if not os.path.isdir(os.path.join(HERE, "node_modules", "json-rules-engine")):
        sys.exit("run.py: json-rules-engine is not installed: run bench/setup.sh first")
    work = os.path.join(args.build, "bench", "work")
    os.makedirs(work, exist_ok=True)

    # one copy of the rules for every engine and every run, so that an edit
    # of rules/ while the benchmark runs cannot make them weigh different law
    snapshot = os.path.join(work, "rules")
    if os.path.exists(snapshot):
        shutil.rmtree(snapshot)
    shutil.copytree(args.rules, snapshot)
    args.rules = snapshot

    info = machine()
    print("machine: %d cores, %s, %d MiB; load average at start %.2f %.2f %.2f"
          % (info["nproc"], info["cpu"], info["memory_mib"], *info["load_average"]))
    tables_json = os.path.join(work, "tables.json")
    tables_pl = os.path.join(work, "tables.pl")
    sh([os.path.join(args.build, "bench", "export"), args.rules], stdout=open(tables_json, "w"))
    sh([sys.executable, os.path.join(HERE, "tables_pl.py"), tables_json],
       stdout=open(tables_pl, "w"))
    workload = os.path.join(work, "workload.jsonl")
    with open(workload, "w") as f:
        sh([sys.executable, os.path.join(HERE, "gen.py"), tables_json, str(args.scenarios),
            str(args.seed)], stdout=f)
    n = args.scenarios
    print("workload: %d scenarios (seed %d), %.1f MB of JSON Lines; rules: %s"
          % (n, args.seed, os.path.getsize(workload) / 1e6, args.rules))

    results = run_engines(args, work, tables_json, tables_pl, workload, n)
    check_agreement(results, n)
    bd = breakdown(args, args.rules, workload)
    print_comparison(results, n, bd)
    print_breakdown(bd)
    if args.scaling:
        scaling(args, work, tables_json)
    os.unlink(workload)


main()
