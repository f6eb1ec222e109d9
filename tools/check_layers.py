#!/usr/bin/env python3
"""Checks that lib/ keeps its layers (make check runs it; see lib/README.md).

The folders of lib/ are layers, lowest first. A file may use (call, read a
variable of, or #include) files of its own layer and of the layers below,
never of a layer above, and no group of files may depend on each other in
a circle. Calls are read from the compiled objects with `nm` (what each
object defines and what it leaves undefined), includes from the sources.

    tools/check_layers.py --src lib --objs build/lib [--layers base,model,...]

Prints one line for each dependency that breaks the rule, and exits 1 if
there is any; otherwise one line that says what was checked. A source file
longer than --max-lines (900) is reported too: a file should read in one
pass.
"""
import argparse
import os
import re
import subprocess
import sys

LAYERS = ["base", "model", "load", "reason", "report", "tools"]
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def sources(src):
    """Every .c and .h below src, as paths relative to it ('base/arena.c')."""
    found = []
    for folder, _, names in os.walk(src):
        for name in names:
            if name.endswith((".c", ".h")):
                found.append(os.path.relpath(os.path.join(folder, name), src))
    return sorted(found)


def nm_symbols(obj, flags):
    out = subprocess.run(["nm"] + flags + [obj], check=True, capture_output=True, text=True).stdout
    return [line.split()[-1] for line in out.splitlines() if line.strip()]


def object_edges(src_files, objs):
    """(user, definer, symbol) for every symbol one object takes from another."""
    defined_by, undefined = {}, {}
    for rel in src_files:
        if not rel.endswith(".c"):
            continue
        obj = os.path.join(objs, rel[:-2] + ".o")
        if not os.path.exists(obj):
            sys.exit(f"check_layers: {obj} is missing: build the library first")
        for sym in nm_symbols(obj, ["--defined-only", "--extern-only"]):
            defined_by[sym] = rel
        undefined[rel] = nm_symbols(obj, ["--undefined-only"])
    edges = {}
    for user, syms in undefined.items():
        for sym in syms:
            definer = defined_by.get(sym)
            if definer and definer != user:
                edges.setdefault((user, definer), sym)
    return [(u, d, s) for (u, d), s in sorted(edges.items())]


def include_edges(src, src_files):
    """(includer, included) for every #include of a file inside src."""
    known = set(src_files)
    edges = []
    for rel in src_files:
        with open(os.path.join(src, rel), encoding="utf-8") as f:
            for target in INCLUDE.findall(f.read()):
                if target in known and target != rel:
                    edges.append((rel, target))
    return edges


def circles(edges):
    """The groups of files that depend on each other (Tarjan's strongly connected components)."""
    graph = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10000)
    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def main():
    ap = argparse.ArgumentParser(description="Check that lib/ keeps its layers.")
    ap.add_argument("--src", default="lib")
    ap.add_argument("--objs", default="build/lib")
    ap.add_argument("--layers", default=",".join(LAYERS))
    ap.add_argument("--max-lines", type=int, default=900)
    args = ap.parse_args()
    layers = args.layers.split(",")
    rank = {name: i for i, name in enumerate(layers)}

    files = sources(args.src)
    problems = []
    for rel in files:
        top = rel.split(os.sep)[0]
        if os.sep not in rel or top not in rank:
            problems.append(f"{args.src}/{rel}: not in a layer folder ({', '.join(layers)})")

    for rel in files:
        with open(os.path.join(args.src, rel), encoding="utf-8") as f:
            lines = sum(1 for _ in f)
        if rel.endswith(".c") and lines > args.max_lines:
            problems.append(f"{args.src}/{rel}: {lines} lines, over {args.max_lines}: split it")

    def layer(rel):
        return rank.get(rel.split(os.sep)[0], -1)

    uses = object_edges(files, args.objs)
    includes = include_edges(args.src, files)
    for user, definer, sym in uses:
        if layer(definer) > layer(user):
            problems.append(f"{args.src}/{user} calls {sym}() of {args.src}/{definer}: "
                            f"{user.split(os.sep)[0]} may not use the layer above it")
    for includer, included in includes:
        if layer(included) > layer(includer):
            problems.append(f"{args.src}/{includer} includes {args.src}/{included}: "
                            f"{includer.split(os.sep)[0]} may not use the layer above it")
    for group in circles([(u, d) for u, d, _ in uses]):
        problems.append("files that call each other: " + ", ".join(f"{args.src}/{g}" for g in group))
    for group in circles(includes):
        problems.append("headers that include each other: " + ", ".join(f"{args.src}/{g}" for g in group))

    for p in problems:
        print(p)
    if problems:
        print(f"layers: {len(problems)} problem(s)")
        return 1
    print(f"layers: ok ({len(files)} files in {len(layers)} layers, "
          f"{len(uses)} calls and {len(includes)} includes between files, no circle)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
