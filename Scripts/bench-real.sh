#!/usr/bin/env bash
# make bench-real: bench on real traces (Nezha TrainTicket), when ../shared/datasets has them.
#
# Imports the TrainTicket day's service-to-service calls and the OnlineBoutique fault windows,
# splits the TrainTicket day by time into train (first 60 % of its span), validation (next
# 15 %) and test (last 25 %), trains a logistic model on TrainTicket-train plus the
# OnlineBoutique windows (validation: TrainTicket-validation, τ tuned by replay), and benches
# it against the tuned static baselines on TrainTicket-test. Converted traces go to the
# git-ignored datasets/imported/; the report goes to $REPORT_DIR.
set -euo pipefail

TRIPWISE=${TRIPWISE:?path to the tripwise binary}
NEZHA=${NEZHA:-../shared/datasets/nezha-onlineboutique-trainticket}
OUT=${OUT:-datasets/imported/nezha}
REPORT_DIR=${REPORT_DIR:-notebooks-export/nezha-trainticket}

if [ ! -f "$NEZHA/faults.csv" ]; then
    echo "bench-real: $NEZHA/faults.csv not found; nothing to bench (the real traces are not in this repository)"
    exit 0
fi
mkdir -p "$OUT"

echo "== import (Nezha: no span status, so a call slower than 1000 ms is the only failure)"
tt_calls=()
for f in "$NEZHA"/calls_trainticket_*.csv; do tt_calls+=(--calls "$f"); done
ob_calls=()
for f in "$NEZHA"/calls_onlineboutique_window_*.csv; do ob_calls+=(--calls "$f"); done
"$TRIPWISE" import nezha "${tt_calls[@]}" --faults "$NEZHA/faults.csv" -o "$OUT/tt.csv" | tail -n 4
"$TRIPWISE" import nezha "${ob_calls[@]}" --faults "$NEZHA/faults.csv" -o "$OUT/ob.csv" | tail -n 4

echo "== split the TrainTicket day by time: train 60 %, validation 15 %, test 25 % of its span"
# The importer writes Unix-second timestamps in the first column, sorted by time.
read -r first last < <(awk -F, 'NR == 2 { first = $1 } NR > 1 { last = $1 } END { print first, last }' "$OUT/tt.csv")
awk -F, -v first="$first" -v last="$last" -v dir="$OUT" '
    NR == 1 { header = $0; print header > (dir "/tt-train.csv"); print header > (dir "/tt-validation.csv"); print header > (dir "/tt-test.csv"); next }
    { f = ($1 - first) / (last - first)
      print > (dir "/" (f < 0.60 ? "tt-train.csv" : f < 0.75 ? "tt-validation.csv" : "tt-test.csv")) }' "$OUT/tt.csv"
for part in train validation test; do
    echo "  tt-$part.csv: $(( $(wc -l < "$OUT/tt-$part.csv") - 1 )) calls"
done

echo "== train (TrainTicket-train + OnlineBoutique windows; τ by replay of TrainTicket-validation)"
"$TRIPWISE" train logistic --trace "$OUT/tt-train.csv" --trace "$OUT/ob.csv" --validation "$OUT/tt-validation.csv" \
    --l2 1e-2 --label window-fails --tune-by-replay -o "$OUT/logistic-window-fails.json" | grep -E "chosen|^decision|ROC"
"$TRIPWISE" train logistic --trace "$OUT/tt-train.csv" --trace "$OUT/ob.csv" --validation "$OUT/tt-validation.csv" \
    --l2 1e-2 --label next-call-fails --tune-by-replay -o "$OUT/logistic-next-call.json" | grep -E "chosen|^decision|ROC"

echo "== bench (TrainTicket-test, the last quarter of the day)"
"$TRIPWISE" bench --train "$OUT/tt-train.csv" --validation "$OUT/tt-validation.csv" --test "$OUT/tt-test.csv" \
    --policies never,oracle,hindsight,r4j-default,hystrix-default,static-best,sre:2,consecutive:5,model:"$OUT/logistic-next-call.json",model:"$OUT/logistic-window-fails.json",model:models/logistic-window-fails.json,model:models/bandit-thompson.json,model:models/qtable.json \
    --report "$REPORT_DIR"
cat >> "$REPORT_DIR/README.md" <<'NOTE'

## About this data (written by Scripts/bench-real.sh)

- Nezha's spans carry no status, so the importer can only call a request failed when it is
  slower than the 1000 ms client timeout. Faults of type `exception` and `return` (most of the
  TrainTicket day's labelled windows) make no call slow: no breaker, static or learned, can see
  them, and `oracle` pays for rejecting their successful calls.
- The split is by time over the day's span (train 60 %, validation 15 %, test 25 %); the
  calls are not spread evenly, so the test quarter holds only a few incidents and failed calls.
  Read the small-sample note above before reading any difference between policies.
- The learned models were trained on TrainTicket-train plus the OnlineBoutique fault windows
  (which add slow-call faults the TrainTicket day lacks), τ chosen by replaying
  TrainTicket-validation. `models/logistic-window-fails.json`, `models/bandit-thompson.json` and
  `models/qtable.json` are the synthetic-suite models, applied unchanged.
NOTE
echo
echo "report: $REPORT_DIR/index.html (and README.md)"
