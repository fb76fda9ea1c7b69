"""The package's fast functions against the plain-loop reference, on random shapes.

Each element must be within 1e-12 of the reference, relative to the sum of the
absolute values of its terms (the same formula on |x|, |kernel|, |G|): the
floating-point error bound of a sum, so cancelling terms cannot hide an error.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from convkit import conv, reference, windows
from strategies import conv_problems, corner_examples

EXAMPLES = settings()  # the profile's: quick in make test, thorough in make test-all


def assert_close(got, want, scale, rtol=1e-12):
    assert np.shape(got) == np.shape(want)
    error = np.abs(np.asarray(got) - want)
    assert (error <= rtol * scale).all(), "max error {} at scale {}".format(
        error.max(), scale.ravel()[np.argmax(error)])


@EXAMPLES
@given(conv_problems(flags=False))
@corner_examples(flags=False)
def test_forward_graded(p):
    got = conv.apply_convolution(p["x"], p["kernel"], p["bias"])
    want = reference.conv1d(p["x"], p["kernel"], p["bias"])
    scale = reference.conv1d(abs(p["x"]), abs(p["kernel"]), abs(p["bias"]))
    assert_close(got, want, scale)


@EXAMPLES
@given(conv_problems())
@corner_examples()
def test_forward_with_flags(p):
    got = conv.apply_convolution(p["x"], p["kernel"], p["bias"], **p["geometry"])
    want = reference.conv1d(p["x"], p["kernel"], p["bias"], **p["geometry"])
    scale = reference.conv1d(abs(p["x"]), abs(p["kernel"]), abs(p["bias"]), **p["geometry"])
    assert_close(got, want, scale)


@EXAMPLES
@given(conv_problems(flags=False))
@corner_examples(flags=False)
def test_kernel_grad_of_sum(p):
    y = np.full((len(p["g"]), len(p["bias"])), np.nan)  # y's values must not matter
    got = conv.calculate_kernel_grad(p["x"], y, p["kernel"], p["bias"])
    assert_close(got, reference.kernel_grad(p["x"], p["kernel"]),
                 reference.kernel_grad(abs(p["x"]), p["kernel"]))


@EXAMPLES
@given(conv_problems())
@corner_examples()
def test_kernel_grad_with_flags_and_upstream(p):
    for g in (None, p["g"]):
        got = conv.calculate_kernel_grad(p["x"], None, p["kernel"], p["bias"],
                                                grad_output=g, **p["geometry"])
        want = reference.kernel_grad(p["x"], p["kernel"], g, **p["geometry"])
        scale = reference.kernel_grad(abs(p["x"]), p["kernel"], None if g is None else abs(g),
                                      **p["geometry"])
        assert_close(got, want, scale)


@EXAMPLES
@given(conv_problems(flags=False))
@corner_examples(flags=False)
def test_input_grad_of_sum(p):
    y = np.full((len(p["g"]), len(p["bias"])), np.nan)
    got = conv.calculate_conv_x_grad(p["x"], y, p["kernel"], p["bias"])
    assert_close(got, reference.input_grad(p["x"], p["kernel"]),
                 reference.input_grad(p["x"], abs(p["kernel"])))


@EXAMPLES
@given(conv_problems())
@corner_examples()
def test_input_grad_with_flags_and_upstream(p):
    for g in (None, p["g"]):
        got = conv.calculate_conv_x_grad(p["x"], None, p["kernel"], p["bias"],
                                               grad_output=g, **p["geometry"])
        want = reference.input_grad(p["x"], p["kernel"], g, **p["geometry"])
        scale = reference.input_grad(p["x"], abs(p["kernel"]), None if g is None else abs(g),
                                     **p["geometry"])
        assert_close(got, want, scale)


@pytest.mark.parametrize("in_len, size", [(100, 60), (100, 20)])  # blocks; shared core
def test_mixed_magnitudes_do_not_cancel_in_kernel_grad(in_len, size):
    """Sums of G = 1 windows stay exact where 1e6 and 1e-6 rows share the input: a
    difference of one long cumsum would lose the small windows' digits."""
    x = np.concatenate([np.full((in_len // 2, 1), 1e6), np.random.RandomState(1).uniform(
        0, 1e-6, (in_len - in_len // 2, 1))])[::-1]
    w = np.ones((1, 1, size))
    got = conv.calculate_kernel_grad(x, None, w, [0.0])
    assert_close(got, reference.kernel_grad(x, w), reference.kernel_grad(abs(x), w), rtol=1e-14)


@pytest.mark.parametrize("in_len, size", [(120, 100), (300, 100), (60, 40)])
def test_mixed_magnitudes_do_not_cancel_in_input_grad(in_len, size):
    w = np.concatenate([np.full(size // 2, 1e6), np.full(size - size // 2, 1e-6)])
    w = w.reshape(1, 1, size)
    x = np.zeros((in_len, 1))
    got = conv.calculate_conv_x_grad(x, None, w, [0.0])
    assert_close(got, reference.input_grad(x, w), reference.input_grad(x, abs(w)), rtol=1e-14)


@settings(max_examples=300)
@given(st.integers(1, 40), st.data())
def test_window_sums_both_ways(n, data):
    """Both of window_sums' paths (a shared core; blocks) against plain sums."""
    width = data.draw(st.integers(1, n))
    a = np.random.RandomState(n * 41 + width).standard_normal((n, 3)) * 10.0 ** data.draw(
        st.integers(-6, 6))
    want = np.array([a[t:t + width].sum(axis=0) for t in range(n - width + 1)])
    got = windows.window_sums(a, width)
    assert_close(got, want, np.array([abs(a[t:t + width]).sum(axis=0)
                                      for t in range(n - width + 1)]))


@pytest.mark.parametrize("x_shape, w_shape", [
    ((5, 2), (1, 3, 2)), ((5, 3), (1, 2, 2)), ((5,), (1, 1, 2)), ((5, 2, 1), (1, 2, 2)),
    ((5, 2), (2, 2)), ((5, 2), (1, 2, 2, 1))])
def test_forward_refuses_mismatched_shapes(x_shape, w_shape):
    """The forward reads windows through as_strided, which trusts the shapes it is given:
    data must be 2-D, the kernel 3-D, with the same InChannels."""
    with pytest.raises(ValueError) as refused:
        conv.apply_convolution(np.ones(x_shape), np.ones(w_shape), [0.0])
    assert str(refused.value) == (
        "expected data InLen x InChannels and kernel OutChannels x InChannels x KernelSize,"
        " got shapes {} and {}".format(x_shape, w_shape))


@given(conv_problems(), st.integers(65, 300))
@corner_examples(True, 65)
def test_products_across_chunks(p, in_len):
    """The forward and both gradients with G multiply the windows a chunk of rows at a
    time; with CHUNK_BYTES shrunk to nothing a chunk is 8 rows per product column
    (8 to 32 here), so inputs of 65 to 300 rows cross many chunk boundaries."""
    geometry, size = p["geometry"], p["kernel"].shape[2]
    rows = in_len * geometry["stride"] + geometry["dilation"] * size  # OutLen >= in_len
    x = np.resize(p["x"], (rows, p["x"].shape[1]))
    kernel, bias = p["kernel"], p["bias"]
    g = np.resize(p["g"], (reference.out_length(rows, size, **geometry), len(bias)))
    saved = windows.CHUNK_BYTES
    windows.CHUNK_BYTES = 1
    try:
        got = [conv.apply_convolution(x, kernel, bias, **geometry),
               conv.calculate_kernel_grad(x, None, kernel, bias, grad_output=g, **geometry),
               conv.calculate_conv_x_grad(x, None, kernel, bias, grad_output=g, **geometry)]
    finally:
        windows.CHUNK_BYTES = saved
    assert len(g) > 64
    assert_close(got[0], reference.conv1d(x, kernel, bias, **geometry),
                 reference.conv1d(abs(x), abs(kernel), abs(bias), **geometry))
    assert_close(got[1], reference.kernel_grad(x, kernel, g, **geometry),
                 reference.kernel_grad(abs(x), kernel, abs(g), **geometry))
    assert_close(got[2], reference.input_grad(x, kernel, g, **geometry),
                 reference.input_grad(x, abs(kernel), abs(g), **geometry))


def test_window_chunks_refuse_windows_past_the_end():
    """window_chunks reads through as_strided, which trusts the shapes it is given."""
    with pytest.raises(ValueError, match="do not fit"):
        next(windows.window_chunks(np.ones((10, 2)), 3, 9))


@pytest.mark.parametrize("call, message", [
    (lambda: conv.calculate_kernel_grad([[1.0], [2.0], [3.0]], None, [[[1.0, 1.0]]], [0.0],
                                        grad_output=[[1.0], [1.0], [5.0]]),
     "expected grad_output OutLen x OutChannels of shape (2, 1), got shape (3, 1)"),
    (lambda: conv.calculate_conv_x_grad([[1.0], [2.0]], None, [[[1.0]]], [0.0], grad_output=1.0),
     "expected grad_output OutLen x OutChannels of shape (2, 1), got shape ()"),
    (lambda: conv.apply_convolution([[1.0], [2.0]], np.zeros((1, 1, 0)), [0.0]),
     "expected data InLen x InChannels and kernel OutChannels x InChannels x KernelSize, got "
     "shapes (2, 1) and (1, 1, 0)"),
    (lambda: conv.apply_convolution([[1.0], [2.0]], [[[1.0]]], [[0.0]]),
     "expected bias OutChannels of shape (1,), got shape (1, 1)"),
    (lambda: conv.calculate_kernel_grad([[1.0], [2.0]], None, [[[1.0]]], [0.0],
                                        grad_output=[[1.0], [2.0, 3.0]]),
     "expected grad_output OutLen x OutChannels of shape (2, 1), got [[1.0], [2.0, 3.0]]"),
    (lambda: conv.apply_convolution([[1.0], [2.0]], [[[1.0]]], {"bias": 1}),
     "expected bias OutChannels of shape (1,), got {'bias': 1}"),
    (lambda: conv.apply_convolution([[1.0], [2.0]], [[[1.0]]], "b" * 60),
     "expected bias OutChannels of shape (1,), got '" + "b" * 39),
])
def test_the_api_refuses_arguments_that_do_not_fit(call, message):
    """The public functions say what does not fit, in their own words, where numpy would
    broadcast a wrong G or bias silently or fail with its own message (the adversary review
    found a 3-row G for 2 output rows answered)."""
    with pytest.raises(ValueError) as refused:
        call()
    assert str(refused.value) == message
