#!/usr/bin/python3
"""livemig against its peers, measured in one run: prints a markdown table of medians and livemig ÷ peer ratios.

Run from anywhere with Debian's python (numpy and pandas: apt-get install python3-numpy python3-pandas):

  /usr/bin/python3 bench/peers/compare.py                 # default sizes: a few minutes on 2 idle cores
  /usr/bin/python3 bench/peers/compare.py --runs 3 --units 300            # a quick look
  /usr/bin/python3 bench/peers/compare.py --before ../other-checkout      # adds that livemig's column (before/after)

What it does, in order:
 1. builds this checkout's launcher jar and start-up archive (./livemig --version), then generates the inputs with
    `./livemig trace generate` (fixed seed; uniform shape, 1 GiB VM) as .lmt, converts it to CSV with
    `./livemig trace convert` and to .npz with peerfit.py; reuses them while the sizes are unchanged (--work);
 2. checks that the peer's figures equal `livemig trace fit --json` on that input (exits 1 if not);
 3. runs every pair alternating (livemig, peer, livemig, peer, …) --runs times and reports medians of wall time and
    peak RSS (the child's ru_maxrss), and livemig ÷ peer:
      trace fit, CSV                   ./livemig trace fit --json X.csv     vs  peerfit.py fit --json X.csv (pandas)
      trace fit, binary                ./livemig trace fit --json X.lmt     vs  peerfit.py fit --json X.npz (numpy)
      fit compute only, in process     FitTiming.java (TraceFit.of on a loaded trace, median of 5 after warm-up)
                                       vs peerfit.py time-fit X.npz (the numpy fit on loaded arrays): events/s
      memory bandwidth                 System.arraycopy vs numpy copyto of 256 MiB: GB/s (read + write)
      start to exit                    ./livemig predict …, ./livemig trace info X.lmt  vs  python3 -c 'import numpy'
                                       (goal: ≤ 2×; trace info of the 1.3 MB sample data/traces/hot-cold.lmt);
                                       ./livemig run bench/one-line.groovy (goal: ≤ 0.6 s)
    With --before, the other livemig (a checkout with its ./livemig, or a jar run as `java -jar`) joins every
    alternation, and a before ÷ after column is added.
The machine's load (os.getloadavg) is printed before and after: on a shared machine treat the ratios, not the
absolute times, as the result. Nothing here is guarded by a test (timings are not asserted); the figures in
bench/README.md are this script's output.
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
PEER = os.path.join(HERE, "peerfit.py")
TIMING = os.path.join(HERE, "FitTiming.java")
PY = sys.executable
PREDICT = (
    "predict --memory 1GiB --rate 50MiB/s --policy xen --s 8822 "
    "--s-new 2775,1559,1292,839,1038,864,743,658,592,533 --mw 119435"
).split()


class Meter:
    """Runs commands one at a time: wall time, and CPU (user + sys) from the growth of RUSAGE_CHILDREN."""

    def __init__(self):
        import resource

        self.resource = resource

    def __call__(self, cmd, capture=False):
        r = self.resource
        before = r.getrusage(r.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.perf_counter() - t0
        after = r.getrusage(r.RUSAGE_CHILDREN)
        if p.returncode != 0:
            sys.exit(
                f"compare.py: {' '.join(map(shlex.quote, cmd))} exited {p.returncode}:\n"
                + p.stderr.decode(errors="replace")[-2000:]
            )
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        return {"wall": wall, "cpu": cpu, "out": p.stdout.decode() if capture else ""}


def peak_rss_mib(cmd):
    """Peak RSS of one command, run once more: GNU time's %M (KiB). RUSAGE_CHILDREN's maximum is over all children."""
    if not os.path.exists("/usr/bin/time"):
        return float("nan")
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        return int(p.stderr.decode().strip().splitlines()[-1]) / 1024
    except (ValueError, IndexError):
        return float("nan")


class Livemig:
    """One livemig: a checkout (its ./livemig launcher and jar) or a bare jar run with `java -jar`."""

    def __init__(self, where, label):
        self.label = label
        where = os.path.abspath(where)
        if os.path.isdir(where):
            self.launcher = [os.path.join(where, "livemig")]
            self.jar = os.path.join(where, "kernel-ext", "target", "livemig.jar")
            self.root = where
        else:
            self.launcher = ["java", "-jar", where]
            self.jar = where
            self.root = ROOT

    def cmd(self, *args):
        return self.launcher + list(args)

    def prepare(self):
        subprocess.run(self.cmd("--version"), check=True, stdout=subprocess.DEVNULL)  # builds jar and archive


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=5, help="alternations per pair (default 5)")
    ap.add_argument("--units", type=int, default=1500, help="trace length in 100 ms units (default 1500)")
    ap.add_argument("--per-unit", type=int, default=20000, help="pages dirtied per unit (default 20000)")
    ap.add_argument("--work", default="/tmp/livemig-peers", help="where the inputs go (default /tmp/livemig-peers)")
    ap.add_argument("--before", help="another livemig: a checkout directory or a jar, timed alongside")
    ap.add_argument("--skip", default="", help="comma-separated rows to leave out: csv,binary,compute,startup")
    a = ap.parse_args()
    skip = set(filter(None, a.skip.split(",")))
    os.makedirs(a.work, exist_ok=True)
    now = Livemig(ROOT, "livemig")
    others = [Livemig(a.before, "before")] if a.before else []
    load_start = os.getloadavg()
    started = datetime.datetime.now(datetime.timezone.utc)
    for lm in [now] + others:
        lm.prepare()
    built = {lm.jar: os.path.getmtime(lm.jar) for lm in [now] + others}
    meter = Meter()

    # 1. inputs
    base = os.path.join(a.work, f"uniform-{a.units}x{a.per_unit}")
    lmt, csv, npz = base + ".lmt", base + ".csv", base + ".npz"
    if not os.path.exists(lmt):
        subprocess.run(now.cmd("trace", "generate", lmt, "--shape", "uniform", "--memory", "1GiB", "--working-set",
                               "131072", "--per-unit", str(a.per_unit), "--units", str(a.units), "--seed", "1"),
                       check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(csv):
        subprocess.run(now.cmd("trace", "convert", lmt, csv), check=True, stdout=subprocess.DEVNULL)
    if not os.path.exists(npz):
        subprocess.run([PY, PEER, "convert", csv, npz], check=True, stdout=subprocess.DEVNULL)
    sizes = {p: os.path.getsize(p) for p in (lmt, csv, npz)}

    # 2. the same figures
    lj = json.loads(meter(now.cmd("trace", "fit", "--json", lmt), capture=True)["out"])
    pc = json.loads(meter([PY, PEER, "fit", "--json", csv], capture=True)["out"])
    pn = json.loads(meter([PY, PEER, "fit", "--json", npz], capture=True)["out"])
    lj_cmp = {k: lj[k] for k in pc}
    identical = lj_cmp == pc == pn
    if not identical:
        bad = [k for k in pc if pc[k] != lj.get(k) or pn[k] != lj.get(k)]
        sys.exit(f"compare.py: the peer's figures differ from livemig's in {bad}")
    events = int(round(lj["s"] * lj["units"]))

    # 3. pairs, alternating
    rows = []  # (name, {label: cmd}, unit)

    def pair(name, lm_args, peer_cmd, goal=None, kind="time"):
        cmds = {lm.label: lm.cmd(*lm_args) for lm in [now] + others}
        if peer_cmd is not None:
            cmds["peer"] = peer_cmd
        rows.append((name, cmds, goal, kind))

    if "csv" not in skip:
        pair("`trace fit --json`, CSV (pandas)", ["trace", "fit", "--json", csv], [PY, PEER, "fit", "--json", csv])
    if "binary" not in skip:
        pair("`trace fit --json`, .lmt vs .npz (numpy)", ["trace", "fit", "--json", lmt],
             [PY, PEER, "fit", "--json", npz])
    if "startup" not in skip:
        numpy_import = [PY, "-c", "import numpy"]
        pair("`predict` start to exit vs `import numpy`", PREDICT, numpy_import, goal="≤ 2× peer")
        # the repository's small sample (1.3 MB): start-up, not reading (info reads every frame to count events)
        sample = os.path.join(ROOT, "data", "traces", "hot-cold.lmt")
        pair("`trace info data/traces/hot-cold.lmt` start to exit vs `import numpy`", ["trace", "info", sample],
             numpy_import, goal="≤ 2× peer")
        pair("`run bench/one-line.groovy` start to exit", ["run", os.path.join(ROOT, "bench", "one-line.groovy")],
             None, goal="≤ 0.6 s")
    results = {}
    for name, cmds, goal, kind in rows:
        for label, c in cmds.items():
            meter(c)  # one unmeasured run: page cache, and the first run after a build
        walls = {label: [] for label in cmds}
        cpus = {label: [] for label in cmds}
        for _ in range(a.runs):
            for label, c in cmds.items():
                m = meter(c)
                walls[label].append(m["wall"])
                cpus[label].append(m["cpu"])
        rss = {label: peak_rss_mib(c) for label, c in cmds.items()}
        results[name] = (walls, cpus, rss, goal)

    compute = None
    if "compute" not in skip:
        jt = {lm.label: [] for lm in [now] + others}
        pt, bw_py = [], []
        def java_timing(lm):
            out = meter(["java", "-cp", lm.jar, TIMING, lmt, "5", "256"], capture=True)["out"]
            jt[lm.label].append(json.loads(out.strip().splitlines()[-1]))

        def peer_timing():
            pt.append(json.loads(meter([PY, PEER, "time-fit", npz, "--repeat", "5"], capture=True)["out"]))
            bw_py.append(json.loads(meter([PY, PEER, "bandwidth"], capture=True)["out"]))

        steps = [lambda lm=lm: java_timing(lm) for lm in [now] + others] + [peer_timing]
        for i in range(max(1, a.runs // 2 + 1)):
            # the order rotates each round: a fixed one gave the jar that always ran after the numpy bandwidth probe
            # (which touches and frees 512 MB) consistently lower figures
            for step in steps[i % len(steps):] + steps[: i % len(steps)]:
                step()
        compute = (jt, pt, bw_py)
    load_end = os.getloadavg()
    rebuilt = [jar for jar, t in built.items() if os.path.getmtime(jar) != t]
    if rebuilt:
        # a source edited during the run makes ./livemig rebuild in the middle of the measurements
        sys.exit(f"compare.py: {', '.join(rebuilt)} was rebuilt during the run; the figures are void, run it again")

    # 4. the table
    def fmt_s(v):
        return f"{v:.3f} s" if v < 10 else f"{v:.1f} s"

    labels = [now.label] + [o.label for o in others]
    print(f"## livemig vs peers, {started:%Y-%m-%d %H:%M} UTC\n")
    print("- command: `" + " ".join(["/usr/bin/python3", "bench/peers/compare.py"] + sys.argv[1:]) + "`")
    print(f"- load average (1/5/15 min) at start {load_start[0]:.2f}/{load_start[1]:.2f}/{load_start[2]:.2f}, "
          f"at end {load_end[0]:.2f}/{load_end[1]:.2f}/{load_end[2]:.2f}; {os.cpu_count()} CPUs; "
          f"{platform.python_implementation()} {platform.python_version()}, numpy "
          f"{__import__('numpy').__version__}, pandas {__import__('pandas').__version__}; "
          + subprocess.run(["java", "-version"], stderr=subprocess.PIPE).stderr.decode().splitlines()[0])
    print(f"- input: uniform shape, 1 GiB VM (262 144 pages), working set 131 072 pages, {a.per_unit} pages per unit, "
          f"{a.units} units of 100 ms, seed 1: {events:,} events; .lmt {sizes[lmt] / 2**20:.1f} MiB, CSV "
          f"{sizes[csv] / 2**20:.1f} MiB, .npz {sizes[npz] / 2**20:.1f} MiB")
    print(f"- figures identical to `livemig trace fit --json` (CSV and .npz): {'yes' if identical else 'NO'}")
    print(f"- medians of {a.runs} runs, each pair alternating; peak RSS from `/usr/bin/time -f %M`, one run each\n")
    head = "| what | " + " | ".join(f"{lbl} wall" for lbl in labels) + " | peer wall | " + \
        " | ".join(f"{lbl} ÷ peer" for lbl in labels) + " | goal | " + \
        " | ".join(f"{lbl} RSS" for lbl in labels) + " | peer RSS |"
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    for name, (walls, cpus, rss, goal) in results.items():
        med = {k: statistics.median(v) for k, v in walls.items()}
        peer = med.get("peer")
        cells = [name] + [fmt_s(med[lbl]) for lbl in labels]
        cells.append(fmt_s(peer) if peer else "–")
        cells += [f"{med[lbl] / peer:.2f}" if peer else "–" for lbl in labels]
        cells.append(goal or "")
        cells += [f"{rss[lbl]:.0f} MiB" for lbl in labels]
        cells.append(f"{rss['peer']:.0f} MiB" if "peer" in rss else "–")
        print("| " + " | ".join(cells) + " |")
    if compute:
        jt, pt, bw_py = compute
        eps = {lbl: statistics.median(r["events_per_s"] for r in jt[lbl]) for lbl in labels}
        peps = statistics.median(r["events_per_s"] for r in pt)
        cells = ["fit compute only, in process (events/s; ratio = livemig time ÷ peer time)"]
        cells += [f"{eps[lbl] / 1e6:.1f} M/s" for lbl in labels] + [f"{peps / 1e6:.1f} M/s"]
        cells += [f"{peps / eps[lbl]:.2f}" for lbl in labels] + ["", *(["–"] * len(labels)), "–"]
        print("| " + " | ".join(cells) + " |")
        jbw = {lbl: statistics.median(r["copy_gb_per_s"] for r in jt[lbl]) for lbl in labels}
        pbw = statistics.median(r["copy_gb_per_s"] for r in bw_py)
        cells = ["memory bandwidth, copy of 256 MiB (GB/s read + write; ratio = livemig time ÷ peer time)"]
        cells += [f"{jbw[lbl]:.1f} GB/s" for lbl in labels] + [f"{pbw:.1f} GB/s"]
        cells += [f"{pbw / jbw[lbl]:.2f}" for lbl in labels] + ["", *(["–"] * len(labels)), "–"]
        print("| " + " | ".join(cells) + " |")
        print(f"\nIn-process fit, events per byte of copy bandwidth: livemig "
              f"{eps[now.label] / (jbw[now.label] * 1e9):.4f}, numpy {peps / (pbw * 1e9):.4f}.")
    if others:
        print("\nbefore ÷ after (wall medians): " + "; ".join(
            f"{name}: {statistics.median(w['before']) / statistics.median(w['livemig']):.2f}"
            for name, (w, _, _, _) in results.items()))
    print(f"\nCPU (user + sys) medians: " + "; ".join(
        f"{name}: " + ", ".join(f"{k} {statistics.median(v):.2f} s" for k, v in cpus.items())
        for name, (_, cpus, _, _) in results.items()))


if __name__ == "__main__":
    main()
