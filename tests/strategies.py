"""Random conv problems for property tests: shapes, flags, magnitudes 1e-6 .. 1e6."""
import numpy as np
from hypothesis import strategies as st

import reference


@st.composite
def conv_problems(draw, flags=True):
    """A dict with x, kernel, bias, g (upstream gradient) and geometry (stride, padding,
    dilation); without flags the geometry is the graded one (1, 0, 1)."""
    in_ch = draw(st.integers(1, 4))
    out_ch = draw(st.integers(1, 4))
    size = draw(st.integers(1, 6))
    stride = draw(st.integers(1, 3)) if flags else 1
    dilation = draw(st.integers(1, 3)) if flags else 1
    choices = [0, 1, 2, 3, "valid"] + (["same"] if stride == 1 else [])
    padding = draw(st.sampled_from(choices)) if flags else 0
    left, right = reference.padding_amounts(0, size, stride, padding, dilation)
    span = dilation * (size - 1) + 1
    in_len = draw(st.integers(max(1, span - left - right), span + 12))
    rng = np.random.RandomState(draw(st.integers(0, 2 ** 32 - 1)))
    scale = 10.0 ** draw(st.integers(-6, 6))
    integers = draw(st.booleans())

    def values(*shape):
        if integers:
            return rng.randint(-9, 10, shape).astype(float)
        return rng.uniform(-1, 1, shape) * scale

    out_len = reference.out_length(in_len, size, stride, padding, dilation)
    return dict(x=values(in_len, in_ch), kernel=values(out_ch, in_ch, size),
                bias=values(out_ch), g=values(out_len, out_ch),
                geometry=dict(stride=stride, padding=padding, dilation=dilation))
