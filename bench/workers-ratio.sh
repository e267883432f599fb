#!/bin/sh
# workers-ratio.sh [PAIRS] [REPO]: issue 13's 2-worker bar. Builds rulec
# from REPO (default: this checkout), compiles ET Open with the traffic vars,
# then runs `rulec run` on mixed.pcap with --workers 1 and --workers 2,
# interleaved, PAIRS times (default 8), and prints each pair's packets/s
# (the run summary's, run phase only), the ratio, per-run cpu time, and
# the median ratio at the end. Run it on a quiet machine: compare the
# load average printed before and after.
set -eu
PAIRS=${1:-8}
REPO=${2:-$(cd "$(dirname "$0")/.." && pwd)}
CORPUS=${CORPUS:-$REPO/../shared/corpus}
OUT=${OUT:-/tmp/measure-workers}
mkdir -p "$OUT"
cd "$REPO"
echo "commit $(git rev-parse --short HEAD) of $REPO; load: $(cut -d' ' -f1-3 /proc/loadavg)"
go build -o "$OUT/rulec" ./cmd/rulec
"$OUT/rulec" compile "$CORPUS/etopen" --vars "$CORPUS/traffic/vars.yaml" -o "$OUT/et.rco" >"$OUT/compile.log" 2>&1 ||
	{ tail -5 "$OUT/compile.log"; exit 1; }

# run N: prints "packets/s cpu-time worker-cpu-times..." of one run with N workers
run() {
	"$OUT/rulec" run "$OUT/et.rco" --pcap "$CORPUS/traffic/mixed.pcap" --vars "$CORPUS/traffic/vars.yaml" \
		--workers "$1" --eve "$OUT/eve$1.json" >"$OUT/run$1.log" 2>&1 || { tail -5 "$OUT/run$1.log"; exit 1; }
	awk '/^packets\/s/ {p=$2} /^cpu time/ {c=$3} /^worker cpu time/ {w=""; for (i=4; i<=NF; i++) w=w" "$i}
		END {printf "%s %s%s\n", p, c, w}' "$OUT/run$1.log"
}

printf '%-5s %12s %12s %7s   %s\n' pair "1 worker" "2 workers" ratio "cpu time (1 / 2 workers; per worker)"
ratios=""
i=1
while [ "$i" -le "$PAIRS" ]; do
	set -- $(run 1)
	p1=$1 c1=$2
	set -- $(run 2)
	p2=$1 c2=$2
	shift 2
	r=$(awk -v a="$p1" -v b="$p2" 'BEGIN {printf "%.2f", b/a}')
	ratios="$ratios $r"
	printf '%-5s %12s %12s %6sx   %s / %s;%s\n' "$i" "$p1" "$p2" "$r" "$c1" "$c2" "$(printf ' %s' "$@")"
	i=$((i + 1))
done
echo "$ratios" | tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {
	m = NR % 2 ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2
	printf "median ratio %.2fx (min %.2fx, max %.2fx) over %d pairs\n", m, a[1], a[NR], NR}'
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
