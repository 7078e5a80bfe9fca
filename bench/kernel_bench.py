"""Kernel latency benchmark: drives the livemig kernel through jupyter_client, as a notebook frontend does.

Measures (1) cold start: launching the kernel process until the first kernel_info_reply; (2) the round trip of a
trivial cell (execute_request sent -> execute_reply and idle received); (3) a display cell (display('x'): one
display_data message); (4) a cell that renders a chart (a prediction: table with its chart inlined); (5) a cell printing
100 000 lines, until idle; (6) the kernel's resident memory after a few hundred cells; (7) a clean shutdown.

Usage: JUPYTER_PATH=<dir holding kernels/livemig> /usr/bin/python3 bench/kernel_bench.py [--runs N]
(`./livemig kernel install` installs the kernelspec for the user; see bench/README.md).
"""
import argparse
import statistics
import time

import jupyter_client

KERNEL = "livemig"
VM = ("def web = vm('web') { memory 1.GiB; profile { s 8822; sNew 2775, 1559, 1292, 839, 1038, 864, 743, 658, 592, 533; "
      "mw 119435 } }")


def run_cell(kc, code, limit_s=60):
    msg_id = kc.execute(code)
    idle = reply = False
    failed = None
    deadline = time.perf_counter() + limit_s
    while not (idle and reply):
        if time.perf_counter() > deadline:
            raise TimeoutError(f"{code!r}: no reply and idle within {limit_s} s")
        if not reply:
            try:
                msg = kc.get_shell_msg(timeout=0.0005)
                if msg["parent_header"].get("msg_id") == msg_id:
                    reply = True
                    if msg["content"]["status"] != "ok":
                        failed = msg["content"]
            except Exception:
                pass
        if not idle:
            try:
                msg = kc.get_iopub_msg(timeout=0.0005)
                if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                        and msg["content"]["execution_state"] == "idle"):
                    idle = True
            except Exception:
                pass
    if failed:
        raise RuntimeError(f"{code!r} failed: {failed}")


def cold_start():
    km = jupyter_client.KernelManager(kernel_name=KERNEL)
    t0 = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.kernel_info()
    while True:
        msg = kc.get_shell_msg(timeout=60)
        if msg["msg_type"] == "kernel_info_reply":
            break
    elapsed = time.perf_counter() - t0
    return elapsed, km, kc


def rss_kib(km):
    pid = km.provisioner.process.pid if getattr(km, "provisioner", None) else km.kernel.pid
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return -1


def timed(kc, code, n):
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        run_cell(kc, code)
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def kernel_info_times(kc, n):
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        msg_id = kc.kernel_info()
        while kc.get_shell_msg(timeout=10)["parent_header"].get("msg_id") != msg_id:
            pass
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def summary(samples):
    s = sorted(samples)
    return f"median {statistics.median(s):.1f} ms, p90 {s[int(0.9 * (len(s) - 1))]:.1f} ms, min {s[0]:.1f} ms (n={len(s)})"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5, help="cold starts to measure")
    args = parser.parse_args()

    starts = []
    for _ in range(args.runs):
        elapsed, km, kc = cold_start()
        starts.append(elapsed * 1000)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    print(f"cold start to first kernel_info_reply: {summary(starts)}")

    _, km, kc = cold_start()
    try:
        first = timed(kc, "1", 1)[0]
        print(f"first cell (Groovy + DSL load, overlapped with the warm-up): {first:.0f} ms")
        timed(kc, "1", 50)  # warm the JIT
        print(f"protocol only (kernel_info round trip): {summary(kernel_info_times(kc, 100))}")
        print(f"trivial cell '1' round trip: {summary(timed(kc, '1', 200))}")
        distinct = []
        for i in range(100):
            t0 = time.perf_counter()
            run_cell(kc, f"{i} + 1")
            distinct.append((time.perf_counter() - t0) * 1000)
        print(f"trivial cells, each a new source ('i + 1'): {summary(distinct)}")
        show = "display('x')"
        timed(kc, show, 10)
        print(f"display cell ({show}): {summary(timed(kc, show, 100))}")
        run_cell(kc, VM)
        timed(kc, "predict web, at: 100.MBps, on: xen()", 10)
        print(f"chart cell (predict: table + chart): {summary(timed(kc, 'predict web, at: 100.MBps, on: xen()', 30))}")
        lines = "for (int i = 0; i < 100000; i++) { println \"line $i\" }"
        try:
            print(f"100 000 printed lines, until idle: {summary(timed(kc, lines, 3))}")
        except TimeoutError as e:
            print(f"100 000 printed lines: {e}")
            return
        cells = 1 + 50 + 200 + 100 + 110 + 1 + 40 + 3
        print(f"resident memory after {cells} cells: {rss_kib(km) / 1024:.0f} MiB")
        t0 = time.perf_counter()
        km.shutdown_kernel(now=False)  # shutdown_request, then wait for the process to exit
        print(f"clean shutdown (shutdown_request until the process exited): {(time.perf_counter() - t0) * 1000:.0f} ms")
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
