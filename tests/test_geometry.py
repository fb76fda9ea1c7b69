"""The package's geometry and window code (convkit.geometry, convkit.windows), once for
the three conv commands, against the loop reference and the formulas, in-process and fast
(the mutation run, `make mutants`, runs these for every mutant): conv_geometry's (left,
right, OutLen) and refusals, the windows window_chunks copies, and the sums window_sums
adds up."""
import itertools

import numpy as np
import pytest

from convkit import reference, windows
from convkit.geometry import conv_geometry
from convkit.windows import window_chunks, window_sums


def geometries():
    """Every (in_len, size, stride, padding, dilation) of a small grid, with 'same' only
    where it is allowed (stride 1)."""
    for in_len, size, stride, dilation in itertools.product(range(1, 11), range(1, 6),
                                                            range(1, 5), range(1, 4)):
        for padding in [0, 1, 2, 5, "valid"] + (["same"] if stride == 1 else []):
            yield in_len, size, stride, padding, dilation


def test_conv_geometry_matches_the_reference():
    """(left, right, OutLen) as reference.py pads and counts, for 'same' with odd and even
    spans, strides with and without a remainder, dilations past the input; where
    OutLen < 1, the refusal with PyTorch's formula, the numbers put in."""
    for in_len, size, stride, padding, dilation in geometries():
        left, right = reference.padding_amounts(in_len, size, stride, padding, dilation)
        out_len = reference.out_length(in_len, size, stride, padding, dilation)
        if out_len >= 1:
            got = conv_geometry(in_len, size, stride, padding, dilation)
            assert got == (left, right, out_len), (in_len, size, stride, padding, dilation)
            assert all(type(n) is int for n in got)
            continue
        pads = "2*{}".format(left) if left == right else "({}+{})".format(left, right)
        with pytest.raises(ValueError) as refused:
            conv_geometry(in_len, size, stride, padding, dilation)
        assert str(refused.value) == (
            "no output: OutLen = (InLen + 2*padding - dilation*(KernelSize-1) - 1) // stride"
            " + 1 = ({} + {} - {}*({}-1) - 1) // {} + 1 = {}".format(
                in_len, pads, dilation, size, stride, out_len))


def test_conv_geometry_takes_defaults_and_numpy_integers():
    assert conv_geometry(7, 3) == (0, 0, 5)  # stride 1, padding 0, dilation 1
    assert conv_geometry(7, 3, np.int64(2), np.int32(1), np.int64(2)) == (1, 1, 3)
    assert conv_geometry(1, 1, 2 ** 40, 2 ** 40, 2 ** 40) == (2 ** 40, 2 ** 40, 3)


BAD_FLAGS = [  # (stride, padding, dilation) -> the message
    ((0, 0, 1), "stride must be an integer >= 1, got 0"),
    ((-1, 0, 1), "stride must be an integer >= 1, got -1"),
    ((1.0, 0, 1), "stride must be an integer >= 1, got 1.0"),
    ((True, 0, 1), "stride must be an integer >= 1, got True"),
    (("2", 0, 1), "stride must be an integer >= 1, got '2'"),
    ((2 ** 40 + 1, 0, 1), "stride must be at most 2**40, got 1099511627777"),
    ((1, 0, 0), "dilation must be an integer >= 1, got 0"),
    ((1, 0, 2.0), "dilation must be an integer >= 1, got 2.0"),
    ((1, 0, False), "dilation must be an integer >= 1, got False"),
    ((1, 0, 2 ** 40 + 1), "dilation must be at most 2**40, got 1099511627777"),
    (("valid", 0, 1), "stride must be an integer >= 1, got 'valid'"),  # padding's words
    ((1, 0, "same"), "dilation must be an integer >= 1, got 'same'"),  # only for padding
    ((1, -1, 1), "padding must be an integer >= 0, 'valid' or 'same', got -1"),
    ((1, "full", 1), "padding must be an integer >= 0, 'valid' or 'same', got 'full'"),
    ((1, 1.0, 1), "padding must be an integer >= 0, 'valid' or 'same', got 1.0"),
    ((1, None, 1), "padding must be an integer >= 0, 'valid' or 'same', got None"),
    ((1, 2 ** 40 + 1, 1), "padding must be at most 2**40, got 1099511627777"),
    ((2, "same", 1), "padding 'same' needs stride 1, got stride 2"),
    ((0, -1, 0), "stride must be an integer >= 1, got 0"),  # the first bad one is named
]


def test_conv_geometry_refuses_bad_flags():
    for (stride, padding, dilation), message in BAD_FLAGS:
        with pytest.raises(ValueError) as refused:
            conv_geometry(20, 2, stride, padding, dilation)
        assert str(refused.value) == message


def plain_windows(xpad, size, out_len, stride, dilation):
    """cols[p, k*Channels + c] = xpad[p*stride + k*dilation, c], by loops."""
    channels = xpad.shape[1]
    cols = np.zeros((out_len, size * channels))
    for p in range(out_len):
        for k in range(size):
            for c in range(channels):
                cols[p, k * channels + c] = xpad[p * stride + k * dilation, c]
    return cols


@pytest.mark.parametrize("chunk_bytes", [1, 200, 2000, 384 * 1024])
def test_window_chunks_copy_every_window_once(chunk_bytes, monkeypatch):
    """The chunks, stacked, are the windows of every output row in order, whatever the
    chunk size; the input may have rows past the last window, which are not read. A chunk
    is as its docstring says: CHUNK_BYTES of windows, but at least 8 rows per column of
    the product, and at most the whole output (so the buffer stays cache-sized); one row
    at least, even for a product of no columns (a kernel of no output channels)."""
    monkeypatch.setattr(windows, "CHUNK_BYTES", chunk_bytes)
    for size, stride, dilation, channels, columns, extra in itertools.product(
            (1, 2, 3), (1, 2, 3), (1, 2), (1, 3), (0, 1, 2), (0, 1, 4)):
        for out_len in (1, 2, 7, 17, 40):
            rows = (out_len - 1) * stride + dilation * (size - 1) + 1 + extra
            xpad = np.arange(rows * channels, dtype=float).reshape(rows, channels)
            starts, chunks = [], []
            for start, cols in window_chunks(xpad, size, out_len, stride, dilation, columns):
                starts.append(start)
                chunks.append(cols.copy())
            want = plain_windows(xpad, size, out_len, stride, dilation)
            assert np.array_equal(np.concatenate(chunks), want)
            chunk = max(1, min(out_len, max(8 * columns, chunk_bytes // (8 * size * channels))))
            assert starts == list(range(0, out_len, chunk))
            assert [len(c) for c in chunks] == [min(chunk, out_len - i) for i in starts]
    xpad = np.arange(60.0).reshape(20, 3)  # the defaults: stride 1, dilation 1, 1 column
    chunks = [cols.copy() for _, cols in window_chunks(xpad, 2, 19)]
    assert np.array_equal(np.concatenate(chunks), plain_windows(xpad, 2, 19, 1, 1))
    assert len(chunks[0]) == min(19, max(8, chunk_bytes // 48))


def test_window_chunks_take_huge_steps_only_where_they_are_used():
    """A stride or dilation of 2**40 over rows 16 MB apart (a view of 2**21 columns) is a
    step numpy cannot take, but one it never has to: one output row, or one tap."""
    rows = np.zeros((2, 2 ** 21))
    rows[:, :2] = [[1, 2], [3, 4]]
    xpad = rows[:, :2]  # 2 x 2, its rows 16 MB apart
    for size, out_len, stride, dilation in [(2, 1, 2 ** 40, 1), (1, 2, 1, 2 ** 40)]:
        chunks = [cols.copy() for _, cols in window_chunks(
            xpad, size, out_len, stride, dilation)]
        assert np.array_equal(np.concatenate(chunks),
                              plain_windows(xpad, size, out_len, stride, dilation))


def test_window_chunks_refuse_windows_past_the_end():
    """window_chunks reads through as_strided, which trusts the shapes it is given: one
    row too few is refused, and so is an input that is not 2-D."""
    for size, out_len, stride, dilation in [(3, 9, 1, 1), (2, 4, 3, 2), (1, 5, 2, 4)]:
        rows = (out_len - 1) * stride + dilation * (size - 1) + 1
        next(window_chunks(np.ones((rows, 2)), size, out_len, stride, dilation))  # fits
        with pytest.raises(ValueError) as refused:
            next(window_chunks(np.ones((rows - 1, 2)), size, out_len, stride, dilation))
        assert str(refused.value) == "{} windows of {} rows do not fit in shape ({}, 2)".format(
            out_len, size, rows - 1)
    for shape in [(12,), (12, 2, 1)]:
        with pytest.raises(ValueError) as refused:
            next(window_chunks(np.ones(shape), 3, 9))
        assert str(refused.value) == "9 windows of 3 rows do not fit in shape {}".format(shape)


def test_window_chunks_of_no_channels():
    """Windows of zero bytes (InChannels 0) are still windows: one chunk, all empty."""
    chunks = list(window_chunks(np.ones((9, 0)), 3, 7, 1, 1, 2))
    assert [(start, cols.shape) for start, cols in chunks] == [(0, (7, 0))]


def test_window_sums_by_loops():
    """out[t] = a[t:t+width].sum(axis=0), for every width of every length up to 24: both
    paths (a shared core; blocks), their boundary, and width 1 and n."""
    for n in range(1, 25):
        a = np.random.RandomState(n).randint(-99, 100, (n, 2)).astype(float)
        for width in range(1, n + 1):
            want = np.array([a[t:t + width].sum(axis=0) for t in range(n - width + 1)])
            assert np.array_equal(window_sums(a, width), want), (n, width)
