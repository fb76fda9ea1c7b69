# A correct convolve file that ends with os._exit(0) right after print: its answer is still
# in stdout's buffer and is lost (as on the grader), unless PYTHONUNBUFFERED is set.
import ast, os, sys
import numpy as np

lines = [line for line in sys.stdin.read().splitlines() if line.strip()]
data, kernel, bias = (np.array(ast.literal_eval(line), dtype=float) for line in lines[:3])
size = kernel.shape[2]
out = np.array([[bias[o] + np.sum(data[p:p + size].T * kernel[o])
                 for o in range(kernel.shape[0])] for p in range(len(data) - size + 1)])
print(out.tolist())
os._exit(0)
