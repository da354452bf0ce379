#!/usr/bin/env bash
# Whole-process benchmark of `equinox build` at 10k, 100k and 1M leads:
# median wall time of 5 runs after a warm-up, peak resident memory, and the
# per-stage times of the median run (--verbose); at 1M leads also with
# the activity export read twice. Appends a dated table to
# benches/results.md. Usage: benches/run.sh [leads ...]
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/equinox
work=${TMPDIR:-/tmp}/equinox-bench
sizes=("${@:-10000 100000 1000000}")
mkdir -p "$work"
{
  echo
  echo "## $(date -u +%Y-%m-%d) on $(nproc) cores, $(uname -m), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo
  echo "| leads | input MB | median wall s | peak RSS MiB | ingest ms | ingest MB/s | metrics ms | render ms | write ms |"
  echo "|---|---|---|---|---|---|---|---|---|"
} >> benches/results.md
# One table row: the median of 5 runs after a warm-up.
measure() {
  local label=$1 input=$2
  local mb
  mb=$(du -smL --count-links "$input" | cut -f1)
  "$bin" build -q --input "$input" --output "$work/site" # warm-up
  runs=()
  for i in 1 2 3 4 5; do
    /usr/bin/time -f "%e %M" -o "$work/time" "$bin" build -v --input "$input" --output "$work/site" > "$work/verbose-$i"
    read -r wall rss < "$work/time"
    runs+=("$wall $rss $i")
  done
  median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)
  read -r wall rss run <<< "$median"
  stage() { awk -v s="$1" '$1 == s { print $2 }' "$work/verbose-$run"; }
  ingest=$(stage ingest)
  rate=$(awk -v mb="$mb" -v ms="$ingest" 'BEGIN { printf "%.0f", mb / (ms / 1000) }')
  echo "| $label | $mb | $wall | $((rss / 1024)) | $ingest | $rate | $(stage metrics) | $(stage render) | $(stage write) |" >> benches/results.md
  rows=$((rows + 1))
}
rows=0
for leads in ${sizes[@]}; do
  input="$work/input-$leads"
  [ -f "$input/equinox.toml" ] || "$bin" demo --leads "$leads" --out "$input" > /dev/null
  measure "$leads" "$input"
  if [ "$leads" = 1000000 ]; then
    # The same leads with the activity export read twice: memory must
    # not follow the file size. Hard links, so no copy is written.
    twice="$work/input-$leads-activities-twice"
    if [ ! -d "$twice" ]; then
      cp -al "$input" "$twice"
      for f in "$twice"/hubspot/*calls-emails-meetings*.csv; do ln "$f" "${f%.csv}-again.csv"; done
    fi
    measure "$leads, activities twice" "$twice"
  fi
done
tail -n $((rows + 4)) benches/results.md
