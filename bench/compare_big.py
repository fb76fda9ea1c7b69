"""The comparison's time and memory on a 25 MB output, and the harness on a 100 MB flood.

  python3 bench/compare_big.py [OTHER_COMPARER.py ...]

Writes a 200000 x 6 answer of random floats (the expected output) and the same answer
with every element off by 1e-12 relative (the output: within the default tolerance,
but not one token the same), then times `python -m convkit.compare GOT WANT` on
them, and on the output with one element off by 1 (a WA); and each other comparer given
(the same command line) on the first pair. Then the harness on a script that writes
100 MB to stdout. Seconds are wall-clock and CPU (user + system); peak memory is the
largest resident set of the measured processes (RUSAGE_CHILDREN).
"""
import os
import random
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def measure(argv):
    """'W s (C s CPU), peak M MB, exit S', and the lines the command printed."""
    code = ("import resource, subprocess, sys, time\n"
            "start = time.monotonic()\n"
            "done = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE)\n"
            "seconds = time.monotonic() - start\n"
            "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
            "print(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, done.returncode)\n"
            "sys.stdout.write(done.stdout.decode(errors='replace'))\n")
    done = subprocess.run([sys.executable, "-c", code] + argv, stdout=subprocess.PIPE,
                          universal_newlines=True, check=True)
    first, _, output = done.stdout.partition("\n")
    seconds, cpu, peak_kb, status = first.split()
    return "{:.2f} s ({:.2f} s CPU), peak {:.0f} MB, exit {}".format(
        float(seconds), float(cpu), int(peak_kb) / 1024, status), output.strip().splitlines()


def main():
    folder = tempfile.mkdtemp(prefix="compare_big-")
    try:
        rng = random.Random(1)
        rows = [[rng.uniform(-1e3, 1e3) for _ in range(6)] for _ in range(200000)]
        paths = {name: os.path.join(folder, name + ".out") for name in ("want", "got", "wrong")}
        with open(paths["want"], "w") as f:
            f.write(repr(rows) + "\n")
        got = [[value * (1 + 1e-12) for value in row] for row in rows]
        with open(paths["got"], "w") as f:
            f.write(repr(got) + "\n")
        got[123456][3] += 1
        with open(paths["wrong"], "w") as f:
            f.write(repr(got) + "\n")
        del rows, got
        print("python {}; want {:.1f} MB, got {:.1f} MB".format(
            sys.version.split()[0], os.path.getsize(paths["want"]) / 1e6,
            os.path.getsize(paths["got"]) / 1e6))
        for name in ("got", "wrong"):
            figures, output = measure([sys.executable, "-m", "convkit.compare", paths[name],
                                       paths["want"]])
            print("convkit.compare {} want: {}{}".format(
                name, figures, ": " + output[0] if output else ""))
        for other in sys.argv[1:]:
            figures, output = measure(["python3", other, paths["got"], paths["want"]])
            print("{} got want: {}".format(other, figures))

        project = os.path.join(folder, "project")
        os.makedirs(os.path.join(project, "solutions"))
        os.makedirs(os.path.join(project, "samples", "flood"))
        shutil.copy(os.path.join(ROOT, "run_tests.sh"), project)
        shutil.copytree(os.path.join(ROOT, "convkit"), os.path.join(project, "convkit"),
                        ignore=shutil.ignore_patterns("__pycache__"))
        with open(os.path.join(project, "solutions", "flood.py"), "w") as f:
            f.write("import sys\nchunk = b'[' + b'1.0, ' * 200000\n"
                    "for _ in range(100):\n    sys.stdout.buffer.write(chunk)\n")
        for extension, content in ((".in", ""), (".out", "[1.0, 2.0]\n")):
            with open(os.path.join(project, "samples", "flood", "01" + extension), "w") as f:
                f.write(content)
        with open(os.path.join(project, "samples", "flood", "GRADER_FORMAT"), "w") as f:
            f.write("01\n")  # run by its graded file, solutions/flood.py
        figures, output = measure(
            [os.path.join(project, "run_tests.sh"), "--python", sys.executable, "flood"])
        print("run_tests.sh on a script that writes 100 MB: {}: {}".format(
            figures, output[0].split()[0] + ", " + output[-1]))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
