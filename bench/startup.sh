#!/usr/bin/env bash
# Cold start to first output of `./livemig run` on a one-line script, through the real launcher (CDS archive and
# C1-only JIT as it runs them), against a plain `java -jar` of the same jar. Needs hyperfine (apt-get install
# hyperfine); run from the repository root after `./livemig run bench/one-line.groovy` has built the jar and archive.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
runs="${1:-10}"
./livemig run bench/one-line.groovy >/dev/null          # builds the jar and the CDS archive if needed
hyperfine --warmup 2 --runs "$runs" --export-markdown /dev/stdout \
  -n 'livemig run (launcher)' './livemig run bench/one-line.groovy' \
  -n 'java -jar (no CDS, full JIT)' 'java -Djava.awt.headless=true -jar kernel-ext/target/livemig-all.jar run bench/one-line.groovy'
