#!/usr/bin/python3
"""pacta_dask.py: pacta batches spread over a Dask cluster.

    python3 examples/dask/pacta_dask.py [--scheduler ADDRESS | --workers N]
        [--pacta PATH] [--partition-bytes N] --rules DIR --out DIR FILE...

Reads JSON Lines files of scenarios, cuts each into partitions at line
boundaries (--partition-bytes, default 64 MiB), and hands every partition
to `pacta check --batch -` on a Dask worker through a pipe. The answers come
back in input order and go to one file per input, OUT/NAME for an input
named NAME: the batch header, then one compact record per scenario, exactly
as `pacta check --batch FILE` would have written them on one machine
(records are renumbered across partitions, and an error's line counted
from the start of the file).

Without --scheduler it starts a LocalCluster of N worker processes (default
2). With --scheduler, each worker needs pacta (--pacta, default `pacta` on
its PATH), the rules directory at the same path, and read access to the
input files at the same paths (a shared file system); see
examples/dask/README.md.

Each partition starts one pacta process, which loads the rulebase once for
the whole partition: with partitions of tens of megabytes that load is a
negligible share of the time.
"""
import argparse
import json
import os
import subprocess
import sys

from dask.distributed import Client, LocalCluster

MIB = 1024 * 1024


def partitions(path, size):
    """Byte ranges of path of about size bytes each, cut after a newline."""
    total = os.path.getsize(path)
    ranges, start = [], 0
    with open(path, "rb") as f:
        while start < total:
            end = min(start + size, total)
            if end < total:
                f.seek(end)
                rest = f.readline()
                end += len(rest)
            ranges.append((start, end))
            start = end
    return ranges or [(0, 0)]


def check_partition(pacta, rules, path, start, end):
    """Runs on a worker: the partition's header, records and line count."""
    with open(path, "rb") as f:
        f.seek(start)
        data = f.read(end - start)
    run = subprocess.run([pacta, "check", "--rules", rules, "--batch", "-"], input=data,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    lines = run.stdout.decode("utf-8").splitlines()
    if not lines:
        if data.strip():
            raise RuntimeError("pacta on %s bytes %d-%d: %s"
                               % (path, start, end, run.stderr.decode("utf-8", "replace")))
        return None, [], data.count(b"\n")  # only blank lines: no scenario
    return lines[0], lines[1:], data.count(b"\n")


def merge(name, results):
    """The partitions' answers as one batch's lines, in order."""
    header, out = None, []
    index = line = 0
    for head, records, line_count in results:
        if head and header is None:
            header = json.loads(head)
            header["batch"] = name
        for text in records:
            record = json.loads(text)
            record["index"] += index
            error = record.get("error")
            if error:
                error["file"] = name
                if error["line"]:
                    error["line"] += line
            out.append(record)
        index += len(records)
        line += line_count
    if header is None:
        raise SystemExit("%s: no scenario: the input is empty" % name)
    return [header] + out


def dump(obj, header=False):
    """One line as pacta writes it: the header spaced, records without blanks."""
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": ") if header else (",", ":"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = ap.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running Dask scheduler")
    where.add_argument("--workers", type=int, default=2, help="local worker processes")
    ap.add_argument("--pacta", default="pacta", help="the pacta program on the workers")
    ap.add_argument("--rules", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--partition-bytes", type=int, default=64 * MIB)
    ap.add_argument("files", nargs="+", metavar="FILE")
    args = ap.parse_args()
    names = [os.path.basename(f) for f in args.files]
    if len(set(names)) != len(names):
        sys.exit("pacta_dask.py: two inputs share a name, and so an output file")
    os.makedirs(args.out, exist_ok=True)
    rules = os.path.abspath(args.rules)
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               dashboard_address=None)
        client = Client(cluster)
    try:
        jobs = []
        for path in args.files:
            ranges = partitions(path, args.partition_bytes)
            futures = [client.submit(check_partition, args.pacta, rules, os.path.abspath(path),
                                     start, end, pure=False) for start, end in ranges]
            jobs.append((path, futures))
        for path, futures in jobs:
            lines = merge(path, client.gather(futures))
            with open(os.path.join(args.out, os.path.basename(path)), "w",
                      encoding="utf-8") as f:
                f.write(dump(lines[0], header=True) + "\n")
                for obj in lines[1:]:
                    f.write(dump(obj) + "\n")
    finally:
        client.close()
        if not args.scheduler:
            cluster.close()


if __name__ == "__main__":
    main()
