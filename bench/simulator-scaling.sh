#!/usr/bin/env bash
# The streamed simulator at 10^6, 10^7 and 10^8 events and 1, 8 and 64 GiB of VM memory: wall time and peak RSS per
# run (bench/README.md, "Simulator scaling"). Every trace dirties 20 000 pages of a 131 072-page working set per 100 ms
# unit (50, 500 or 5000 units); QEMU at 1 Gbps never converges on it, and the time limit is the trace's length, so each
# run replays every unit once. Traces are generated into DIR once (about 300 MB) and reused.
#
# Usage: bench/simulator-scaling.sh DIR     (needs bench/target/benchmarks.jar: mvn -pl bench -am package -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:?usage: bench/simulator-scaling.sh DIR}"
jar="$root/bench/target/benchmarks.jar"
heap="${SCALING_HEAP:--Xmx256m}"
mkdir -p "$dir"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); java $heap"
echo
echo "| VM memory | events | units | pages sent | wall s | peak RSS MiB |"
echo "|---|---|---|---|---|---|"
for mem in 1 8 64; do
  for units in 50 500 5000; do
    f="$dir/uniform-${mem}g-${units}u.lmt"
    if [ ! -f "$f" ]; then
      LIVEMIG_JAVA_OPTS=-Xmx1g "$root/livemig" trace generate "$f" --shape uniform --memory "${mem}GiB" \
        --working-set 131072 --per-unit 20000 --units "$units" --seed 9 >/dev/null
    fi
    line=$(/usr/bin/time -f "%M" -o "$dir/rss.txt" java $heap -cp "$jar" io.livemig.bench.SimulatorScaling "$f" 1Gbps qemu)
    IFS=$'\t' read -r _pages n events sent _rounds secs <<<"$line"
    rss=$(( $(tail -1 "$dir/rss.txt") / 1024 ))
    echo "| $mem GiB | $events | $n | $sent | $secs | $rss |"
  done
done
echo
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
