#!/usr/bin/env python3
"""Compare Tripwise's logistic regression with scikit-learn's lbfgs on the identical problem.

    python3 compare_sklearn.py /tmp/train.npy [--runs 5] [--scratch-path DIR] [--tripwise-json FILE]

Unless --tripwise-json gives the JSON of an earlier run, runs
`swift run -c release tripwise-bench train --file FILE --json --runs N` in this folder, which
writes the problem to FILE (.npy, float64, rows x 17: 16 features, then the 0/1 label) and
times Tripwise's fit (median of N runs after one warm-up). Then, in a child process, loads
FILE with numpy, standardises it with sklearn's StandardScaler (population standard deviation,
as Tripwise's Standardization) and times

    LogisticRegression(solver="lbfgs", C=1/(l2*n), tol=tolerance, max_iter=10000).fit(Xs, y)

(one warm-up fit, then the median of --runs). The regularisation is matched exactly: sklearn
(>= 1.2, lbfgs) minimises (1/n)*sum(logloss) + 1/(2*C*n)*||w||^2 with the intercept
unpenalised, which is Tripwise's objective (1/n)*sum(logloss) + (l2/2)*||w||^2 when
C = 1/(l2*n). Its `tol` is the same stopping quantity as Tripwise's `tolerance` (the infinity
norm of that objective's gradient; lbfgs may also stop on its ftol first). l2 and tolerance
are read from Tripwise's JSON.

The sklearn timing covers `.fit` on already standardised data only; Tripwise's covers its
whole `LogisticRegression.fit`, standardisation included.

Prints both times (median, min, max), iterations, both mean log-losses (each model evaluated
by numpy on the same standardised matrix), the relative log-loss difference, the objective and
gradient norm of both solutions, and the ratio Tripwise / sklearn against DESIGN.md's target
(<= 0.35 at log-loss equal within 1e-6 relative).

sklearn runs without OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE (this machine sets them for old
OpenBLAS builds; they slow a current numpy), in its child process only; the kernel numpy's
OpenBLAS then uses is reported (threadpoolctl). The Swift benchmark keeps the environment.

If scikit-learn (or numpy) is not installed, says so and exits 0
(`pip install scikit-learn`).
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TARGET_RATIO = 0.35
TARGET_RELATIVE_LOG_LOSS = 1e-6


def evaluate(np, Xs, y, weights, intercept, l2):
    """Mean log-loss, objective and gradient infinity norm of a model on standardised Xs."""
    z = Xs @ weights + intercept
    log_loss = float(np.mean(np.logaddexp(0.0, z) - y * z))
    p = 0.5 * (1.0 + np.tanh(0.5 * z))  # sigmoid without overflow
    residual = p - y
    n = len(y)
    gradient = np.concatenate([Xs.T @ residual / n + l2 * weights, [residual.sum() / n]])
    objective = log_loss + 0.5 * l2 * float(weights @ weights)
    return log_loss, objective, float(np.max(np.abs(gradient)))


def time_sklearn(path, runs, l2, tolerance, tripwise_model):
    """Child-process entry: fit with sklearn, print one JSON object."""
    import numpy as np
    import sklearn
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    data = np.load(path)
    X = np.ascontiguousarray(data[:, :-1])
    y = np.ascontiguousarray(data[:, -1])
    del data
    n = len(y)
    scaler = StandardScaler()  # population standard deviation (ddof = 0), as Tripwise
    Xs = scaler.fit_transform(X)
    C = 1.0 / (l2 * n)

    def fit():
        model = LogisticRegression(solver="lbfgs", C=C, tol=tolerance, max_iter=10000)
        return model.fit(Xs, y)

    model = fit()  # warm-up: imports, allocator, thread pools
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        model = fit()
        seconds.append(time.perf_counter() - start)

    weights = model.coef_[0].astype(np.float64)
    intercept = float(model.intercept_[0])
    sk_log_loss, sk_objective, sk_gradient = evaluate(np, Xs, y, weights, intercept, l2)
    result = {
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "rows": n,
        "columns": X.shape[1],
        "C": C,
        "seconds": seconds,
        "iterations": int(model.n_iter_[0]),
        "log_loss": sk_log_loss,
        "objective": sk_objective,
        "gradient_norm": sk_gradient,
        "intercept": intercept,
    }
    if tripwise_model is not None:
        tw_weights = np.asarray(tripwise_model["weights"], dtype=np.float64)
        tw_log_loss, tw_objective, tw_gradient = evaluate(np, Xs, y, tw_weights, tripwise_model["intercept"], l2)
        result["tripwise_log_loss"] = tw_log_loss
        result["tripwise_objective"] = tw_objective
        result["tripwise_gradient_norm"] = tw_gradient
        result["max_weight_difference"] = float(np.max(np.abs(tw_weights - weights)))
        result["max_mean_difference"] = float(np.max(np.abs(np.asarray(tripwise_model["means"]) - scaler.mean_)))
        result["max_scale_relative_difference"] = float(
            np.max(np.abs(np.asarray(tripwise_model["scales"]) / scaler.scale_ - 1)))
    try:
        from threadpoolctl import threadpool_info

        result["blas"] = [f"{info.get('internal_api')} {info.get('version')} {info.get('architecture')} "
                          f"threads={info.get('num_threads')}" for info in threadpool_info()]
    except Exception:
        result["blas"] = None
    print(json.dumps(result))


def sklearn_available():
    try:
        import numpy  # noqa: F401
        import sklearn  # noqa: F401
    except ImportError:
        return False
    return True


def run_sklearn(path, runs, l2, tolerance, tripwise_model):
    env = {key: value for key, value in os.environ.items()
           if key not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    command = [sys.executable, os.path.abspath(__file__), path, "--sklearn-child", "--runs", str(runs),
               "--l2", repr(l2), "--tolerance", repr(tolerance)]
    completed = subprocess.run(command, env=env, input=json.dumps(tripwise_model), capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        sys.exit(f"error: the sklearn child process failed with status {completed.returncode}")
    return json.loads(completed.stdout)


def run_tripwise(path, runs, scratch_path):
    command = ["swift", "run", "-c", "release"]
    if scratch_path:
        command += ["--scratch-path", scratch_path]
    command += ["tripwise-bench", "train", "--file", path, "--json", "--runs", str(runs)]
    print("running:", " ".join(command), f"(in {HERE})", flush=True)
    completed = subprocess.run(command, cwd=HERE, capture_output=True, text=True)
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout + completed.stderr)
        sys.exit(f"error: tripwise-bench failed with status {completed.returncode}")
    text = completed.stdout
    return json.loads(text[text.index("{"):])


def main():
    parser = argparse.ArgumentParser(description="Tripwise logistic regression vs scikit-learn lbfgs on the same data.")
    parser.add_argument("file", help="the .npy problem (tripwise-bench train --file FILE writes it)")
    parser.add_argument("--runs", type=int, default=5, help="measured fits of each library (default 5)")
    parser.add_argument("--scratch-path", help="passed to swift run --scratch-path")
    parser.add_argument("--tripwise-json", help="JSON of an earlier `tripwise-bench train --json` run on FILE "
                                                "(skips the Swift run)")
    parser.add_argument("--sklearn-child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--l2", type=float, help=argparse.SUPPRESS)
    parser.add_argument("--tolerance", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    if args.sklearn_child:
        time_sklearn(args.file, args.runs, args.l2, args.tolerance, json.loads(sys.stdin.read() or "null"))
        return 0

    if not sklearn_available():
        print("scikit-learn (or numpy) is not installed, so there is nothing to compare with: "
              "`pip install scikit-learn` and run this again. Skipping.")
        return 0

    if args.tripwise_json:
        with open(args.tripwise_json) as handle:
            text = handle.read()
        report = json.loads(text[text.index("{"):])
        if not os.path.exists(args.file):
            sys.exit(f"error: {args.file} does not exist (write it with: tripwise-bench train --file {args.file})")
    else:
        report = run_tripwise(args.file, args.runs, args.scratch_path)

    l2 = report["l2"]
    tolerance = report["tolerance"]
    model = {key: report[key] for key in ("weights", "intercept", "means", "scales")}
    measured = run_sklearn(args.file, args.runs, l2, tolerance, model)

    sk_seconds = measured["seconds"]
    sk_median = statistics.median(sk_seconds)
    tw_median = report["fit_ms_median"] / 1e3
    tw_runs = report["fit_ms_runs"]
    tw_log_loss = measured["tripwise_log_loss"]
    sk_log_loss = measured["log_loss"]
    relative = abs(tw_log_loss - sk_log_loss) / sk_log_loss
    ratio = tw_median / sk_median

    print(f"problem: {args.file}: {measured['rows']} rows x {measured['columns']} features, "
          f"{100 * report['positive_fraction']:.2f} % positives; l2 = {l2} (sklearn C = {measured['C']:.6g}), "
          f"tolerance {tolerance}")
    print(f"Tripwise LogisticRegression.fit (Newton, standardisation included): median {1e3 * tw_median:.1f} ms "
          f"(min {report['fit_ms_min']:.1f}, max {report['fit_ms_max']:.1f}) over {len(tw_runs)} runs; "
          f"{report['iterations_newton']} iterations, converged {report['converged']}")
    print(f"scikit-learn {measured['sklearn']} LogisticRegression(lbfgs).fit: median {1e3 * sk_median:.1f} ms "
          f"(min {1e3 * min(sk_seconds):.1f}, max {1e3 * max(sk_seconds):.1f}) over {len(sk_seconds)} runs; "
          f"{measured['iterations']} iterations; OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset"
          + (f"; BLAS {measured['blas']}" if measured.get("blas") else ""))
    print(f"mean log-loss (numpy, same standardised matrix): Tripwise {tw_log_loss:.15g}, "
          f"sklearn {sk_log_loss:.15g}; relative difference {relative:.3g} "
          f"(Tripwise's own figure: {report['log_loss']:.15g})")
    print(f"objective: Tripwise {measured['tripwise_objective']:.15g}, sklearn {measured['objective']:.15g}; "
          f"gradient infinity norm: Tripwise {measured['tripwise_gradient_norm']:.3g}, "
          f"sklearn {measured['gradient_norm']:.3g}; max |weight difference| {measured['max_weight_difference']:.3g}")
    print(f"standardisation agreement: max |mean difference| {measured['max_mean_difference']:.3g}, "
          f"max relative scale difference {measured['max_scale_relative_difference']:.3g}")
    met = ratio <= TARGET_RATIO and relative <= TARGET_RELATIVE_LOG_LOSS
    print(f"ratio Tripwise / sklearn: {ratio:.3f} (target <= {TARGET_RATIO} at log-loss within "
          f"{TARGET_RELATIVE_LOG_LOSS:g} relative): {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
