"""Shared helpers for bench/feeds and bench/peers (Python 3 stdlib only).

Whole-process measurements: wall time and CPU time from hyperfine (median
wall time over the runs, after warm-up runs it discards), peak RSS from GNU
time (/usr/bin/time -f %M) in separate runs of the same command, so that
GNU time's own fork and exec do not count in the wall time.
"""
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "work")
EBPF = os.path.normpath(os.path.join(ROOT, "..", "shared", "corpus", "ebpf.io", "blog-posts"))


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def apt_install(*pkgs):
    """Install Debian packages that are missing (the benchmarks install their own tools)."""
    missing = [p for p in pkgs if subprocess.run(
        ["dpkg-query", "-W", "-f=${Status}", p], capture_output=True, text=True
    ).stdout != "install ok installed"]
    if not missing:
        return True
    log(f"bench: apt-get install {' '.join(missing)}")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    r = subprocess.run(sudo + ["apt-get", "install", "-y", "-q"] + missing, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        subprocess.run(sudo + ["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
        r = subprocess.run(sudo + ["apt-get", "install", "-y", "-q"] + missing, env=env,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        log(f"bench: could not install {missing}: {r.stderr.strip()[-400:]}")
        return False
    return True


def need_tools():
    if not os.path.exists("/usr/bin/time"):
        apt_install("time")
    if not shutil.which("hyperfine"):
        apt_install("hyperfine")
    for t in ("/usr/bin/time", "hyperfine"):
        if not shutil.which(t):
            sys.exit(f"bench: {t} is required")


def feedcard_bin(build=None):
    b = os.path.join(build or os.path.join(ROOT, "build"), "src", "feedcard")
    if not os.access(b, os.X_OK):
        sys.exit(f"bench: build feedcard first: cmake -S . -B build && cmake --build build -j2 ({b} missing)")
    return b


def floor_bin(build=None):
    """bench/floor.c, built with the project: the file-system work of a feeds
    build alone, or None when it was not built."""
    b = os.path.join(build or os.path.join(ROOT, "build"), "bench", "bench_floor")
    return b if os.access(b, os.X_OK) else None


def measure_floor(floor, content, reference, runs):
    """Measure bench_floor on content, writing reference's files again (a
    cold build's output, copied first: the cold runs remove it)."""
    ref = reference.rstrip("/") + "-floor-ref"
    out = reference.rstrip("/") + "-floor-out"
    shutil.rmtree(ref, ignore_errors=True)
    shutil.copytree(reference, ref, symlinks=True)
    return measure([floor, content, ref, out], runs=runs, prepare=f"rm -rf '{out}'")


def ensure_corpus(n, toml=False):
    """bench/gen-corpus's n posts (made if missing); toml: their TOML copy."""
    d = os.path.join(WORK, f"corpus-{n}" + ("-toml" if toml else ""))
    subprocess.run([sys.executable, os.path.join(HERE, "gen-corpus"), str(n)] + (["--toml"] if toml else []),
                   check=True, stdout=sys.stderr)
    return d


def count_posts(d):
    """Posts as feedcard counts them: FOLDER/index.md or a top-level .md other than README.md."""
    n = 0
    for e in os.scandir(d):
        if e.is_dir() and os.path.exists(os.path.join(e.path, "index.md")):
            n += 1
        elif e.is_file() and e.name.endswith(".md") and e.name != "README.md":
            n += 1
    return n


def measure(cmd, runs=5, warmup=1, prepare=None, cwd=None, env=None, rss_runs=None, combined=False):
    """Run cmd (an argument list) with hyperfine and GNU time.

    prepare: a shell command run before every run (hyperfine --prepare), for
    cold runs. Returns dict(wall_ms, wall_min_ms, wall_max_ms, cpu_ms,
    user_ms, sys_ms, rss_mb, runs) or None if the command failed."""
    runs = max(runs, 1)
    with tempfile.TemporaryDirectory() as tmp:
        js = os.path.join(tmp, "h.json")
        rssf = os.path.join(tmp, "rss.txt")
        if combined:
            # For commands that take seconds: GNU time inside hyperfine's own
            # runs (its fork and exec are negligible there), no extra runs.
            cmd = ["/usr/bin/time", "-a", "-o", rssf, "-f", "%M"] + cmd
        h = ["hyperfine", "-N", "--style", "none", "--runs", str(runs), "--warmup", str(warmup),
             "--export-json", js]
        if prepare:
            h += ["--prepare", prepare]
        h.append(shlex.join(cmd))
        r = subprocess.run(h, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            log(f"bench: failed: {shlex.join(cmd)}\n{r.stderr.strip()[-1500:]}")
            return None
        with open(js) as f:
            res = json.load(f)["results"][0]
        rss = []
        if combined:
            with open(rssf) as f:
                rss = [int(x) / 1024.0 for x in f.read().split()]
        out = os.path.join(tmp, "t.txt")
        for _ in range(0 if combined else (rss_runs or min(runs, 3))):
            if prepare:
                subprocess.run(prepare, shell=True, cwd=cwd, env=env, check=True)
            t = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", out] + cmd, cwd=cwd,
                               env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if t.returncode != 0:
                log(f"bench: failed under GNU time: {shlex.join(cmd)}")
                return None
            with open(out) as f:
                rss.append(int(f.read().split()[-1]) / 1024.0)
    return {
        "wall_ms": res["median"] * 1000, "wall_min_ms": res["min"] * 1000,
        "wall_max_ms": res["max"] * 1000, "user_ms": res["user"] * 1000,
        "sys_ms": res["system"] * 1000, "cpu_ms": (res["user"] + res["system"]) * 1000,
        "rss_mb": max(rss), "runs": runs,
    }


def fmt_ms(ms):
    if ms is None:
        return "-"
    if ms >= 10000:
        return f"{ms / 1000:.1f} s"
    if ms >= 1000:
        return f"{ms / 1000:.2f} s"
    if ms >= 100:
        return f"{ms:.0f} ms"
    return f"{ms:.1f} ms"


def table(headers, rows):
    """A Markdown table (also readable as plain text)."""
    cells = [[str(c) for c in r] for r in rows]
    w = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h) for i, h in enumerate(headers)]
    line = lambda r: "| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(r)) + " |"
    out = [line(headers), "|" + "|".join("-" * (x + 2) for x in w) + "|"]
    out += [line(r) for r in cells]
    return "\n".join(out)


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for l in f:
                if l.startswith("model name"):
                    cpu = l.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            mem = f"{int(f.readline().split()[1]) / 1048576:.1f} GiB"
    except OSError:
        pass
    osr = "?"
    try:
        with open("/etc/os-release") as f:
            for l in f:
                if l.startswith("PRETTY_NAME="):
                    osr = l.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {mem} RAM, {osr}, kernel {os.uname().release}"


def git_rev():
    r = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                           capture_output=True, text=True).stdout.strip()
    return (r.stdout.strip() or "?") + ("+dirty" if dirty else "")


NPM_DIR = os.path.join(WORK, "npm")


def ensure_npm():
    """Install the npm peers of bench/npm/package.json into bench/work/npm
    (node_modules is never committed) and copy the peer scripts beside them.
    Returns the folder, or None when node or npm is missing or the install fails."""
    if not shutil.which("node") or not shutil.which("npm"):
        apt_install("nodejs", "npm")
    if not shutil.which("node") or not shutil.which("npm"):
        log("bench: node/npm missing: npm peers skipped")
        return None
    os.makedirs(NPM_DIR, exist_ok=True)
    src = os.path.join(HERE, "npm")
    with open(os.path.join(src, "package.json")) as f:
        want = f.read()
    have = None
    pj = os.path.join(NPM_DIR, "package.json")
    if os.path.exists(pj):
        with open(pj) as f:
            have = f.read()
    if have != want or not os.path.isdir(os.path.join(NPM_DIR, "node_modules")):
        with open(pj, "w") as f:
            f.write(want)
        log("bench: npm install (bench/work/npm)")
        r = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error"],
                           cwd=NPM_DIR, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            log(f"bench: npm install failed: {r.stderr.strip()[-800:]}")
            return None
    for n in os.listdir(src):
        if n.endswith(".mjs"):
            shutil.copyfile(os.path.join(src, n), os.path.join(NPM_DIR, n))
    return NPM_DIR


def npm_version(pkg):
    try:
        with open(os.path.join(NPM_DIR, "node_modules", pkg, "package.json")) as f:
            return json.load(f)["version"]
    except (OSError, KeyError, ValueError):
        return None


def cmd_version(cmd):
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, IndexError, subprocess.TimeoutExpired):
        return None


def write_file(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    old = None
    if os.path.exists(path):
        with open(path) as f:
            old = f.read()
    if old != text:
        with open(path, "w") as f:
            f.write(text)
