#!/usr/bin/env python3
"""Compare Tripwise's CSV ingest with pandas' C parser on the identical file.

    python3 compare_pandas.py /tmp/ingest.csv [--runs 5] [--tripwise-mbps X] [--scratch-path DIR]

Reads FILE with pandas.read_csv(engine="c") once to warm the page cache and then --runs
times, and reports the median (and min/max) MB/s (MB = 10^6 bytes). Unless --tripwise-mbps
is given, it then runs `swift run -c release tripwise-bench ingest --file FILE --json` in this
folder (which writes FILE first if it is missing) and reads TraceReader.read(path:)'s median
MB/s from the JSON. Prints both rates and the ratio Tripwise / pandas.

pandas is timed in a child process without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE: this
machine sets them for old OpenBLAS builds, and they slow a current numpy. Nothing else is
changed, and the Swift benchmark runs with the environment as it is.

If pandas is not installed, says so and exits 0 (install it with `pip install pandas`).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TRIPWISE_ROW = "TraceReader.read(path:)"


def time_pandas(path, runs):
    """Child-process entry: time pandas.read_csv and print one JSON object."""
    import pandas

    size = os.path.getsize(path)
    frame = pandas.read_csv(path, engine="c")  # warm-up: page cache, imports, allocator
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        frame = pandas.read_csv(path, engine="c")
        seconds.append(time.perf_counter() - start)
    blas = None
    try:
        from threadpoolctl import threadpool_info

        blas = [f"{info.get('internal_api')} {info.get('architecture')}" for info in threadpool_info()]
    except Exception:
        pass
    print(json.dumps({
        "pandas": pandas.__version__,
        "rows": len(frame),
        "bytes": size,
        "dtypes": {name: str(dtype) for name, dtype in frame.dtypes.items()},
        "seconds": seconds,
        "blas": blas,
    }))


def pandas_available():
    try:
        import pandas  # noqa: F401
    except ImportError:
        return False
    return True


def run_pandas(path, runs):
    env = {key: value for key, value in os.environ.items()
           if key not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    output = subprocess.run([sys.executable, os.path.abspath(__file__), "--pandas-child", path, "--runs", str(runs)],
                            env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(output)


def run_tripwise(path, runs, scratch_path):
    command = ["swift", "run", "-c", "release"]
    if scratch_path:
        command += ["--scratch-path", scratch_path]
    command += ["tripwise-bench", "ingest", "--file", path, "--json", "--runs", str(runs)]
    print("running:", " ".join(command), f"(in {HERE})", flush=True)
    completed = subprocess.run(command, cwd=HERE, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        sys.exit(f"error: tripwise-bench failed with status {completed.returncode}")
    text = completed.stdout
    report = json.loads(text[text.index("{"):])
    row = next(result for result in report["results"] if result["name"] == TRIPWISE_ROW)
    return report, row


def rate(size, seconds):
    return size / seconds / 1e6


def main():
    parser = argparse.ArgumentParser(description="Tripwise CSV ingest vs pandas' C parser on the same file.")
    parser.add_argument("file", help="the trace CSV (tripwise-bench ingest --file FILE writes it)")
    parser.add_argument("--runs", type=int, default=5, help="measured runs of each reader (default 5)")
    parser.add_argument("--tripwise-mbps", type=float, help="Tripwise's MB/s, measured already (skips the Swift run)")
    parser.add_argument("--scratch-path", help="passed to swift run --scratch-path")
    parser.add_argument("--pandas-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    if args.pandas_child:
        time_pandas(args.file, args.runs)
        return 0

    if not pandas_available():
        print("pandas is not installed, so there is nothing to compare with: "
              "`pip install pandas` and run this again. Skipping.")
        return 0

    tripwise = None
    if args.tripwise_mbps is None:
        report, row = run_tripwise(args.file, args.runs, args.scratch_path)
        tripwise = (row["median_mb_per_s"], row["min_mb_per_s"], row["max_mb_per_s"], report["runs"])
    elif not os.path.exists(args.file):
        sys.exit(f"error: {args.file} does not exist (write it with: tripwise-bench ingest --file {args.file})")

    measured = run_pandas(args.file, args.runs)
    size = measured["bytes"]
    rates = [rate(size, seconds) for seconds in measured["seconds"]]
    pandas_median = rate(size, statistics.median(measured["seconds"]))

    print(f"file: {args.file}: {size} bytes ({size / 1e6:.1f} MB), {measured['rows']} rows "
          f"({size / max(measured['rows'], 1):.1f} bytes/row)")
    print(f"pandas {measured['pandas']} read_csv(engine=\"c\"): median {pandas_median:.1f} MB/s "
          f"(min {min(rates):.1f}, max {max(rates):.1f}) over {len(rates)} runs; "
          f"dtypes {measured['dtypes']}; OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset"
          + (f"; BLAS {measured['blas']}" if measured["blas"] else ""))
    if tripwise is not None:
        median, low, high, runs = tripwise
        print(f"Tripwise {TRIPWISE_ROW}: median {median:.1f} MB/s (min {low:.1f}, max {high:.1f}) over {runs} runs")
    else:
        median = args.tripwise_mbps
        print(f"Tripwise {TRIPWISE_ROW}: {median:.1f} MB/s (given with --tripwise-mbps)")
    print(f"ratio Tripwise / pandas: {median / pandas_median:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
