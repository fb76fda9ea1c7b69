"""Run one command on one stdin file, in isolation, and say what happened.

run() starts the command in a session (and process group) of its own, with its stdout and
stderr in fresh files, a cap on the size of every file it writes (RLIMIT_FSIZE, so the
cap stops it where it is) and no core dumps; it times the command itself and kills it
when the time is up. When the command ends, so does every process it left behind: on
Linux this process is made a child subreaper (prctl PR_SET_CHILD_SUBREAPER), so that
descendants that double-fork or call setsid are reparented to it rather than to init,
and run() kills and reaps every descendant that was not already there before it started.
Elsewhere it kills the command's process group, which a setsid'd descendant escapes.

Standard library only, Python 3.6+. Not thread-safe: it forks with a preexec_fn.
"""
import errno
import os
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time

try:
    import resource
except ImportError:  # not on Windows
    resource = None

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                    "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS")  # a case's BLAS: 1 thread
PR_SET_CHILD_SUBREAPER = 36  # from <linux/prctl.h>
PR_SET_DUMPABLE = 4
PR_SET_PDEATHSIG = 1
CLEANUP_SECONDS = 5.0  # how long to keep killing a case's processes before giving up

_subreaper = None


def learner_env():
    """The environment a learner's file runs in: this one without PYTHONPATH, which
    run_tests.sh sets to the project for the package's own runs; the grader has no such
    path, and a file must not find convkit through it."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return env


def exit_status(code):
    """The exit status of sys.exit(code) in a script (a message goes to stderr, status 1)."""
    if code is None:
        return 0
    if isinstance(code, int) and not isinstance(code, bool):
        return code & 0xFF
    try:
        sys.stderr.write(str(code) + "\n")
    except BaseException:
        pass
    return 1


def die_with_parent():
    """A preexec_fn: SIGKILL this process when the thread that started it ends (Linux)."""
    if sys.platform.startswith("linux"):
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def become_subreaper():
    """Make this process the child subreaper of its descendants (Linux 3.4+): orphans
    below it are reparented to it, not to init. True if it is one."""
    global _subreaper
    if _subreaper is None:
        _subreaper = False
        if sys.platform.startswith("linux"):
            try:
                import ctypes
                libc = ctypes.CDLL(None, use_errno=True)
                _subreaper = libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0
                # Not dumpable: a case run by the same (non-root) user cannot open this
                # process's /proc/PID/fd/1 and write lines of its own into the report.
                libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)
            except (OSError, AttributeError):
                pass
    return _subreaper


class Result(object):
    """What happened to one run.

    status     the exit status, or None if it was killed by a signal or never started
    signal     the number of the signal that killed it, or None
    timed_out  True if it was killed because its time was up (then signal is SIGKILL)
    seconds    wall-clock seconds from start to exit, measured here
    stdout, stderr            paths of the files that hold what it wrote
    stdout_size, stderr_size  their sizes in bytes
    truncated  True if stdout or stderr reached the cap (it was stopped there)
    error      why it could not be started (then status and signal are None), or None
    survivors  pids of its processes that could not be killed (normally empty)
    """

    def __init__(self, **fields):
        self.status = self.signal = self.error = None
        self.timed_out = self.truncated = False
        self.seconds = 0.0
        self.stdout = self.stderr = None
        self.stdout_size = self.stderr_size = 0
        self.survivors = []
        self.fds = ()
        for name, value in fields.items():
            setattr(self, name, value)

    @classmethod
    def with_files(cls, workdir):
        """A Result with fresh stdout and stderr files in workdir, open (fds) for a run."""
        out_fd, out_path = tempfile.mkstemp(prefix="stdout-", dir=workdir)
        err_fd, err_path = tempfile.mkstemp(prefix="stderr-", dir=workdir)
        result = cls(stdout=out_path, stderr=err_path)
        result.fds = (out_fd, err_fd)
        return result

    def measure_output(self, limit):
        """Set the output sizes from the open files, and whether either reached limit."""
        self.stdout_size, self.stderr_size = (os.fstat(fd).st_size for fd in self.fds)
        self.truncated = max(self.stdout_size, self.stderr_size) > limit

    def close_files(self):
        """Close the output files' fds (the files stay, for the caller to read)."""
        for fd in self.fds:
            os.close(fd)
        self.fds = ()

    @property
    def signal_name(self):
        """'SIGKILL' for signal 9, 'signal 40' for a signal without a name here."""
        if self.signal is None:
            return None
        try:
            return signal.Signals(self.signal).name
        except ValueError:
            return "signal {}".format(self.signal)

    def __repr__(self):
        return "Result({})".format(", ".join(
            "{}={!r}".format(name, value) for name, value in sorted(vars(self).items())))


def run(argv, stdin_path, timeout, output_limit, workdir, cwd=None, env=None):
    """Run argv with stdin from stdin_path, stdout and stderr into new files in workdir.

    timeout       seconds (> 0) before it is killed, with all its processes
    output_limit  the most bytes it may write to any one file; writing more fails there
                  (and is reported as truncated)
    Returns a Result. After it returns, no process that the command started is alive.
    """
    if not timeout > 0:
        raise ValueError("timeout must be > 0, got {!r}".format(timeout))
    become_subreaper()
    before = set(_children(os.getpid()))
    result = Result.with_files(workdir)
    out_fd, err_fd = result.fds
    try:
        with open(stdin_path, "rb") as stdin:
            start = time.monotonic()
            try:
                process = subprocess.Popen(
                    argv, stdin=stdin, stdout=out_fd, stderr=err_fd, cwd=cwd, env=env,
                    start_new_session=True, close_fds=True,
                    preexec_fn=_limits(output_limit + 1))
            except (OSError, subprocess.SubprocessError) as err:
                result.error = "cannot run {}: {}".format(
                    argv[0], getattr(err, "strerror", None) or err)
                return result
            ended = []
            waiter = threading.Thread(target=_wait, args=(process, ended))
            waiter.daemon = True
            try:
                waiter.start()
                waiter.join(min(timeout, threading.TIMEOUT_MAX))
                if waiter.is_alive():
                    result.timed_out = True
                    _kill_group(process.pid)
                    process.kill()
                    waiter.join()
            finally:  # also on KeyboardInterrupt: nothing of the case outlives it
                if waiter.is_alive() or not ended:
                    _kill_group(process.pid)
                    process.kill()
                    process.wait()
                result.survivors = _kill_all(process.pid, before)
        result.seconds = (ended[0] if ended else time.monotonic()) - start
        code = process.returncode
        if code is not None and code < 0:
            result.signal = -code
        else:
            result.status = code
        result.measure_output(output_limit)
        return result
    finally:
        result.close_files()


def _wait(process, ended):
    process.wait()
    ended.append(time.monotonic())


def _limits(file_size):
    """A preexec_fn: cap the size of the files the command writes, and no core dumps."""
    def set_limits():
        if resource is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_size, file_size))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    return set_limits


def _kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except OSError:
        pass


def _processes():
    """{pid: (parent pid, state)} from /proc, or None where there is no /proc."""
    try:
        names = os.listdir("/proc")
    except OSError:
        return None
    table = {}
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open("/proc/{}/stat".format(name), "rb") as f:
                stat = f.read()
        except OSError:  # gone meanwhile
            continue
        fields = stat[stat.rfind(b")") + 2:].split()  # after "pid (command) "
        table[int(name)] = (int(fields[1]), fields[0])
    return table


def _children(pid):
    table = _processes() or {}
    return [child for child, (parent, _) in table.items() if parent == pid]


def _descendants(table, root, skip):
    """(pid, parent pid, state) of the processes below root, not below the pids in skip."""
    below = {}
    for pid, (parent, state) in table.items():
        below.setdefault(parent, []).append((pid, state))
    found = []
    todo = [root]
    while todo:
        parent = todo.pop()
        for pid, state in below.get(parent, ()):
            if pid not in skip:
                found.append((pid, parent, state))
                todo.append(pid)
    return found


def kill_descendants():
    """Kill every process below this one (the checker's, as it exits)."""
    return _kill_all(None, set())


def _kill_all(pgid, before):
    """Kill the process group pgid (if not None) and every descendant of this process but
    those under the pids in before; reap the ones that became our children. The pids that
    survived CLEANUP_SECONDS of this (normally none)."""
    me = os.getpid()
    deadline = time.monotonic() + CLEANUP_SECONDS
    while True:
        if pgid is not None:
            _kill_group(pgid)
        table = _processes()
        if table is None:  # no /proc: the process group is all we can reach
            return []
        left = _descendants(table, me, before)
        if not left:
            return []
        for pid, parent, state in left:
            if state != b"Z":
                try:
                    os.kill(pid, signal.SIGKILL)
                except OSError:
                    pass
            if parent == me:
                try:
                    os.waitpid(pid, os.WNOHANG)
                except OSError:
                    pass
        if time.monotonic() > deadline:
            return sorted(pid for pid, _, state in left if state != b"Z")
        time.sleep(0.002)


def open_output(path):
    """A run's output file, opened to read (binary): never through a link, never a FIFO or
    device (a case that could reach the folder might have put one there); OSError then."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(errno.EINVAL, "not a regular file", path)
    return os.fdopen(fd, "rb")


def tail(path, lines=5, max_bytes=4096):
    """The last lines of a file, as text with control characters made visible."""
    with open_output(path) as f:
        f.seek(0, os.SEEK_END)
        size = f.tell()
        f.seek(max(0, size - max_bytes))
        data = f.read()
    text = data.decode("utf-8", "replace").replace("\r\n", "\n")
    every = text.rstrip("\n").split("\n")
    start = max(0, len(every) - lines)
    while 0 < start and len(every) - start < lines + 3 and every[start][:1] == " " and \
            not every[start].lstrip().startswith("File "):
        start -= 1  # the source line and the frame it is in, not a lone line of ^^^^
    kept = every[start:]
    return "\n".join("".join(ch if ch == "\t" or ch.isprintable() else
                             "\\x{:02x}".format(ord(ch)) if ord(ch) < 256 else "?"
                             for ch in line) for line in kept)
