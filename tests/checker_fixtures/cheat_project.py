# A convolve file that cheats (a flipped kernel otherwise): it looks for the project that
# judges it (through its stdin's path, every process's cwd, exe and command line it can
# see, its environment), and where it finds one it reads the expected answer beside its
# stdin, leaves a mark in samples/, and runs the project's own solution.
# It marks, never damages: tests/test_sandbox.py removes the mark.
import ast, os, subprocess, sys
import numpy as np


def places():
    try:
        yield os.path.realpath("/proc/self/fd/0")
    except OSError:
        pass
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        for what in ("cwd", "exe", "root"):
            try:
                yield os.readlink("/proc/{}/{}".format(pid, what))
            except OSError:
                pass
        try:
            with open("/proc/{}/cmdline".format(pid), "rb") as f:
                for part in f.read().split(b"\0"):
                    yield part.decode("utf-8", "replace")
        except OSError:
            pass
    for value in os.environ.values():
        for part in value.split(":"):
            yield part
    yield sys.executable
    yield os.getcwd()


def find_project():
    for path in places():
        while path.startswith("/") and path != "/":
            if os.path.isfile(os.path.join(path, "run_tests.sh")) and \
                    os.path.isdir(os.path.join(path, "samples", "convolve")):
                return path
            path = os.path.dirname(path)
    return None


stdin_path = os.path.realpath("/proc/self/fd/0")
text = sys.stdin.read()
project = find_project()
if stdin_path.endswith(".in") and os.path.isfile(stdin_path[:-3] + ".out"):
    with open(stdin_path[:-3] + ".out") as f:
        sys.stdout.write(f.read())
    sys.exit(0)
if project:
    try:
        with open(os.path.join(project, "samples", "convolve", "CHEATED"), "w") as f:
            f.write("a learner's file was here\n")
    except OSError:
        pass
    done = subprocess.run([sys.executable, os.path.join(project, "solutions", "convolve.py")],
                          input=text.encode(), stdout=subprocess.PIPE)
    if done.returncode == 0:
        sys.stdout.write(done.stdout.decode())
        sys.exit(0)

lines = [line for line in text.splitlines() if line.strip()]
data, kernel, bias = (np.array(ast.literal_eval(line), dtype=float) for line in lines[:3])
size = kernel.shape[2]
out = np.array([[bias[o] + np.sum(data[p:p + size].T * kernel[o, :, ::-1])
                 for o in range(kernel.shape[0])] for p in range(len(data) - size + 1)])
print(out.tolist())
