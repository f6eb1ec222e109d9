"""wide.py: pacta's batch against its two floors on the wide workload, in
one run (`make bench` runs it; results in bench/README.md).

    python3 bench/wide.py --build BUILD [--wide DIR] [--sizes 20000,200000]
                          [--rounds 3] [--jobs 1]

The wide workload lives outside the tree (../shared/bench/wide: a
generator, and c/wide.c, a hand-written C program with json-c that decides
its 10 provisions in C). It is built and run from there, never copied; when
it is absent this prints why and exits 0.

For each size it generates the file once (gen.py, same bytes for the same
size), then runs, interleaved, ROUNDS times each:

  pacta        pacta check --batch FILE --jobs J (compact records) > file
  parse-only   BUILD/bench/parse_floor FILE: json-c parsing every line
  hand C       the reference, built with gcc -O2 from DIR/c/wide.c

and prints the median wall time, peak memory (GNU time) and output bytes per
scenario of each, and the ratios of pacta to the two floors.

Then, on the largest file, it times pacta with --jobs 1, 2 and 4, as many of
them as the machine has cores (interleaved, ROUNDS each), and prints each
speed-up over --jobs 1 beside the target (1.8 times with 2 threads, 3.2
with 4); a thread count above the cores is reported as not measured.
--no-scaling skips this.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def timed(argv, out_path):
    """Wall seconds and peak RSS (KiB, from GNU time: a forked child's own
    rusage would count the Python it was forked from) of one process
    writing to out_path."""
    rss_path = out_path + ".rss"
    with open(out_path, "wb") as out:
        start = time.monotonic()
        run = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", rss_path] + argv, stdout=out,
                             stderr=subprocess.PIPE)
        wall = time.monotonic() - start
    if run.returncode not in (0, 1):
        sys.exit("wide.py: %s exited with %d: %s" % (argv[0], run.returncode, run.stderr[:300]))
    with open(rss_path) as f:
        return wall, int(f.read().split()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", required=True)
    ap.add_argument("--wide", default=os.path.join(ROOT, "..", "shared", "bench", "wide"))
    ap.add_argument("--sizes", default="20000,200000")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--no-scaling", action="store_true")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    wide = os.path.abspath(args.wide)
    if not os.path.exists("/usr/bin/time"):
        sys.exit("wide.py: GNU time is not installed (apt-get install time)")
    if not os.path.exists(os.path.join(wide, "c", "wide.c")):
        print("wide.py: the wide workload is not at %s (pass --wide DIR or WIDE=DIR to make"
              " bench): skipped" % wide)
        return
    work = os.path.join(build, "bench", "wide")
    os.makedirs(work, exist_ok=True)
    ref = os.path.join(work, "wide")
    subprocess.run(["gcc", "-O2", "-o", ref, os.path.join(wide, "c", "wide.c"), "-ljson-c"],
                   check=True)
    pacta = os.path.join(build, "pacta")
    floor = os.path.join(build, "bench", "parse_floor")
    jansson = os.path.join(build, "bench", "parse_floor_jansson")
    rules = os.path.join(ROOT, "rules")
    print("wide workload from %s; %d rounds, interleaved; medians; pacta --jobs %d"
          % (wide, args.rounds, args.jobs))
    data = None
    print("%-8s %-11s %9s %11s %9s %11s" % ("size", "program", "seconds", "scenarios/s",
                                              "peak MiB", "bytes/scen."))
    for size in (int(s) for s in args.sizes.split(",")):
        data = os.path.join(work, "w%d.jsonl" % size)
        if not os.path.exists(data):
            with open(data, "wb") as f:
                subprocess.run([sys.executable, os.path.join(wide, "gen.py"), str(size)],
                               stdout=f, check=True)
        programs = [
            ("pacta", [pacta, "check", "--rules", rules, "--batch", data,
                       "--jobs", str(args.jobs)]),
            ("parse-only", [floor, data]),
            ("hand C", [ref, os.path.join(wide, "parties.json"), data]),
        ]
        if os.path.exists(jansson):  # built by make bench where libjansson-dev is installed
            programs.append(("jansson", [jansson, data]))
        runs = {name: [] for name, _ in programs}
        for _ in range(args.rounds):
            for name, argv in programs:
                out = os.path.join(work, "out-%s" % name.replace(" ", "-"))
                runs[name].append(timed(argv, out) + (os.path.getsize(out),))
        median = {}
        for name, _ in programs:
            wall = statistics.median(r[0] for r in runs[name])
            median[name] = wall
            print("%-8d %-11s %9.3f %11.0f %9.1f %11.0f"
                  % (size, name, wall, size / wall, max(r[1] for r in runs[name]) / 1024,
                     runs[name][-1][2] / size))
        print("%-8d ratios: pacta / parse-only %.2f, pacta / hand C %.2f"
              % (size, median["pacta"] / median["parse-only"],
                 median["pacta"] / median["hand C"]))
        if "jansson" in median:
            print("%-8d the same parse with jansson: %.2f times json-c's"
                  % (size, median["jansson"] / median["parse-only"]))
    if data and not args.no_scaling:
        scaling(pacta, rules, data, work, args.rounds)


# The targets for threads: the speed-up over one thread.
THREAD_TARGETS = {2: 1.8, 4: 3.2}


def scaling(pacta, rules, data, work, rounds):
    """pacta --jobs 1, 2, 4 on one file, interleaved: the speed-up of each over --jobs 1."""
    cores = os.cpu_count() or 1
    counts = [1] + [n for n in sorted(THREAD_TARGETS) if n <= cores]
    size = sum(1 for _ in open(data, "rb"))
    runs = {n: [] for n in counts}
    out = os.path.join(work, "out-jobs")
    for _ in range(rounds):
        for n in counts:
            runs[n].append(timed([pacta, "check", "--rules", rules, "--batch", data,
                                  "--jobs", str(n)], out)[0])
    one = statistics.median(runs[1])
    print("threads on %d scenarios, %d cores; medians of %d rounds, interleaved"
          % (size, cores, rounds))
    for n in sorted(THREAD_TARGETS):
        if n in runs:
            speedup = one / statistics.median(runs[n])
            print("--jobs %d   %7.3f s  %.2f times --jobs 1 (target %.1f: %s)"
                  % (n, statistics.median(runs[n]), speedup, THREAD_TARGETS[n],
                     "met" if speedup >= THREAD_TARGETS[n] else "not met"))
        else:
            print("--jobs %d   not measured: this machine has %d cores (target %.1f times)"
                  % (n, cores, THREAD_TARGETS[n]))


main()
