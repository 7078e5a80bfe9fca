#!/usr/bin/env bash
# How `livemig trace fit` scales: with the trace's length (10^6, 10^7, 10^8 events, 1 GiB VM) and with the VM's memory
# (1, 8, 64 GiB, 10^7 events). Uniform workload: 20 000 pages per 100 ms unit out of a working set of half the memory.
# Each step fits a .lmt file in a fresh JVM with a 64 MiB heap (the fit streams: memory follows the VM's pages, not the
# trace's length) and prints the median wall time, CPU time and peak resident memory of R runs as a Markdown table.
# "CPU − start" subtracts the CPU of `trace info` (JVM start, command line, header): the fit's own work, on all
# threads, a figure less sensitive to the machine's load than wall time.
#
#   bench/fit-scaling.sh [R]          (R = 3 runs per step; traces are generated once into $FIT_SCALING_DIR)
#
# Uses the launcher's jar (kernel-ext/target/livemig.jar; run ./livemig once to build it). Timings are wall-clock
# measurements of a shared machine: note `uptime` beside them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${LIVEMIG_JAR:-$root/kernel-ext/target/livemig.jar}"
dir="${FIT_SCALING_DIR:-${TMPDIR:-/tmp}/livemig-fit-scaling}"
runs="${1:-3}"
[ -f "$jar" ] || { echo "fit-scaling: $jar missing; run ./livemig once to build it" >&2; exit 1; }
mkdir -p "$dir"

# name  memory  working-set-pages  units (20 000 events each)
steps=(
  "1e6-1GiB 1GiB 131072 50"
  "1e7-1GiB 1GiB 131072 500"
  "1e8-1GiB 1GiB 131072 5000"
  "1e7-8GiB 8GiB 1048576 500"
  "1e7-64GiB 64GiB 8388608 500"
)
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

for s in "${steps[@]}"; do
  read -r name mem ws units <<<"$s"
  f="$dir/$name.lmt"
  if [ ! -f "$f" ]; then
    java -Xmx4g -jar "$jar" trace generate "$f" --shape uniform --memory "$mem" --working-set "$ws" \
      --per-unit 20000 --units "$units" --seed 9 >/dev/null
  fi
done
# R runs of a command: sets wall, cpu (medians, s) and peak (largest resident set, MiB)
measure() {
  local walls=() cpus=() rss=() out w u sy m
  for _ in $(seq "$runs"); do
    out=$( { /usr/bin/time -f "%e %U %S %M" java -Xmx64m -jar "$jar" "$@" >/dev/null; } 2>&1 | tail -1)
    read -r w u sy m <<<"$out"
    walls+=("$w") cpus+=("$(echo "$u $sy" | awk '{ printf "%.2f", $1 + $2 }')") rss+=("$m")
  done
  wall=$(printf '%s\n' "${walls[@]}" | median)
  cpu=$(printf '%s\n' "${cpus[@]}" | median)
  peak=$(( $(printf '%s\n' "${rss[@]}" | sort -g | tail -1) / 1024 ))
}
echo "uptime: $(uptime)"
# what every run pays before fitting: JVM start, command line, the trace's header
measure trace info "$dir/1e6-1GiB.lmt"
start_cpu=$cpu
echo "start (trace info): wall $wall s, CPU $cpu s, peak $peak MiB"
echo
echo "| events | VM memory | .lmt | wall | CPU | CPU − start | events per CPU-second beyond start | peak RSS |"
echo "|---|---|---|---|---|---|---|---|"
for s in "${steps[@]}"; do
  read -r name mem ws units <<<"$s"
  f="$dir/$name.lmt"
  measure trace fit "$f" --json
  events=$((units * 20000))
  beyond=$(echo "$cpu $start_cpu" | awk '{ printf "%.2f", $1 - $2 }')
  rate=$(echo "$beyond" | awk -v e="$events" '{ if ($1 > 0) printf "%.0f M", e / $1 / 1e6; else print "–" }')
  printf '| 10^%s | %s | %s MB | %s s | %s s | %s s | %s | %s MiB |\n' \
    "$(echo "${name%%-*}" | sed "s/1e//")" "$mem" "$(awk -v b="$(stat -c %s "$f")" 'BEGIN { printf "%.1f", b / 1e6 }')" "$wall" "$cpu" \
    "$beyond" "$rate" "$peak"
done
