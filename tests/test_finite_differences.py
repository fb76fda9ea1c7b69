"""Both gradients against central finite differences of the package's own forward pass.

L(x, kernel) = sum(G * conv1d(x, kernel)) is linear in each argument, so the central
difference with step h = 1 is exact up to rounding: no truncation error to allow for.
"""
import numpy as np
from hypothesis import given

from convkit.conv import apply_convolution, calculate_conv_x_grad, calculate_kernel_grad
from strategies import conv_problems, corner_examples


def loss(p, x, kernel):
    y = apply_convolution(x, kernel, p["bias"], **p["geometry"])
    return float((p["g"] * y).sum())


def central_differences(p, wrt):
    """dL/d(p[wrt]), one element at a time: (L(v + e_i) - L(v - e_i)) / 2."""
    grad = np.zeros_like(p[wrt])
    for index in np.ndindex(*grad.shape):
        up, down = p[wrt].copy(), p[wrt].copy()
        up[index] += 1.0
        down[index] -= 1.0
        args = {"x": p["x"], "kernel": p["kernel"]}
        grad[index] = (loss(p, **dict(args, **{wrt: up})) -
                       loss(p, **dict(args, **{wrt: down}))) / 2
    return grad


def rounding_scale(p):
    """The size of the loss's terms: rounding in L(v +- e) is a few ulps of this."""
    y = apply_convolution(abs(p["x"]) + 1, abs(p["kernel"]) + 1, abs(p["bias"]),
                                   **p["geometry"])
    return float((abs(p["g"]) * y).sum())


@given(conv_problems())
@corner_examples()
def test_kernel_grad_matches_differences(p):
    got = calculate_kernel_grad(p["x"], None, p["kernel"], p["bias"],
                                            grad_output=p["g"], **p["geometry"])
    want = central_differences(p, "kernel")
    assert np.abs(got - want).max() <= 1e-12 * rounding_scale(p)


@given(conv_problems())
@corner_examples()
def test_input_grad_matches_differences(p):
    got = calculate_conv_x_grad(p["x"], None, p["kernel"], p["bias"],
                                           grad_output=p["g"], **p["geometry"])
    want = central_differences(p, "x")
    assert np.abs(got - want).max() <= 1e-12 * rounding_scale(p)


@given(conv_problems(flags=False))
@corner_examples(flags=False)
def test_gradients_of_sum_match_differences(p):
    p = dict(p, g=np.ones_like(p["g"]))  # L = sum(Y); the explicit examples stay as they are
    got = calculate_kernel_grad(p["x"], None, p["kernel"], p["bias"])
    assert np.abs(got - central_differences(p, "kernel")).max() <= 1e-12 * rounding_scale(p)
    got = calculate_conv_x_grad(p["x"], None, p["kernel"], p["bias"])
    assert np.abs(got - central_differences(p, "x")).max() <= 1e-12 * rounding_scale(p)
