"""Forward and both gradients against PyTorch's conv1d and autograd, in float64, to 1e-10.

Skipped where torch is not installed; `make test-torch` installs it and runs this.
"""
import numpy as np
import pytest
from hypothesis import given, settings

from convkit.conv import apply_convolution, calculate_conv_x_grad, calculate_kernel_grad
from strategies import conv_problems

torch = pytest.importorskip("torch", reason="PyTorch is not installed (make test-torch)")


def torch_conv1d(p, upstream):
    """Y (OutLen x OutCh), dL/dkernel and dL/dx from torch, L = sum(G * Y) or sum(Y)."""
    x = torch.tensor(p["x"].T[None], dtype=torch.float64, requires_grad=True)  # (1, InCh, InLen)
    w = torch.tensor(p["kernel"], dtype=torch.float64, requires_grad=True)
    b = torch.tensor(p["bias"], dtype=torch.float64)
    y = torch.nn.functional.conv1d(x, w, b, **p["geometry"])  # (1, OutCh, OutLen)
    g = torch.tensor(p["g"].T[None]) if upstream else torch.ones_like(y)
    (y * g).sum().backward()
    return y[0].T.detach().numpy(), w.grad.numpy(), x.grad[0].T.numpy()


def assert_close(got, want):
    scale = np.abs(want).max() + 1e-300
    np.testing.assert_allclose(got, want, rtol=0, atol=1e-10 * scale)


@pytest.mark.slow  # make test-torch runs it; make test leaves it out even where torch is
@pytest.mark.filterwarnings("ignore:Using padding=.same. with even kernel")
@settings(max_examples=200)
@given(conv_problems())
def test_forward_and_gradients_match_torch(p):
    for upstream in (False, True):
        y, dkernel, dx = torch_conv1d(p, upstream)
        g = p["g"] if upstream else None
        assert_close(apply_convolution(p["x"], p["kernel"], p["bias"],
                                                **p["geometry"]), y)
        assert_close(calculate_kernel_grad(
            p["x"], y, p["kernel"], p["bias"], grad_output=g, **p["geometry"]), dkernel)
        assert_close(calculate_conv_x_grad(
            p["x"], y, p["kernel"], p["bias"], grad_output=g, **p["geometry"]), dx)
