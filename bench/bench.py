"""make bench: the package's speed and memory beside the alternatives, side by side in one run.

Every time is the best of 5 rounds; each round runs every contender once, in turn.
For each shape (InLen x InChannels x OutChannels x K):
  forward       apply_convolution
  BLAS floor    one float64 (OutLen, InCh*K) @ (InCh*K, OutCh) product on ready data
  lesson        the lesson's way: fancy-index every window, then tensordot
  naive loop    the formula as four Python loops (timed on a slice of the smallest shape
                and scaled up: the full shape would take minutes)
  torch         torch.nn.functional.conv1d in float64, when torch is importable
  grads of sum  calculate_kernel_grad + calculate_conv_x_grad (G = 1), against the
                backward of torch's conv1d(...).sum()
  grads with G  each gradient with a general upstream gradient, against the forward
  memory        tracemalloc's peak during the forward, over the output's size
Then end to end on a ~25 MB input and start-up on the lesson's sample, for the graded file
(solutions/convolve.py) and for the package's command (python -m convkit convolve); and
the checker's speed, small random cases a second through its fork servers, and check(fn)'s
(target: 200 cases a second).
Standard library, numpy and the package; the torch columns appear when torch imports.
"""
import json
import os
import subprocess
import sys
import tempfile
import time
import tracemalloc

import numpy as np

from convkit.checker import stress
from convkit.conv import apply_convolution, calculate_conv_x_grad, calculate_kernel_grad
from convkit.tasks import TASKS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHAPES = [(100000, 64, 64, 5), (20000, 256, 256, 3), (200000, 16, 16, 9)]
REPEATS = 5
NAIVE_ROWS = 200  # output rows the naive loop computes before its time is scaled up

try:
    import torch
except ImportError:
    torch = None


GRADED = [sys.executable, os.path.join(ROOT, "solutions", "convolve.py")]
PACKAGE = [sys.executable, "-m", "convkit", "convolve"]


def race(functions, rounds=REPEATS):
    """The best wall time (seconds) of each function over `rounds` rounds; every round
    runs each function once, in turn, so a noisy spell on this shared machine slows
    them all alike instead of one of them."""
    times = {name: [] for name in functions}
    for _ in range(rounds):
        for name, function in functions.items():
            start = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - start)
    return {name: min(spent) for name, spent in times.items()}


def lesson_forward(data, kernel, bias):
    """Windows by fancy indexing (OutLen x K x InCh copy), then one tensordot."""
    out_len = len(data) - kernel.shape[2] + 1
    windows = data[np.arange(kernel.shape[2])[None, :] + np.arange(out_len)[:, None]]
    return np.tensordot(windows, kernel.transpose(2, 1, 0), axes=2) + bias


def naive_forward(data, kernel, bias, rows):
    """Y[p, oc] = b[oc] + sum_k sum_ic X[p+k, ic] * W[oc, ic, k], for the first `rows` p."""
    out_ch, in_ch, size = kernel.shape
    y = [[0.0] * out_ch for _ in range(rows)]
    x, w = data.tolist(), kernel.tolist()
    for p in range(rows):
        for oc in range(out_ch):
            total = bias[oc]
            for k in range(size):
                for ic in range(in_ch):
                    total += x[p + k][ic] * w[oc][ic][k]
            y[p][oc] = total
    return y


def peak_memory(function):
    """tracemalloc's peak (bytes) while function runs; numpy reports its buffers to it."""
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def verdict(ratio, target, lower_is_better=True):
    met = ratio <= target if lower_is_better else ratio >= target
    return "{:.2f}x {} {}{}".format(ratio, "ok" if met else "MISSED",
                                    "<=" if lower_is_better else ">=", target)


def bench_shape(in_len, in_ch, out_ch, size, naive):
    rng = np.random.RandomState(0)
    x = rng.standard_normal((in_len, in_ch))
    w = rng.standard_normal((out_ch, in_ch, size))
    b = rng.standard_normal(out_ch)
    out_len = in_len - size + 1
    g = rng.standard_normal((out_len, out_ch))
    a_floor = rng.standard_normal((out_len, in_ch * size))
    b_floor = rng.standard_normal((in_ch * size, out_ch))
    functions = {
        "forward": lambda: apply_convolution(x, w, b),
        "BLAS floor": lambda: np.dot(a_floor, b_floor),
        "lesson (windows+tensordot)": lambda: lesson_forward(x, w, b),
        "grads of sum (both)": lambda: (calculate_kernel_grad(x, None, w, b),
                                        calculate_conv_x_grad(x, None, w, b)),
        "kernel grad with G": lambda: calculate_kernel_grad(
            x, None, w, b, grad_output=g),
        "input grad with G": lambda: calculate_conv_x_grad(
            x, None, w, b, grad_output=g),
    }
    if torch is not None:
        tx = torch.tensor(x.T[None].copy(), requires_grad=True)  # (1, InCh, InLen)
        tw = torch.tensor(w, requires_grad=True)
        tb = torch.tensor(b)
        loss = torch.nn.functional.conv1d(tx, tw, tb).sum()

        def torch_forward():
            with torch.no_grad():
                torch.nn.functional.conv1d(tx, tw, tb)

        functions["torch conv1d"] = torch_forward
        functions["torch backward of sum"] = lambda: loss.backward(retain_graph=True)
    rows = race(functions)
    if naive:
        rows["naive loop (scaled)"] = race(
            {"naive": lambda: naive_forward(x, w, b, NAIVE_ROWS)}, rounds=1)["naive"] * \
            out_len / NAIVE_ROWS
    peak = peak_memory(lambda: apply_convolution(x, w, b))
    memory = peak / (out_len * out_ch * 8)
    cells = [("{} (ms)".format(name), "{:.1f}".format(seconds * 1e3))
             for name, seconds in rows.items()]
    cells.append(("forward peak memory (MB)", "{:.1f}".format(peak / 1e6)))
    checks = [
        ("forward / BLAS floor", verdict(rows["forward"] / rows["BLAS floor"], 1.5)),
        ("forward peak memory / output", verdict(memory, 3.0)),
        ("kernel grad with G / forward", verdict(rows["kernel grad with G"] / rows["forward"], 2)),
        ("input grad with G / forward", verdict(rows["input grad with G"] / rows["forward"], 2)),
        ("lesson / forward", "{:.2f}x".format(rows["lesson (windows+tensordot)"] /
                                              rows["forward"])),
    ]
    if naive:
        checks.append(("naive loop / forward", "{:.0f}x".format(
            rows["naive loop (scaled)"] / rows["forward"])))
    if torch is not None:
        checks.append(("torch conv1d / forward", verdict(
            rows["torch conv1d"] / rows["forward"], 1.0, lower_is_better=False)))
        checks.append(("torch backward / grads of sum", verdict(
            rows["torch backward of sum"] / rows["grads of sum (both)"], 4.0,
            lower_is_better=False)))
    return cells + checks


def end_to_end():
    """The graded file and the package's command on a ~25 MB input, against a script that
    only json-parses the same input and prints an output of the same size."""
    rng = np.random.RandomState(1)
    in_len, channels, size = 200000, 6, 5
    with tempfile.NamedTemporaryFile("w", suffix=".in", delete=False) as f:
        f.write(json.dumps(rng.standard_normal((in_len, channels)).tolist()) + "\n")
        f.write(json.dumps(rng.standard_normal((channels, channels, size)).tolist()) + "\n")
        f.write(json.dumps(rng.standard_normal(channels).tolist()) + "\n")
        big = f.name
    baseline = ("import sys, json\n"
                "lines = [json.loads(line) for line in sys.stdin if line.strip()]\n"
                "print(repr(lines[0][:len(lines[0]) - {} + 1]))\n".format(size))

    def run(args):
        with open(big) as stdin:
            subprocess.run(args, stdin=stdin, stdout=subprocess.DEVNULL, check=True)

    times = race({"graded": lambda: run(GRADED), "package": lambda: run(PACKAGE),
                  "floor": lambda: run([sys.executable, "-c", baseline])})
    megabytes = os.path.getsize(big) / 1e6
    os.remove(big)
    return megabytes, times


def start_up():
    sample = os.path.join(ROOT, "samples", "convolve", "01-lesson.in")

    def run(args):
        with open(sample) as stdin:
            subprocess.run(args, stdin=stdin, stdout=subprocess.DEVNULL, check=True)

    return race({"graded": lambda: run(GRADED), "package": lambda: run(PACKAGE),
                 "numpy": lambda: run([sys.executable, "-c", "import numpy"])}, rounds=10)


def checker_speed(python, cases=200):
    """Small random cases per second through the checker's fork servers (2, as a stress run
    uses) on a correct gallery file, python running the file; None without that python."""
    import shutil
    if not os.path.exists(python):
        return None
    task = TASKS["convolve"]
    path = os.path.join(ROOT, "tests", "learners", "convolve", "einsum.py")
    small = [case for case in stress.generate(task, 2 * cases, 0)
             if len(case["data"]) <= 12][:cases]
    workdir = tempfile.mkdtemp(dir="/dev/shm" if os.path.isdir("/dev/shm") else None)
    runner = stress.Runner(task, path, python, workdir, 10)
    try:
        runner.start()
        prepared = [stress.Prepared(task, case, i, workdir) for i, case in enumerate(small)]
        start = time.perf_counter()
        runner.run_many(lambda i: prepared[i], len(prepared))
        return len(prepared) / (time.perf_counter() - start)
    finally:
        runner.close()
        shutil.rmtree(workdir, ignore_errors=True)


def notebook_speed():
    """Random cases per second of convkit.check(fn) on the package's own forward (the
    notebook's way: a forked worker, no file), 300 cases."""
    from convkit import apply_convolution, check
    return check(apply_convolution, seed=1).cases_per_second


def main():
    print("python {}, numpy {}{}; {} cores; best of {} interleaved rounds".format(
        sys.version.split()[0], np.__version__,
        ", torch {}".format(torch.__version__) if torch else " (no torch)", os.cpu_count(),
        REPEATS))
    smallest = min(SHAPES, key=lambda s: s[0] * s[1] * s[2] * s[3])
    columns = [dict(bench_shape(*shape, naive=shape == smallest)) for shape in SHAPES]
    labels = []
    for column in sorted(columns, key=len, reverse=True):  # the fullest column sets the order
        labels += [label for label in column if label not in labels]
    header = ["InLen x InCh x OutCh x K"] + [" x ".join(map(str, shape)) for shape in SHAPES]
    table = [header] + [[label] + [column.get(label, "-") for column in columns]
                        for label in labels]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(width) if i == 0 else cell.rjust(width)
                        for i, (cell, width) in enumerate(zip(row, widths))))
    megabytes, times = end_to_end()
    for name, label in (("graded", "solutions/convolve.py"), ("package", "convkit convolve")):
        print("{}end to end, {:.0f} MB input: {} {:.2f} s, json.loads+print {:.2f} s: {}"
              .format("\n" if name == "graded" else "", megabytes, label, times[name],
                      times["floor"], verdict(times[name] / times["floor"], 1.5)))
    times = start_up()
    for name, label, target in (("graded", "solutions/convolve.py", 1.15),
                                ("package", "convkit convolve", 1.3)):
        print("start-up on the lesson sample: {} {:.0f} ms, import numpy {:.0f} ms: {}".format(
            label, times[name] * 1e3, times["numpy"] * 1e3,
            verdict(times[name] / times["numpy"], target)))
    for name, python in (("here", sys.executable),
                         ("grader", os.path.join(ROOT, ".venv-grader", "bin", "python"))):
        speed = checker_speed(python)
        if speed is not None:
            print("checker, small random cases through the fork servers ({}): {:.0f} cases/s: "
                  "{}".format(name, speed, verdict(speed / 100, 1.0, lower_is_better=False)))
    speed = notebook_speed()
    print("check(fn) from a notebook, random cases of convolve: {:.0f} cases/s: {}".format(
        speed, verdict(speed / 200, 1.0, lower_is_better=False)))


if __name__ == "__main__":
    main()
