#!/usr/bin/env python3
"""No two src/ modules include each other, directly or round a loop
(STYLE.md rule 17). A module is a file stem: x.c, x.cpp and x.h are one
module, and x.c including x.h is no edge. Every `#include "y.h"` of a
module whose y is another module is an edge; a cycle among the edges fails
the test, printed as a -> b -> a. Before reading src/ the detector is tried
on two small trees of its own, one with a cycle and one without, so the
test can fail.

    test_include_cycles.py [--list] [SRC_DIR]

--list prints the edge list ("a -> b, c", one module a line) and exits 0,
for docs/ARCHITECTURE.md. SRC_DIR defaults to $FEEDCARD_SRC/src."""
import os
import re
import sys
import tempfile

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)\.h"', re.M)
SOURCES = (".c", ".cpp", ".h")


def edges(src):
    """{module: set of modules it includes}, for every module in src."""
    files = [f for f in os.listdir(src) if f.endswith(SOURCES)]
    mods = {os.path.splitext(f)[0] for f in files}
    graph = {m: set() for m in mods}
    for f in files:
        mod = os.path.splitext(f)[0]
        with open(os.path.join(src, f), encoding="utf-8", errors="replace") as fh:
            for inc in INCLUDE.findall(fh.read()):
                if inc in mods and inc != mod:
                    graph[mod].add(inc)
    return graph


def cycles(graph, cap=50):
    """The elementary cycles, each as a list of modules starting at its
    smallest one (so each is found once), at most cap of them."""
    found = []
    order = sorted(graph)
    for start in order:
        # Only nodes greater than start: a cycle through a smaller node was
        # found when that node was the start.
        stack = [(start, iter(sorted(graph[start])))]
        path = [start]
        on_path = {start}
        while stack and len(found) < cap:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                stack.pop()
                on_path.discard(path.pop())
                continue
            if nxt == start:
                found.append(list(path))
            elif nxt > start and nxt not in on_path:
                path.append(nxt)
                on_path.add(nxt)
                stack.append((nxt, iter(sorted(graph[nxt]))))
    return found


def fmt(cycle):
    return " -> ".join(cycle + [cycle[0]])


def selftest():
    """The detector finds a cycle of two and of three, and none where
    there is none; a module's own header is no edge."""
    trees = {
        "cyclic": {"a.c": '#include "a.h"\n#include "b.h"\n', "a.h": "",
                   "b.c": '#include "c.h"\n', "b.h": '#include "a.h"\n',
                   "c.c": '#include "a.h"\n', "c.h": "", "d.c": '#include "d.h"\n'},
        "acyclic": {"a.c": '#include "a.h"\n#include "b.h"\n', "a.h": '#include <stdio.h>\n',
                    "b.c": '#include "c.h"\n#include "ext/x.h"\n', "b.h": "", "c.h": ""},
    }
    want = {"cyclic": ["a -> b -> a", "a -> b -> c -> a"], "acyclic": []}
    for name, files in trees.items():
        with tempfile.TemporaryDirectory() as d:
            for f, text in files.items():
                with open(os.path.join(d, f), "w") as fh:
                    fh.write(text)
            got = sorted(fmt(c) for c in cycles(edges(d)))
        if got != want[name]:
            print(f"FAIL: the detector finds {got} in the {name} tree, want {want[name]}")
            sys.exit(1)


def main(argv):
    listing = "--list" in argv
    args = [a for a in argv if a != "--list"]
    src = args[0] if args else os.path.join(os.environ.get("FEEDCARD_SRC", "."), "src")
    if not os.path.isdir(src):
        print(f"FAIL: no source folder {src}")
        return 1
    graph = edges(src)
    if listing:
        for m in sorted(graph):
            print(f"{m} -> {', '.join(sorted(graph[m]))}" if graph[m] else m)
        return 0
    selftest()
    n_edges = sum(len(v) for v in graph.values())
    if len(graph) < 20 or n_edges < 40:
        print(f"FAIL: only {len(graph)} modules and {n_edges} edges in {src}: wrong folder?")
        return 1
    found = cycles(graph)
    if found:
        print(f"FAIL: {len(found)} include cycle(s) between src/ modules:")
        for c in found:
            print("  " + fmt(c))
        return 1
    print(f"no include cycle among {len(graph)} modules ({n_edges} edges)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
