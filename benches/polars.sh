#!/usr/bin/env bash
# The baseline of issue 13: benches/polars_review.py (the review's core
# figures as a Polars script) against `equinox build`, on the same data
# as benches/run.sh (activities by date). Per size: the median wall time
# of RUNS runs after a warm-up and peak memory of each, and the ratio.
# Appends a dated table to benches/results.md.
#
# Usage: benches/polars.sh [leads ...]      default: 1000000
#   EQUINOX_BENCH_DIR as in run.sh (data generated there is reused)
# Needs Python 3 with polars (`pip install polars`).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/equinox
work=${EQUINOX_BENCH_DIR:-${TMPDIR:-/tmp}/equinox-bench}
sizes=("${@:-1000000}")
runs=${RUNS:-5}
mkdir -p "$work"
python3 -c 'import polars' 2>/dev/null || { echo "polars is not installed: pip install polars" >&2; exit 2; }
# Median "seconds KiB" of $runs runs of the command after a warm-up.
median_of() {
  "$@" > /dev/null
  local all=()
  for _ in $(seq "$runs"); do
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > /dev/null
    all+=("$(cat "$work/time")")
  done
  printf '%s\n' "${all[@]}" | sort -n | sed -n "$(((runs + 1) / 2))p"
}
{
  echo
  echo "## Polars baseline, $(date -u +%Y-%m-%d) on $(nproc) cores; polars $(python3 -c 'import polars; print(polars.__version__)'); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo
  echo "Activities by date. Median of $runs after a warm-up."
  echo
  echo "| leads | equinox s | equinox MiB | polars s | polars MiB | equinox / polars |"
  echo "|---|---|---|---|---|---|"
} >> benches/results.md
for leads in "${sizes[@]}"; do
  input=$work/input-$leads-date
  [ -f "$input/equinox.toml" ] || "$bin" demo -q --leads "$leads" --activity-order date --out "$input"
  read -r e_s e_kb <<< "$(median_of "$bin" build -q --input "$input" --output "$work/site")"
  read -r p_s p_kb <<< "$(median_of python3 benches/polars_review.py "$input")"
  awk -v l="$leads" -v es="$e_s" -v ek="$e_kb" -v ps="$p_s" -v pk="$p_kb" \
    'BEGIN { printf "| %d | %.2f | %.0f | %.2f | %.0f | %.2f |\n", l, es, ek / 1024, ps, pk / 1024, es / ps }' \
    | tee -a benches/results.md
done
