"""How big a chunk of windows the forward should copy before each matrix product.

  .venv/bin/python bench/chunk_rows.py

For each of bench.py's shapes, the forward's time with CHUNK_BYTES set to each size
below, over the BLAS floor, all in one interleaved race (best of 5). The package uses
the size that is fastest overall here; a chunk also has at least 8 rows per output
channel, so with many output channels the smaller sizes give the same rows.
"""
import numpy as np

from bench import REPEATS, SHAPES, race
from convkit import windows
from convkit.conv import apply_convolution

SIZES_KB = [64, 128, 256, 384, 512, 1024, 2048, 8192]


def problem(in_len, in_ch, out_ch, size):
    """(x, w, b, floor): a random problem of the shape, and its BLAS floor, one product of
    a ready OutLen x (InCh*K) window matrix and the kernel (same sizes, random values)."""
    rng = np.random.RandomState(0)
    x = rng.standard_normal((in_len, in_ch))
    w = rng.standard_normal((out_ch, in_ch, size))
    b = rng.standard_normal(out_ch)
    a_floor = rng.standard_normal((in_len - size + 1, in_ch * size))
    b_floor = rng.standard_normal((in_ch * size, out_ch))
    return x, w, b, lambda: np.dot(a_floor, b_floor)


def ratios(in_len, in_ch, out_ch, size):
    """{kb: the forward's time with that CHUNK_BYTES / the BLAS floor's}, one race."""
    x, w, b, floor = problem(in_len, in_ch, out_ch, size)

    def forward(kb):
        windows.CHUNK_BYTES = kb * 1024
        apply_convolution(x, w, b)

    functions = {"floor": floor}
    functions.update({kb: (lambda kb=kb: forward(kb)) for kb in SIZES_KB})
    times = race(functions)
    return {kb: times[kb] / times["floor"] for kb in SIZES_KB}


def main():
    saved = windows.CHUNK_BYTES
    print("forward / BLAS floor for each CHUNK_BYTES, best of {} interleaved rounds".format(
        REPEATS))
    print("{:<24}".format("InLen x InCh x OutCh x K") +
          "".join("{:>9}".format("{} KB".format(kb)) for kb in SIZES_KB))
    try:
        for shape in SHAPES:
            row = ratios(*shape)
            print("{:<24}".format(" x ".join(map(str, shape))) +
                  "".join("{:>8.2f}x".format(row[kb]) for kb in SIZES_KB), flush=True)
    finally:
        windows.CHUNK_BYTES = saved


if __name__ == "__main__":
    main()
