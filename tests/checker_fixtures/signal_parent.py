# A correct convolve file that first signals its parent (and its parent's process group)
# with the signal named in SIGNALS below (one per run, taken in turn from a counter file
# in its working folder): SIGSTOP, SIGKILL, SIGTERM, SIGINT, SIGHUP.
import ast, os, signal, sys
import numpy as np

SIGNALS = ("SIGSTOP", "SIGKILL", "SIGTERM", "SIGINT", "SIGHUP")
counter = "signal_parent.count"
try:
    with open(counter) as f:
        turn = int(f.read() or 0)
except (OSError, ValueError):
    turn = 0
with open(counter, "w") as f:
    f.write(str(turn + 1))
number = getattr(signal, SIGNALS[turn % len(SIGNALS)])
parent = os.getppid()
for target in (lambda: os.kill(parent, number), lambda: os.killpg(os.getpgid(parent), number)):
    try:
        target()
    except OSError:
        pass
lines = [line for line in sys.stdin.read().splitlines() if line.strip()]
data, kernel, bias = (np.array(ast.literal_eval(line), dtype=float) for line in lines[:3])
size = kernel.shape[2]
out = np.array([[bias[o] + np.sum(data[p:p + size].T * kernel[o])
                 for o in range(kernel.shape[0])] for p in range(len(data) - size + 1)])
print(out.tolist())
