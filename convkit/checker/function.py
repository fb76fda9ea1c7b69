"""Run a learner's function, not a file, on many cases: in a forked worker, one case at a
time, as the course template would call it.

A Worker forks once from the calling process (a notebook's kernel, or any Python) and is
sent cases over a pipe; the function is already in the worker's memory, so it needs no
file and no pickling. For each case the worker builds the arguments as the template's
read_array gives them (TEMPLATES: np.array(ast.literal_eval(line)) of each line, an int
array for a line of integers; LayerInfo tuples of numpy ints for the receptive field),
calls the function and prints its value as the template's write_array does
(`print(repr(arr.tolist()))`, or `print(R)`), to its own stdout: a file, truncated before
each case, that the calling process reads once the worker answers. So the output is judged
as bytes, exactly as the file checker judges a file's output (compare.py), the function's
own prints included.

What the worker is, as `python FILE` is for a file: a session and process group of its
own, stdin /dev/null, stdout and stderr fresh text streams on its files, the size of every
file it writes capped at the case's output limit + 1 (a flood of output stops there and is
OLE), no core dumps, fresh random states. An exception is status 1 with the traceback from
the function's own frames on stderr; sys.exit(code) is the status a script would exit
with (a message goes to stderr, status 1); a failed flush of stdout status 120.

The worker lives on from case to case while the function returns or raises; it dies only
by itself (os._exit, a signal, a file-size limit) or when a case passes its time limit:
then its whole process group is killed with SIGKILL and reaped, and the next case forks a
new one. close() ends the worker the same way. The caller never waits for more than the
time limit, and nothing the function started outlives the Worker. Not the same as a file
run once per case, knowingly: state the function keeps between calls (a global cache, a
changed argument default) carries over from case to case within one worker.

POSIX only (os.fork). Standard library and numpy.
"""
import io
import os
import pickle
import select
import signal
import struct
import sys
import tempfile
import time
import traceback

from convkit.checker.isolate import exit_status

try:
    import resource
except ImportError:  # not on Windows
    resource = None

HEADER = struct.Struct("!I")
KILLED = 128  # the exit status a worker dies with when its own set-up fails
TIMED_OUT = object()  # what _receive gives past its deadline


class Template(object):
    """How the course template calls a task's function: arguments(case) -> the positional
    arguments, made from the case's input lines as the template reads them; write(value)
    prints the value to sys.stdout as the template does."""

    def __init__(self, arguments, write):
        self.arguments, self.write = arguments, write


def _arrays(names):
    def arguments(case):
        import numpy as np
        return [np.array(case[name]) for name in names]  # parse_array: no dtype, as the
    return arguments  # template's np.array(ast.literal_eval(s)): an int line is int


def _write_array(value):
    print(repr(value.tolist()))  # the template's write_array: a list has no tolist, RE


def _layers(case):
    import collections

    import numpy as np
    layer_info = collections.namedtuple("LayerInfo", ("kernel_size", "dilation"))
    kernels, dilations = np.array(case["kernel sizes"]), np.array(case["dilations"])
    return [[layer_info(k, d) for k, d in zip(kernels, dilations)]]


def _print(value):
    print(value)


TEMPLATES = {
    "convolve": Template(_arrays(("data", "kernel", "bias")), _write_array),
    "kernel_grad": Template(_arrays(("x", "y", "kernel", "bias")), _write_array),
    "input_grad": Template(_arrays(("x", "y", "kernel", "bias")), _write_array),
    "receptive_field": Template(_layers, _print),
}


# The course template's lines around the function, as a learner's file has them
# (tests/learners/): for check(function, grader=True), which runs the function's source as
# the file the grader would run.
SOURCE_HEAD = """import sys, ast, numpy as np


def parse_array(s):
    return np.array(ast.literal_eval(s))


def read_array():
    return parse_array(sys.stdin.readline())


def write_array(arr):
    print(repr(arr.tolist()))

"""
LAYER_INFO = """import collections

LayerInfo = collections.namedtuple('LayerInfo', ('kernel_size', 'dilation'))

"""
SOURCE_TAIL = {
    "convolve": ("data = read_array()\nkernel = read_array()\nbias = read_array()\n\n"
                 "result = apply_convolution(data, kernel, bias)\n\nwrite_array(result)\n"),
    "kernel_grad": ("x = read_array()\ny = read_array()\nkernel = read_array()\n"
                    "bias = read_array()\n\nresult = calculate_kernel_grad(x, y, kernel, bias)"
                    "\n\nwrite_array(result)\n"),
    "input_grad": ("x = read_array()\ny = read_array()\nkernel = read_array()\n"
                   "bias = read_array()\n\nresult = calculate_conv_x_grad(x, y, kernel, bias)"
                   "\n\nwrite_array(result)\n"),
    "receptive_field": ("kernels = read_array()\ndilations = read_array()\n\n"
                        "layers = [LayerInfo(k, d) for k, d in zip(kernels, dilations)]\n\n"
                        "result = calculate_receptive_field(layers)\nprint(result)\n"),
}


def as_file(task, source, name):
    """The text of the file the grader would run: the template's lines around the
    function's source (the function named name; bound to the task's name if it differs)."""
    head = SOURCE_HEAD + (LAYER_INFO if task.name == "receptive_field" else "")
    alias = "" if name == task.function else "{} = {}\n\n".format(task.function, name)
    return "{}\n{}\n\n{}{}".format(head, source.rstrip("\n"), alias, SOURCE_TAIL[task.name])


class Run(object):
    """What the function did on one case: as isolate.Result says it of a file (status or
    signal, timed out, seconds), with the output's bytes (at most limit + 1 of them), its
    full size, and stderr's file (isolate.tail reads its end) and size."""

    def __init__(self):
        self.status = None
        self.signal = None
        self.timed_out = False
        self.error = None
        self.seconds = 0.0
        self.got = b""
        self.stdout_size = 0
        self.stderr = None  # the path of stderr's file
        self.stderr_size = 0
        self.survivors = []

    @property
    def signal_name(self):
        try:
            return signal.Signals(self.signal).name
        except ValueError:
            return "signal {}".format(self.signal)


class Worker(object):
    """The function run on cases in a forked worker (see the module's docstring)."""

    def __init__(self, function, template, timeout):
        self.function, self.template, self.timeout = function, template, timeout
        self.out = tempfile.TemporaryFile(prefix="convkit-out-")
        self.err = tempfile.NamedTemporaryFile(prefix="convkit-err-")  # isolate.tail reads it
        self.pid = None
        self.requests = self.answers = None
        self.forks = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def run(self, case, limit):
        """The Run of the function on one case (a dict of input lines), its output capped
        at limit + 1 bytes."""
        if self.pid is None:
            self._fork()
        run = Run()
        start = time.monotonic()
        try:
            _send(self.requests, (case, limit))
            answer = _receive(self.answers, start + self.timeout)
        except OSError:  # the worker is gone (EPIPE): its status says how
            answer = None
        run.seconds = time.monotonic() - start
        if answer is TIMED_OUT:
            run.timed_out = True
            self._end()
        elif answer is None:  # the worker died: os._exit, a signal, a file too large
            status = self._end()
            if os.WIFSIGNALED(status):
                run.signal = os.WTERMSIG(status)
            else:
                run.status = os.WEXITSTATUS(status)
        else:
            run.status = answer
        run.stdout_size = os.fstat(self.out.fileno()).st_size
        run.got = os.pread(self.out.fileno(), limit + 1, 0)
        run.stderr_size = os.fstat(self.err.fileno()).st_size
        run.stderr = self.err.name
        return run

    def close(self):
        """End the worker, and every process it started; close the files."""
        if self.pid is not None:
            self._end()
        for f in (self.out, self.err):
            f.close()

    def _fork(self):
        request_read, request_write = os.pipe()
        answer_read, answer_write = os.pipe()
        for f in (self.out, self.err):
            f.flush()
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            try:
                os.close(request_write)
                os.close(answer_read)
                _serve(self.function, self.template, request_read, answer_write,
                       self.out.fileno(), self.err.fileno())
            finally:
                os._exit(KILLED)
        os.close(request_read)
        os.close(answer_write)
        self.pid, self.requests, self.answers = pid, request_write, answer_read
        self.forks += 1

    def _end(self):
        """Kill the worker's process group (it is its leader) and reap the worker; its
        wait status."""
        pid, self.pid = self.pid, None
        for fd in (self.requests, self.answers):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:  # gone already, group and all
            pass
        while True:
            try:
                return os.waitpid(pid, 0)[1]
            except InterruptedError:
                continue
            except ChildProcessError:  # reaped elsewhere (a SIGCHLD handler that waits)
                return 0


def _send(fd, value):
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    data = HEADER.pack(len(data)) + data
    while data:
        data = data[os.write(fd, data):]


def _receive(fd, deadline=None):
    """The next value sent on fd; None at the end of the pipe; TIMED_OUT past the
    deadline."""
    header = _read(fd, HEADER.size, deadline)
    if header is None or header is TIMED_OUT:
        return header
    body = _read(fd, HEADER.unpack(header)[0], deadline)
    if body is None or body is TIMED_OUT:
        return body
    return pickle.loads(body)


def _read(fd, size, deadline):
    data = b""
    while len(data) < size:
        if deadline is not None:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                if time.monotonic() >= deadline:
                    return TIMED_OUT
                continue
        piece = os.read(fd, size - len(data))
        if not piece:
            return None
        data += piece
    return data


# ---- in the worker

def _serve(function, template, requests, answers, out, err):
    """The worker's loop: one case a request, until the pipe ends."""
    os.setsid()
    try:
        signal.set_wakeup_fd(-1)  # the kernel's event loop's: not the worker's business
    except ValueError:  # not the main thread: there was none
        pass
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
        signal.signal(signum, signal.SIG_DFL)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(out, 1)
    os.dup2(err, 2)
    encoding = "utf-8"
    sys.stdin = sys.__stdin__ = io.TextIOWrapper(io.FileIO(0, "r", closefd=False),
                                                 encoding=encoding)
    if resource is not None:
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    _reseed()
    while True:
        request = _receive(requests)
        if request is None:
            os._exit(0)
        case, limit = request
        for fd in (1, 2):
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
        if resource is not None:
            hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
            soft = limit + 1 if hard == resource.RLIM_INFINITY else min(limit + 1, hard)
            resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        sys.stdout = sys.__stdout__ = _stream(1, encoding, line_buffering=False)
        sys.stderr = sys.__stderr__ = _stream(2, encoding, line_buffering=True)
        _send(answers, _call(function, template, case))


def _call(function, template, case):
    """Call the function on the case and print its value, as the template would; the exit
    status a script doing so would have."""
    try:
        template.write(function(*template.arguments(case)))
        status = 0
    except SystemExit as exit:
        status = exit_status(exit.code)
    except BaseException as error:
        _print_exception(error)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.closed:
                stream.flush()
        except BaseException:
            status = 120  # what Python exits with when it cannot flush stdout at exit
    return status


def _print_exception(error):
    """The traceback as Python prints it for a script, from the function's frames on (this
    module's own frames left out)."""
    tb = error.__traceback__
    here = os.path.realpath(__file__)
    while tb is not None and os.path.realpath(tb.tb_frame.f_code.co_filename) == here:
        tb = tb.tb_next
    try:
        sys.stderr.write("".join(traceback.format_exception(type(error), error, tb)))
        sys.stderr.flush()
    except BaseException:
        pass


def _stream(fd, encoding, line_buffering):
    return io.TextIOWrapper(io.FileIO(fd, "w", closefd=False), encoding=encoding,
                            errors="strict" if fd == 1 else "backslashreplace",
                            newline="\n", line_buffering=line_buffering)


def _reseed():
    """Fresh random states, as a new process has, not the caller's."""
    for name in ("random", "numpy.random"):
        module = sys.modules.get(name)
        if module is not None:
            module.seed()
