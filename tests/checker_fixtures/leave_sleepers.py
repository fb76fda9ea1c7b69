# A correct convolve file that leaves a process behind on every run: a `sleep 313.25`
# that double-forked and called setsid (so neither its group nor its parent is the file's).
import ast, os, sys
import numpy as np

if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp("sleep", ["sleep", "313.25"])
    os._exit(0)
os.wait()
lines = [line for line in sys.stdin.read().splitlines() if line.strip()]
data, kernel, bias = (np.array(ast.literal_eval(line), dtype=float) for line in lines[:3])
size = kernel.shape[2]
out = np.array([[bias[o] + np.sum(data[p:p + size].T * kernel[o])
                 for o in range(kernel.shape[0])] for p in range(len(data) - size + 1)])
print(out.tolist())
