#!/usr/bin/python3
"""The numpy/pandas peer of `livemig trace fit`: the same figures, written the way a numpy user would.

What it computes (docs/model.md §2.3, core/src/main/java/io/livemig/trace/TraceFit.java), for a trace of K units
B_0 … B_{K-1} (sets of dirtied pages):

  S          mean |B_k|, pages per unit
  D(n)       mean over window starts j = 0 … K-n of |B_j ∪ … ∪ B_{j+n-1}|, for n = 1 … N (N = 10 s in units)
  S_new^T    for a window of n units (T = 1 … 10 s): mean over j of (|∪ window| - |B_j|) / (n - 1)
  M_w        |∪_k B_k|

How: one pass over the units keeps, per page, the last unit it was dirtied in (a numpy gather and scatter per unit),
which gives every event its gap g to the page's previous dirtying. An event at unit k with gap g is the first of its
page in window j exactly when max(k - g, k - n) < j <= k, so a window count is a sum over a (unit, gap) histogram.
Units far from both ends of the trace all see every window, so they collapse into one histogram; the few units within
N of an end are counted exactly. All sums are integers (int64); each figure is one division at the end, as in
TraceFit, so the two print the same doubles.

Inputs: the `unit,page` CSV of docs/trace-format.md (plain or gzip, read with pandas), or an `.npz` written by
`convert` (CSR form: `indptr` int64 of K+1 offsets, `pages` int32 sorted and unique within each unit, and the header).
`.lmt` is read by converting with livemig first: `./livemig trace convert x.lmt x.csv && peerfit.py convert x.csv x.npz`.

Usage:
  peerfit.py fit FILE [--json]                 the figures (JSON keys as `livemig trace fit --json`)
  peerfit.py convert IN.csv[.gz] OUT.npz       CSV to npz (written to a temporary file, then renamed)
  peerfit.py time-fit FILE [--repeat R]        the fit alone, in process, on the loaded arrays: median seconds
  peerfit.py bandwidth [--mib M]               memory bandwidth of a numpy copy (read + write), GB/s
"""

import argparse
import gzip
import json
import math
import os
import sys
import tempfile
import time

import numpy as np
import pandas as pd

S_NEW_SECONDS = 10


class Trace:
    """A trace in CSR form: the pages of unit k are pages[indptr[k]:indptr[k+1]], sorted and unique."""

    def __init__(self, name, indptr, pages, unit_s, page_size, memory_pages, nonzero_pages):
        self.name = name
        self.indptr = indptr
        self.pages = pages
        self.unit_s = unit_s
        self.page_size = page_size
        self.memory_pages = memory_pages  # None when the file does not say
        self.nonzero_pages = nonzero_pages  # None when the file does not say

    @property
    def units(self):
        return len(self.indptr) - 1


def fail(msg):
    raise SystemExit("peerfit: " + msg)


def read_csv(path):
    """The `unit,page` CSV: leading `# key=value` metadata, optional header row, gzip by magic bytes."""
    name = os.path.basename(path)
    with open(path, "rb") as f:
        magic = f.read(2)
    if not magic:
        fail(f"{name}: empty file; expected a header row 'unit,page' and one row per dirtied page")
    gz = magic == b"\x1f\x8b"
    meta, header_row = {}, False
    with (gzip.open(path, "rt") if gz else open(path, "rt", encoding="utf-8-sig")) as f:
        for line in f:
            t = line.strip()
            if t.startswith("#"):
                for kv in t[1:].split():
                    if "=" in kv:
                        k, v = kv.split("=", 1)
                        meta[k] = v
                continue
            if not t:
                continue
            if t[0].isalpha():
                if t.replace(" ", "").lower() != "unit,page":
                    fail(f"{name}: unexpected header row {t[:40]!r}; expected 'unit,page' (counts traces have no pages)")
                header_row = True
            break
    df = pd.read_csv(
        path,
        comment="#",
        header=0 if header_row else None,
        names=["unit", "page"],
        dtype=np.int64,
        compression="gzip" if gz else None,
        skip_blank_lines=True,
        engine="c",
    )
    units = df["unit"].to_numpy()
    pages = df["page"].to_numpy()
    if len(units) and (units.min() < 0 or pages.min() < 0):
        fail(f"{name}: negative unit or page")
    if np.any(units[1:] < units[:-1]):
        i = int(np.argmax(units[1:] < units[:-1])) + 1
        fail(f"{name}: row {i + 1}: unit {units[i]} after unit {units[i - 1]}; expected units in nondecreasing order")
    memory = int(meta["memory_pages"]) if "memory_pages" in meta else None
    if memory is not None and len(pages) and pages.max() >= memory:
        fail(f"{name}: page {pages.max()} beyond memory; expected pages < {memory}")
    # pages within a unit may come in any order and twice (a set): sort and drop repeats, as the Roaring bitmap does
    same = units[1:] == units[:-1]
    if np.any(same & (pages[1:] <= pages[:-1])):
        order = np.lexsort((pages, units))
        units, pages = units[order], pages[order]
        keep = np.ones(len(units), dtype=bool)
        keep[1:] = (units[1:] != units[:-1]) | (pages[1:] != pages[:-1])
        units, pages = units[keep], pages[keep]
    k = max(int(meta.get("units", 0)), int(units[-1]) + 1 if len(units) else 0)
    indptr = np.searchsorted(units, np.arange(k + 1), side="left").astype(np.int64)
    return Trace(
        name,
        indptr,
        pages.astype(np.int32),
        float(meta.get("unit_ms", "100.0")) / 1000,
        int(meta.get("page_size", 4096)),
        memory,
        int(meta["nonzero_pages"]) if "nonzero_pages" in meta else None,
    )


NPZ_HEADER = ("unit_s", "page_size", "memory_pages", "nonzero_pages")


def write_npz(trace, path):
    """Writes the CSR arrays and the header (-1 = not given) beside the target, then renames: never half a file."""
    d = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(prefix="." + os.path.basename(path) + ".", suffix=".tmp.npz", dir=d)
    try:
        with os.fdopen(fd, "wb") as f:
            np.savez(
                f,
                indptr=trace.indptr,
                pages=trace.pages,
                unit_s=np.float64(trace.unit_s),
                page_size=np.int64(trace.page_size),
                memory_pages=np.int64(-1 if trace.memory_pages is None else trace.memory_pages),
                nonzero_pages=np.int64(-1 if trace.nonzero_pages is None else trace.nonzero_pages),
            )
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def read_npz(path):
    with np.load(path) as z:
        missing = [k for k in ("indptr", "pages") + NPZ_HEADER if k not in z]
        if missing:
            fail(f"{os.path.basename(path)}: not a peerfit npz; missing {', '.join(missing)}")
        mem, nz = int(z["memory_pages"]), int(z["nonzero_pages"])
        return Trace(
            os.path.basename(path),
            z["indptr"].astype(np.int64),
            z["pages"].astype(np.int32),
            float(z["unit_s"]),
            int(z["page_size"]),
            None if mem < 0 else mem,
            None if nz < 0 else nz,
        )


def read(path):
    if path.endswith(".npz"):
        return read_npz(path)
    if path.endswith(".lmt"):
        fail(f"{path}: read .lmt through livemig: ./livemig trace convert {path} x.csv, then peerfit.py convert x.csv x.npz")
    return read_csv(path)


def gaps(trace, cap):
    """For every event, the units since its page was last dirtied, capped at cap (cap also for a first dirtying)."""
    pages, indptr = trace.pages, trace.indptr
    top = int(pages.max()) + 1 if len(pages) else 1
    never = -(cap + 1)  # k - never > cap for every k >= 0
    last = np.full(top, never, dtype=np.int64)
    g = np.empty(len(pages), dtype=np.int64)
    for k in range(trace.units):
        a, b = indptr[k], indptr[k + 1]
        if a == b:
            continue
        p = pages[a:b]
        g[a:b] = last[p]
        last[p] = k
    unit_of = np.repeat(np.arange(trace.units, dtype=np.int64), np.diff(indptr))
    np.subtract(unit_of, g, out=g)
    np.minimum(g, cap, out=g)
    mw = int(np.count_nonzero(last != never))
    return unit_of, g, mw, top


def fit(trace):
    """The figures of `livemig trace fit --json` for a trace with page numbers."""
    K = trace.units
    events = int(trace.indptr[-1])
    per_second = max(1, math.floor(1.0 / trace.unit_s + 0.5))  # Java's Math.round: half up
    N = per_second * S_NEW_SECONDS
    cap = N + 1
    nmax = min(N, K)
    unit_of, g, mw, top = gaps(trace, cap)
    # hist[k, g]: events of unit k with gap g
    hist = np.bincount(unit_of * (cap + 1) + g, minlength=K * (cap + 1)).reshape(K, cap + 1)
    n = np.arange(1, nmax + 1, dtype=np.int64)
    G = np.arange(cap + 1, dtype=np.int64)
    # union[n-1] = Σ_j |∪ window (j, n)| = Σ over events of the windows j ≤ K - n in which the event is its page's first
    union = np.zeros(nmax, dtype=np.int64)
    lo_in, hi_in = N - 1, K - nmax  # units that see every window start: count = min(g, n)
    if hi_in >= lo_in:
        inner = hist[lo_in : hi_in + 1].sum(axis=0)
        union += np.minimum.outer(n, G) @ inner
    ks = np.arange(K, dtype=np.int64)
    edge = ks[(ks < lo_in) | (ks > hi_in)]
    if len(edge) and nmax:
        k3 = edge[:, None, None]
        lo = np.maximum(k3 - np.minimum(G[None, None, :], n[None, :, None]) + 1, 0)
        hi = np.minimum(k3, K - n[None, :, None])
        count = np.maximum(hi - lo + 1, 0)
        count[:, :, 0] = 0  # gap 0 never happens (pages are unique within a unit)
        union += np.einsum("kng,kg->n", count, hist[edge])
    # Σ_{j ≤ K-n} |B_j|: every event but those of the last n - 1 units
    sizes = np.diff(trace.indptr)
    tails = np.concatenate(([0], np.cumsum(sizes[::-1])))[:nmax]  # tails[n-1] = Σ of the last n-1 units
    starts = events - tails
    windows = K - n + 1
    d = union / windows
    s_new = []
    for i in range(S_NEW_SECONDS):
        w = per_second * (i + 1)
        if w > nmax:
            break
        s_new.append(0.0 if w < 2 else float((union[w - 1] - starts[w - 1]) / (float(w - 1) * (K - w + 1))))
    memory = trace.memory_pages if trace.memory_pages is not None else max(1, top if len(trace.pages) else 0)
    return {
        "unit_ms": trace.unit_s * 1000,
        "s": events / K if K else 0.0,
        "s_new": s_new,
        "m_w": mw,
        "d_t": [float(v) for v in d],
        "nonzero_pages": trace.nonzero_pages,
        "pages": memory,
        "units": K,
    }


def main(argv):
    ap = argparse.ArgumentParser(prog="peerfit.py", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    f = sub.add_parser("fit")
    f.add_argument("file")
    f.add_argument("--json", action="store_true")
    c = sub.add_parser("convert")
    c.add_argument("input")
    c.add_argument("output")
    t = sub.add_parser("time-fit")
    t.add_argument("file")
    t.add_argument("--repeat", type=int, default=5)
    b = sub.add_parser("bandwidth")
    b.add_argument("--mib", type=int, default=256)
    b.add_argument("--repeat", type=int, default=5)
    a = ap.parse_args(argv)
    if a.cmd == "fit":
        r = fit(read(a.file))
        if a.json:
            print(json.dumps(r))
        else:
            print(f"S = {r['s']} pages/unit, M_w = {r['m_w']} pages, {r['units']} units of {r['unit_ms']} ms")
            print("S_new = " + ", ".join(f"{v:.1f}" for v in r["s_new"]))
    elif a.cmd == "convert":
        if not a.output.endswith(".npz"):
            fail(f"{a.output}: expected an .npz output")
        if os.path.abspath(a.input) == os.path.abspath(a.output):
            fail(f"{a.output}: the output is the input")
        write_npz(read(a.input), a.output)
        print("wrote " + a.output)
    elif a.cmd == "time-fit":
        tr = read(a.file)
        fit(tr)  # warm-up: page faults of the last-seen table, numpy's first calls
        times = []
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            fit(tr)
            times.append(time.perf_counter() - t0)
        times.sort()
        med = times[len(times) // 2]
        print(json.dumps({"median_s": med, "events": int(tr.indptr[-1]), "events_per_s": tr.indptr[-1] / med}))
    elif a.cmd == "bandwidth":
        src = np.ones(a.mib << 17, dtype=np.float64)  # MiB × 2^20 / 8
        dst = np.empty_like(src)
        np.copyto(dst, src)
        best = math.inf
        for _ in range(a.repeat):
            t0 = time.perf_counter()
            np.copyto(dst, src)
            best = min(best, time.perf_counter() - t0)
        print(json.dumps({"copy_gb_per_s": 2 * src.nbytes / best / 1e9, "bytes": src.nbytes}))


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except (OSError, ValueError, pd.errors.ParserError, pd.errors.EmptyDataError) as e:
        # one line, naming the file when the exception does (pandas' messages name the row)
        sys.exit(f"peerfit: {' '.join(sys.argv[1:])}: {e}")
