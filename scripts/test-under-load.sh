#!/usr/bin/env bash
# Runs the test suite beside a CPU hog, to show it holds under load (issue 13 §6: « npm test
# still passes at load 8 »), and prints its duration, its result and the load seen.
#
#   bash scripts/test-under-load.sh                 # npm test beside `stress-ng --cpu 2`
#   bash scripts/test-under-load.sh --cpu 4         # a heavier hog
#   bash scripts/test-under-load.sh --quick         # two e2e files only (a smoke run)
#   bash scripts/test-under-load.sh -- npx vitest run tests/unit/search   # any command
#
# Needs stress-ng (Debian: apt-get install stress-ng). The hog is stopped when the tests end,
# whatever their result; the exit code is the tests'.
set -u

CPU=2
QUICK=0
CMD=()
while [ $# -gt 0 ]; do
  case "$1" in
    --cpu) CPU="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --) shift; CMD=("$@"); break ;;
    *) echo "option inconnue : $1" >&2; exit 2 ;;
  esac
done
if [ ${#CMD[@]} -eq 0 ]; then
  if [ "$QUICK" = 1 ]; then
    CMD=(npx vitest run --config vitest.e2e.config.ts tests/e2e/print.e2e.ts tests/e2e/url.e2e.ts)
  else
    CMD=(npm test)
  fi
fi

if ! command -v stress-ng >/dev/null 2>&1; then
  echo "stress-ng introuvable : apt-get install stress-ng" >&2
  exit 2
fi

cd "$(dirname "$0")/.." || exit 2
LOADLOG="$(mktemp)"
load1() { cut -d' ' -f1 /proc/loadavg; }

echo "Charge avant : $(cut -d' ' -f1-3 /proc/loadavg) ; $(nproc) cœurs ; hog : stress-ng --cpu $CPU"
stress-ng --cpu "$CPU" --quiet &
HOG=$!
# Load sampler (every 5 s) for the maximum and the mean seen during the run.
( while kill -0 "$HOG" 2>/dev/null; do load1 >>"$LOADLOG"; sleep 5; done ) &
SAMPLER=$!
cleanup() {
  kill "$HOG" 2>/dev/null
  wait "$HOG" 2>/dev/null
  kill "$SAMPLER" 2>/dev/null
  wait "$SAMPLER" 2>/dev/null
}
trap cleanup EXIT INT TERM

START=$(date +%s)
"${CMD[@]}"
RC=$?
END=$(date +%s)
cleanup
trap - EXIT INT TERM

DUR=$((END - START))
STATS=$(awk 'NR==1{max=$1} {s+=$1; if($1>max)max=$1} END{if(NR) printf "moyenne %.2f, max %.2f (%d relevés)", s/NR, max, NR; else print "aucun relevé"}' "$LOADLOG")
rm -f "$LOADLOG"
echo
echo "━━ Tests sous charge : ${CMD[*]}"
echo "   durée $((DUR / 60)) min $((DUR % 60)) s ; résultat : $([ $RC -eq 0 ] && echo 'RÉUSSI' || echo "ÉCHEC (code $RC)")"
echo "   charge 1 min pendant : $STATS ; après : $(cut -d' ' -f1-3 /proc/loadavg)"
exit $RC
