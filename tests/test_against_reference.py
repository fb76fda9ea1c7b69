"""The scripts' graded functions against the plain-loop reference, on random shapes.

Each element must be within 1e-12 of the reference, relative to the sum of the
absolute values of its terms (the same formula on |x|, |kernel|, |G|): the
floating-point error bound of a sum, so cancelling terms cannot hide an error.
"""
import numpy as np
from hypothesis import given, settings

import reference
import scripts
from strategies import conv_problems

EXAMPLES = settings(max_examples=250, derandomize=True, deadline=None)
convolve = scripts.load("convolve")
kernel_grad = scripts.load("kernel_grad")
input_grad = scripts.load("input_grad")


def assert_close(got, want, scale, rtol=1e-12):
    assert np.shape(got) == np.shape(want)
    error = np.abs(np.asarray(got) - want)
    assert (error <= rtol * scale).all(), "max error {} at scale {}".format(
        error.max(), scale.ravel()[np.argmax(error)])


@EXAMPLES
@given(conv_problems(flags=False))
def test_forward_graded(p):
    got = convolve.apply_convolution(p["x"], p["kernel"], p["bias"])
    want = reference.conv1d(p["x"], p["kernel"], p["bias"])
    scale = reference.conv1d(abs(p["x"]), abs(p["kernel"]), abs(p["bias"]))
    assert_close(got, want, scale)


@EXAMPLES
@given(conv_problems())
def test_forward_with_flags(p):
    got = convolve.apply_convolution(p["x"], p["kernel"], p["bias"], **p["geometry"])
    want = reference.conv1d(p["x"], p["kernel"], p["bias"], **p["geometry"])
    scale = reference.conv1d(abs(p["x"]), abs(p["kernel"]), abs(p["bias"]), **p["geometry"])
    assert_close(got, want, scale)


@EXAMPLES
@given(conv_problems(flags=False))
def test_kernel_grad_of_sum(p):
    y = np.full((len(p["g"]), len(p["bias"])), np.nan)  # y's values must not matter
    got = kernel_grad.calculate_kernel_grad(p["x"], y, p["kernel"], p["bias"])
    assert_close(got, reference.kernel_grad(p["x"], p["kernel"]),
                 reference.kernel_grad(abs(p["x"]), p["kernel"]))


@EXAMPLES
@given(conv_problems())
def test_kernel_grad_with_flags_and_upstream(p):
    for g in (None, p["g"]):
        got = kernel_grad.calculate_kernel_grad(p["x"], None, p["kernel"], p["bias"],
                                                grad_output=g, **p["geometry"])
        want = reference.kernel_grad(p["x"], p["kernel"], g, **p["geometry"])
        scale = reference.kernel_grad(abs(p["x"]), p["kernel"], None if g is None else abs(g),
                                      **p["geometry"])
        assert_close(got, want, scale)


@EXAMPLES
@given(conv_problems(flags=False))
def test_input_grad_of_sum(p):
    y = np.full((len(p["g"]), len(p["bias"])), np.nan)
    got = input_grad.calculate_conv_x_grad(p["x"], y, p["kernel"], p["bias"])
    assert_close(got, reference.input_grad(p["x"], p["kernel"]),
                 reference.input_grad(p["x"], abs(p["kernel"])))


@EXAMPLES
@given(conv_problems())
def test_input_grad_with_flags_and_upstream(p):
    for g in (None, p["g"]):
        got = input_grad.calculate_conv_x_grad(p["x"], None, p["kernel"], p["bias"],
                                               grad_output=g, **p["geometry"])
        want = reference.input_grad(p["x"], p["kernel"], g, **p["geometry"])
        scale = reference.input_grad(p["x"], abs(p["kernel"]), None if g is None else abs(g),
                                     **p["geometry"])
        assert_close(got, want, scale)


def test_mixed_magnitudes_do_not_cancel():
    """Sums of G = 1 windows stay exact where 1e6 and 1e-6 rows share the input: a
    difference of one long cumsum would lose the small windows' digits."""
    x = np.concatenate([np.full((50, 1), 1e6), np.random.RandomState(1).uniform(
        0, 1e-6, (50, 1))])
    w = np.ones((1, 1, 60))
    got = kernel_grad.calculate_kernel_grad(x, None, w, [0.0])
    want = reference.kernel_grad(x, w)
    assert_close(got, want, reference.kernel_grad(abs(x), w), rtol=1e-14)
    w_mixed = np.concatenate([np.full(50, 1e6), np.full(50, 1e-6)]).reshape(1, 1, 100)
    got = input_grad.calculate_conv_x_grad(np.zeros((120, 1)), None, w_mixed, [0.0])
    want = reference.input_grad(np.zeros((120, 1)), w_mixed)
    assert_close(got, want, reference.input_grad(np.zeros((120, 1)), abs(w_mixed)), rtol=1e-14)
