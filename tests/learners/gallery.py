"""The gallery of learner solutions: one entry per file under tests/learners/.

Each file is what a learner of the course pastes into the grader: the course template
(parse_array / read_array / write_array), the graded function, and top-level code that reads
stdin and prints the answer. Some are correct in several styles; each of the others has
exactly one plausible mistake. tests/test_learner_gallery.py checks that every file does what
its entry says; the checker's own tests can use the entries as known answers.

Fields of an entry (a dict):

  path        the file, relative to tests/learners/ ("convolve/flipped_kernel.py")
  task        the exercise: "convolve", "kernel_grad", "input_grad" or "receptive_field"
  correct     True if the file prints the right answer, as a float where the right answer
              is one, for every valid input (InLen = KernelSize = 1 with one channel
              upward), both here (today's Python and numpy) and on the grader (Python 3.6,
              numpy 1.14.1); False otherwise
  mistake     None for a correct file; otherwise its one mistake, an id from MISTAKES
  fails       where it gives a wrong answer or an error: None (nowhere: a correct file),
              "here" (on today's Python and numpy as well as on the grader's), or
              "grader-only" (right here, wrong on Python 3.6 + numpy 1.14.1 only)
  min_in_len  for "long-input-only": the shortest InLen that shows the mistake (at
              KernelSize 1; shorter inputs all get the right answer); None for the others
  notes       what the file does, in one or two sentences; for "grader-only" also what it
              printed on the grader's Python 3.6.15 + numpy 1.14.1 (.venv-grader, made by
              `make test-grader`)
  grader_error  for "grader-only": the last line it writes to stderr there (its exit
              status is 1 and stdout is empty); None for the others
"""

TASKS = ("convolve", "kernel_grad", "input_grad", "receptive_field")
FAILS = (None, "here", "grader-only")
MISTAKES = (
    "flipped-kernel",       # a true convolution: the kernel flipped (np.convolve not undone)
    "bias-missing",         # no + bias
    "out-len-short",        # OutLen = InLen - K: one output row too few
    "out-len-long",         # OutLen = InLen - K + 2 (the lesson's slip): an extra last row
    "transposed",           # OutChannels x OutLen instead of OutLen x OutChannels
    "kernel-axes-swapped",  # reads the kernel as InChannels x OutChannels x KernelSize
    "integer-output",       # accumulates into an integer array when an input line is integer
    "stale-samples",        # the notebook's SAMPLES/READER patch of stdin left in
    "mean-not-sum",         # the gradient of the mean of Y instead of its sum
    "wrong-shape",          # a gradient of the wrong shape
    "y-as-upstream",        # the gradient with dL/dY = y's values instead of 1
    "channel-missing",      # a gradient that leaves out the last output channel
    "im2col-order",         # windows flattened (K, InCh) against a kernel flattened (InCh, K)
    "kernel-size-axis",     # KernelSize from the kernel's InChannels axis (kernel.shape[1])
    "nothing-printed",      # only the function: no reading of stdin, no printing
    "numpy-print",          # print(array): numpy's own form, no commas
    "extra-text",           # the answer with a word printed before it
    "few-digits",           # float32 arithmetic: right to about 7 digits only
    "no-dilation",          # the receptive field without the dilations
    "off-by-one",           # the receptive field one short: the first input not counted
    "float-for-integer",    # the receptive field printed as a float
    "even-kernel",          # the receptive field right for odd kernel sizes only
    "long-input-only",      # wrong only past some input length
    "numpy-too-new",        # needs numpy >= 1.20 (the grader has 1.14.1)
    "python-too-new",       # needs Python >= 3.8 (the grader has 3.6)
)


def _entry(path, mistake=None, fails=None, notes="", min_in_len=None, grader_error=None):
    return dict(path=path, task=path.split("/")[0], correct=mistake is None, mistake=mistake,
                fails=fails, min_in_len=min_in_len, notes=notes, grader_error=grader_error)


GALLERY = [
    # ---- convolve: apply_convolution(data, kernel, bias) -> OutLen x OutChannels
    _entry("convolve/loops.py", notes="Four nested loops into a float np.zeros array."),
    _entry("convolve/windows_tensordot.py",
           notes="The lesson's index matrix arange(K)[None] + arange(OutLen)[:, None] picks the"
                 " windows; tensordot with kernel.T; astype(float) for integer lines."),
    _entry("convolve/einsum.py",
           notes="Windows stacked from K shifted slices, np.einsum('pkc,ock->po')."),
    _entry("convolve/np_convolve.py",
           notes="np.convolve per (oc, ic) in mode 'valid', the kernel flipped back with [::-1]."),
    _entry("convolve/flipped_kernel.py", "flipped-kernel", "here",
           "np.convolve per (oc, ic) without flipping the kernel back: a true convolution."),
    _entry("convolve/out_len_short.py", "out-len-short", "here",
           "OutLen = len(data) - K: the last output row is missing (none at all when"
           " InLen == K)."),
    _entry("convolve/out_len_long.py", "out-len-long", "here",
           "OutLen from the lesson's formula, InLen - K + 2; the window that does not fit is"
           " skipped, so the extra last row is the bias alone."),
    _entry("convolve/bias_missing.py", "bias-missing", "here",
           "The windows-and-tensordot solution without + bias."),
    _entry("convolve/transposed.py", "transposed", "here",
           "Channels first, as PyTorch lays them out: prints OutChannels x OutLen."),
    _entry("convolve/kernel_axes_swapped.py", "kernel-axes-swapped", "here",
           "Unpacks kernel.shape as InChannels x OutChannels x K and reads kernel[ic, oc, k]:"
           " IndexError unless InChannels == OutChannels, and then the kernel's first two axes"
           " are swapped."),
    _entry("convolve/long_input_only.py", "long-input-only", "here",
           "Fills a 50-row np.zeros buffer and returns its first OutLen rows: IndexError"
           " ('index 50 is out of bounds for axis 0 with size 50') once OutLen > 50, that is"
           " InLen >= 50 + KernelSize.", min_in_len=51),
    _entry("convolve/stale_samples.py", "stale-samples", "here",
           "A correct solution with the notebook's SAMPLES/READER cell left in: it reads the"
           " lesson's sample and prints its 12 x 3 answer whatever comes on stdin."),
    _entry("convolve/numpy_print.py", "numpy-print", "here",
           "The loops, then print(result) in place of write_array(result): numpy's own form,"
           " rows on lines of their own and no commas, which the template's parse cannot read"
           " back."),
    _entry("convolve/extra_text.py", "extra-text", "here",
           "The loops, with 'Ответ: ' printed on the answer's line before it."),
    _entry("convolve/float32.py", "few-digits", "here",
           "Index-matrix windows and tensordot in float32 to halve the memory: right to about"
           " 7 significant digits, far from the float64 sums' 1e-9."),
    _entry("convolve/numpy_too_new.py", "numpy-too-new", "grader-only",
           "Windows from np.lib.stride_tricks.sliding_window_view (numpy >= 1.20), then"
           " tensordot. On .venv-grader/bin/python (3.6.15, numpy 1.14.1): exit status 1,"
           " nothing on stdout, a traceback ending in the line in grader_error.",
           grader_error="AttributeError: module 'numpy.lib.stride_tricks' has no attribute"
                        " 'sliding_window_view'"),

    # ---- kernel_grad: calculate_kernel_grad(x, y, kernel, bias) -> OutCh x InCh x K
    _entry("kernel_grad/loops.py",
           notes="Four nested loops: grad[oc, ic, k] += x[p + k, ic]."),
    _entry("kernel_grad/windows_tensordot.py",
           notes="Index-matrix windows; tensordot of ones(y.shape) with them over the"
                 " positions, then transpose(0, 2, 1)."),
    _entry("kernel_grad/einsum.py",
           notes="np.einsum('po,pkc->ock') of an all-ones upstream gradient and the windows."),
    _entry("kernel_grad/np_convolve.py",
           notes="np.convolve(x[:, ic], ones[::-1], 'valid') per (oc, ic): the correlation of"
                 " the input with the upstream gradient, flipped back."),
    _entry("kernel_grad/mean_not_sum.py", "mean-not-sum", "here",
           "The lesson's windows summed with np.mean over the positions: the answer divided by"
           " OutLen."),
    _entry("kernel_grad/wrong_shape.py", "wrong-shape", "here",
           "Loops without the output-channel index: InChannels x KernelSize, the gradient"
           " summed over OutChannels."),
    _entry("kernel_grad/integer_output.py", "integer-output", "here",
           "The loops into np.zeros_like(kernel): an integer kernel line makes an integer"
           " gradient, and float inputs added into it are truncated (an all-integer input"
           " gets the right numbers, printed as integers)."),

    _entry("kernel_grad/channel_missing.py", "channel-missing", "here",
           "The loops over range(out_ch - 1): dK of the last output channel stays 0 (all of"
           " dK with one output channel)."),
    _entry("kernel_grad/y_as_upstream.py", "y-as-upstream", "here",
           "The loops with grad[oc, ic, k] += y[p, oc] * x[p + k, ic]: y's values taken for"
           " dL/dY, where the exercise's loss sum(Y) has dL/dY = 1."),

    # ---- input_grad: calculate_conv_x_grad(x, y, kernel, bias) -> InLen x InCh
    _entry("input_grad/loops.py",
           notes="The lesson's loop: result[pos + k][ic] += kernel[oc][ic][k] into"
                 " np.zeros(x.shape)."),
    _entry("input_grad/windows_add_at.py",
           notes="Index-matrix windows; np.add.at scatters the kernel summed over OutChannels"
                 " onto the rows each window covers."),
    _entry("input_grad/einsum.py",
           notes="A one-hot 'which input row under which tap' tensor from np.eye, then"
                 " np.einsum('pkj,po,ock->jc')."),
    _entry("input_grad/np_convolve.py",
           notes="np.convolve(ones, kernel[oc, ic], 'full') per (oc, ic): the backward pass of a"
                 " correlation is a full convolution, no flip."),
    _entry("input_grad/mean_not_sum.py", "mean-not-sum", "here",
           "The np.convolve solution with the upstream gradient ones / y.size: the gradient of"
           " the mean, the answer divided by OutLen * OutChannels."),
    _entry("input_grad/integer_output.py", "integer-output", "here",
           "The lesson's loop into np.zeros_like(x): an integer x line makes an integer"
           " gradient, and float kernel taps added into it are truncated (an all-integer input"
           " gets the right numbers, printed as integers)."),
    _entry("input_grad/channel_missing.py", "channel-missing", "here",
           "The lesson's loop over range(out_ch - 1): the taps of the last output channel are"
           " never added (dX is 0 with one output channel)."),
    _entry("input_grad/flipped_kernel.py", "flipped-kernel", "here",
           "The np.convolve solution with the kernel flipped ([::-1]) where no flip belongs:"
           " the gradient of a true convolution."),

    # ---- receptive_field: calculate_receptive_field(layers) -> int
    _entry("receptive_field/loop.py",
           notes="The lesson's loop: receptive_field += (kernel_size - 1) * dilation."),
    _entry("receptive_field/numpy_sum.py",
           notes="1 + np.sum((k - 1) * d) over arrays of the fields, as an int."),
    _entry("receptive_field/no_dilation.py", "no-dilation", "here",
           "Adds kernel_size - 1 per layer, ignoring the dilation."),
    _entry("receptive_field/stale_samples.py", "stale-samples", "here",
           "The lesson's loop with the notebook's SAMPLES/READER cell left in: always 49."),
    _entry("receptive_field/off_by_one.py", "off-by-one", "here",
           "The loop from 0, not 1: counts what each layer adds, not the output's own input."),
    _entry("receptive_field/float_output.py", "float-for-integer", "here",
           "numpy arrays of sizes and dilations, the sum times 1.0: prints 49.0 for 49."),
    _entry("receptive_field/python_too_new.py", "python-too-new", "grader-only",
           "A running sum with the walrus operator in a list comprehension (Python >= 3.8)."
           " On .venv-grader/bin/python (3.6.15, numpy 1.14.1): exit status 1, nothing on"
           " stdout, 'SyntaxError: invalid syntax' pointing at ':=' on line 22.",
           grader_error="SyntaxError: invalid syntax"),

    # ---- static check rules (issue 17, item 3): one file failing each rule, one passing
    _entry("convolve/pad_without_mode.py", "numpy-too-new", "grader-only",
           "Pads the input with K - 1 zero rows at the end, np.pad(data, ((0, K - 1), (0, 0)))"
           " without mode (constant by default since numpy 1.17), then index-matrix windows"
           " and tensordot. On .venv-grader/bin/python (3.6.15, numpy 1.14.1), where mode is"
           " required: exit status 1, nothing on stdout, the line in grader_error.",
           grader_error="TypeError: pad() missing 1 required positional argument: 'mode'"),
    _entry("convolve/pad_with_mode.py",
           notes="The same padding with mode='constant' given: right on numpy 1.14.1 too."),
    _entry("convolve/flip_without_axis.py", "numpy-too-new", "grader-only",
           "np.convolve per (oc, ic) with the kernel flipped back by np.flip(kernel[oc, ic])"
           " without axis (optional since numpy 1.15). On .venv-grader/bin/python (3.6.15,"
           " numpy 1.14.1): exit status 1, nothing on stdout, the line in grader_error.",
           grader_error="TypeError: flip() missing 1 required positional argument: 'axis'"),
    _entry("convolve/flip_with_axis.py",
           notes="The same with np.flip(kernel[oc, ic], 0): right on numpy 1.14.1 too."),
    _entry("convolve/try_fallback_binds.py",
           notes="sliding_window_view imported in a try:, its except ImportError defining a"
                 " sliding_window_view of its own with as_strided: the grader runs the"
                 " fallback, so the static check must not count the import."),
    _entry("convolve/try_fallback_gives_up.py", "numpy-too-new", "grader-only",
           "sliding_window_view imported in a try: whose except ImportError only gives up,"
           " sys.exit('sliding_window_view needs numpy >= 1.20'). On .venv-grader/bin/python"
           " (3.6.15, numpy 1.14.1): exit status 1, nothing on stdout, the message on stderr.",
           grader_error="sliding_window_view needs numpy >= 1.20"),
    _entry("receptive_field/sum_initial.py", "numpy-too-new", "grader-only",
           "((k - 1) * d).sum(initial=1): the array method's keyword initial is numpy >= 1.15."
           " On .venv-grader/bin/python (3.6.15, numpy 1.14.1): exit status 1, nothing on"
           " stdout, the line in grader_error.",
           grader_error="TypeError: _sum() got an unexpected keyword argument 'initial'"),
    _entry("receptive_field/sum_axis.py",
           notes="((k - 1) * d).sum(axis=0) + 1: a keyword ndarray.sum has in numpy 1.14.1."),
    _entry("receptive_field/positional_only.py", "python-too-new", "grader-only",
           "A helper with positional-only parameters, def layer_growth(kernel_size, dilation,"
           " /) (Python >= 3.8). On .venv-grader/bin/python (3.6.15, numpy 1.14.1): exit"
           " status 1, nothing on stdout, 'SyntaxError: invalid syntax' pointing at '/' on"
           " line 22.",
           grader_error="SyntaxError: invalid syntax"),
    _entry("receptive_field/typing_annotations.py",
           notes="Annotated with typing's List[LayerInfo] and int, which Python 3.6 evaluates"
                 " when the def runs, and can: list[LayerInfo] could not."),
    _entry("convolve/fstring_debug.py", "python-too-new", "grader-only",
           "The loops with a debugging print(f\"{out_len=}\", file=sys.stderr) (Python >= 3.8)."
           " On .venv-grader/bin/python (3.6.15, numpy 1.14.1): exit status 1, nothing on"
           " stdout, a SyntaxError that Python 3.6 places in '<fstring>', line 1; the"
           " checker places it at line 26.",
           grader_error="SyntaxError: invalid syntax"),
    _entry("receptive_field/match_statement.py", "python-too-new", "grader-only",
           "The lesson's loop reading each layer with a match statement (Python >= 3.10). On"
           " .venv-grader/bin/python (3.6.15, numpy 1.14.1): exit status 1, nothing on"
           " stdout, 'SyntaxError: invalid syntax' at line 28.",
           grader_error="SyntaxError: invalid syntax"),
    _entry("receptive_field/list_annotation.py", "python-too-new", "grader-only",
           "typing_annotations.py with the built-in list[LayerInfo] (Python >= 3.9 at run"
           " time), which Python 3.6 evaluates when the def runs. On .venv-grader/bin/python"
           " (3.6.15, numpy 1.14.1): exit status 1, nothing on stdout, a traceback at line 24"
           " ending in the line in grader_error.",
           grader_error="TypeError: 'type' object is not subscriptable"),

    # ---- hints on evidence (issue 17, item 5): one file per hint
    _entry("convolve/im2col_order.py", "im2col-order", "here",
           "im2col: each window data[idx] (KernelSize x InChannels) flattened into a row, times"
           " kernel.reshape(OutChannels, -1), which is flattened InChannels x KernelSize: tap"
           " k of channel ic meets another weight (right when InChannels or KernelSize is 1)."),
    _entry("kernel_grad/im2col_order.py", "im2col-order", "here",
           "im2col: the windows' rows (KernelSize x InChannels, flattened) summed by ones.T @"
           " cols, then reshaped to kernel.shape, InChannels x KernelSize: the taps and"
           " channels mixed up (right when InChannels or KernelSize is 1)."),
    _entry("input_grad/im2col_order.py", "im2col-order", "here",
           "col2im: ones @ kernel.reshape(OutChannels, -1) (InChannels x KernelSize, flattened)"
           " added back into each window reshaped KernelSize x InChannels: the weights land on"
           " the wrong rows and channels (right when InChannels or KernelSize is 1)."),
    _entry("convolve/channel_missing.py", "channel-missing", "here",
           "The loops over range(OutChannels - 1): the last output channel's column stays 0."),
    _entry("convolve/kernel_size_axis.py", "kernel-size-axis", "here",
           "KernelSize = kernel.shape[1], which is InChannels: with fewer input channels than"
           " taps, too short windows and too many rows; IndexError with more; right when they"
           " are equal."),
    _entry("input_grad/kernel_size_axis.py", "kernel-size-axis", "here",
           "The lesson's loop with kernel_size = len(kernel[0]), which is InChannels: fewer"
           " taps over more windows with fewer input channels than taps; IndexError with more;"
           " right when they are equal."),
    _entry("convolve/only_function.py", "nothing-printed", "here",
           "Only the template's helpers and a correct apply_convolution, as a notebook cell"
           " would hold it: no line reads stdin or prints, so the program prints nothing."),

    # ---- classes of inputs (issue 17, item 1): files wrong on one class only
    _entry("receptive_field/even_kernel_wrong.py", "even-kernel", "here",
           "A centred kernel's arithmetic, rf += (k // 2) * 2 * d: right for every odd"
           " kernel size, one dilation too many per layer of even k (the coverage table's"
           " even kernels; the old strategy drew odd kernels only)."),
    _entry("convolve/centred_windows.py", "out-len-short", "here",
           "Windows around a centre, half = K // 2 rows each side, centres half .. InLen -"
           " half - 1: right for every odd KernelSize, one output row short for an even one"
           " (no rows at all when K = InLen is even)."),

]


def entries(task=None, correct=None, fails="any"):
    """The entries, optionally only one task's, only the correct (or incorrect) ones, or only
    those with the given `fails`."""
    return [entry for entry in GALLERY
            if (task is None or entry["task"] == task)
            and (correct is None or entry["correct"] == correct)
            and (fails == "any" or entry["fails"] == fails)]
