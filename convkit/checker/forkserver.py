"""Run a learner's file on many inputs fast: a server that imports numpy once and forks a
child per case, each isolated as isolate.py isolates a real process.

Starting Python and importing numpy costs ~100 ms, so one process per case caps a stress
run at ~10 cases a second. The server pays that once:

    PY convkit/checker/forkserver.py     (any Python from 3.6 up; standard library + numpy)

It sets OPENBLAS_NUM_THREADS=1 (and the other BLAS thread counts) before it imports numpy,
writes one JSON line, {"ready": true, "python": "3.6.15", "numpy": "1.14.1"} (or
{"ready": false, "error": "..."}), then reads one request per line on stdin and answers
each with one line on stdout:

    request   {"file": FILE, "stdin": PATH, "stdout": PATH, "stderr": PATH,
               "timeout": SECONDS, "limit": BYTES, "real": false, "compat": false}
    answer    {"status": 0, "signal": null, "timed_out": false, "seconds": 0.004,
               "survivors": []}            (or {"error": "why the case could not run"})

For each request it forks a child that, as `python FILE < PATH > PATH 2> PATH` would:
gets a session and process group of its own, RLIMIT_FSIZE = limit + 1 (writing past the
limit fails there) and no core dumps, fds 0/1/2 on the case's files and no other fd of the
server, fresh sys.stdin/stdout/stderr like Python's own (the server's encodings, newline
"\\n"), sys.argv = [FILE] and sys.path[0] = FILE's folder, and runs the file as `python FILE` does:
in a fresh __main__ module, from the code the server compiled once for all its cases
(runpy.run_path(FILE, run_name="__main__") where it does not compile, so that the child
raises the SyntaxError). SystemExit gives its code (a message goes to
stderr, status 1), an uncaught exception its traceback on stderr (from the file's own
frames on, without runpy's) and status 1, a failed flush of stdout status 120, all as
`python FILE` gives them; then os._exit. The server waits for the child up to the timeout
(SIGCHLD through a wakeup fd and select, no polling), kills its process group when the time
is up, and before answering kills and reaps everything the case left behind: on Linux the
server is a child subreaper (isolate.become_subreaper), so a descendant that double-forked
or called setsid is reparented to the server, found and killed (isolate._kill_all). A child
never runs past its case.

With "real": true the child, once its files, limits and session are set, execs
`python FILE` itself (the server's own interpreter): a real process, as the grader runs
one, under the server's care (time limit, clean-up). With "compat": true the file gets the
names numpy 2 removed and numpy 1.x's scalar print forms (compat/sitecustomize.py). Every
child dies with the server (PR_SET_PDEATHSIG), may gain no privileges and drops every
capability it has (in a user namespace it is root without any).

Run as `forkserver.py --scratch DIR --home DIR [--readonly DIR ...] [--hide PROJECT [--keep
DIR ...] --stage DIR]` as the first process of new user, PID and mount namespaces (`unshare
--map-root-user --pid --fork --mount --mount-proc`, sandbox.py), it first makes every
mount read-only but the run's scratch folder (and in it the --readonly folders too: its
own files, the learner's file), and mounts an empty read-only tmpfs over PROJECT, with each
--keep folder under it (the interpreter's venv) mounted back read-only (jail()): a case can
neither see nor change the project, write anywhere but the scratch folder, nor see or
signal any process outside the namespace. Each case then gets a mount namespace of its own
in which the scratch folder is read-only but for its working folder, --home (_confine). As the
namespace's init it ignores every signal its cases send it (SIGKILL and SIGSTOP included:
the kernel drops them), and when it ends, every process of every case ends with it.

At exit the child does what Python does (non-daemon threads joined, atexit handlers run,
stdout and stderr flushed unless closed), and it starts with fresh random states and the
environment a real process would get. Not the same as a real process, knowingly: modules
the server imported (numpy, json, ...) are already in sys.modules, hash() is seeded once
for all cases, and a file that looks for signs of the server can find them. tests/test_forkserver.py
checks that every gallery file gets the same verdict here as through `python FILE`, and the
checker re-runs a failing case as a real process before it reports it.

Why not multiprocessing's forkserver: it serves the Python that started it, while the
checker (on .venv's Python 3.10+) must also run files under the grader's Python 3.6
(.venv-grader), a different interpreter with a different numpy; a line of JSON over a pipe
bridges any two interpreters. The client, forkclient.ForkServer, returns the
isolate.Result that the harness's verdicts read.

A program, not a module of the package: it runs as `python forkserver.py`, and imports
isolate.py from its own folder (Python puts a script's folder first on sys.path).
Standard library only (and numpy in the server, when it is there), Python 3.6+.
"""
import ctypes
import io
import json
import os
import re
import select
import signal
import sys
import time
import traceback

import isolate

try:
    import resource
except ImportError:  # not on Windows
    resource = None

PR_SET_PDEATHSIG, PR_CAPBSET_DROP, PR_SET_NO_NEW_PRIVS = 1, 24, 38  # <linux/prctl.h>
MS_RDONLY, MS_REMOUNT, MS_BIND, MS_MOVE, MS_REC = 1, 32, 4096, 8192, 16384  # <sys/mount.h>
CLONE_NEWNS = 0x00020000  # <sched.h>
PROC_READ_ONLY = ("/proc/sys", "/proc/sysrq-trigger", "/proc/irq", "/proc/bus", "/proc/fs",
                  "/proc/kcore")  # what container runtimes make read-only or hide
INTERRUPTED = -2  # _run's status for an uncaught KeyboardInterrupt
COMPAT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "compat")
PRELOAD = ("numpy", "ast", "collections", "itertools", "functools", "math", "json", "re",
           "runpy", "traceback")


def serve(requests, answers):
    """Answer each request line from the binary stream requests on answers, until EOF."""
    # the client set the BLAS thread counts for this server; a case gets the environment
    # that `python FILE` would get (the client's: CONVKIT_CASE_ENV lists what it lacked)
    lacked = [name for name in os.environ.pop("CONVKIT_CASE_ENV", "").split(",") if name]
    for name in isolate.THREAD_VARIABLES:
        os.environ[name] = "1"
    ready = {"ready": True, "python": "{}.{}.{}".format(*sys.version_info[:3]),
             "numpy": None}
    for module in PRELOAD:
        try:
            imported = __import__(module)
        except Exception as err:  # numpy missing or broken: the client says so
            ready = {"ready": False, "error": "cannot import {}: {}: {}".format(
                module, type(err).__name__, err)}
            break
        if module == "numpy":
            ready["numpy"] = imported.__version__
    isolate.become_subreaper()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a case's kill(1, SIGINT) is no Ctrl-C
    wake_read, wake_write = os.pipe()
    for fd in (wake_read, wake_write):
        os.set_blocking(fd, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda signum, frame: None)  # only to wake select
    streams = {name: (stream.encoding, stream.errors, stream.line_buffering,
                      getattr(stream, "write_through", False),
                      isinstance(stream.buffer, io.RawIOBase))  # -u, PYTHONUNBUFFERED
               for name, stream in (("stdin", sys.__stdin__), ("stdout", sys.__stdout__),
                                    ("stderr", sys.__stderr__))}
    _answer(answers, ready)
    while True:
        line = requests.readline()
        if not line:
            return
        try:
            request = json.loads(line.decode("utf-8"))
            answer = run_case(request, streams, wake_read, lacked, requests.fileno())
        except (ValueError, KeyError, TypeError, OSError) as err:
            answer = {"error": "{}: {}".format(type(err).__name__, err)}
        _answer(answers, answer)


def _answer(answers, value):
    answers.write(json.dumps(value).encode("utf-8") + b"\n")
    answers.flush()


def run_case(request, streams, wake_read, lacked=(), client=None):
    """Fork a child for one request, wait for it (up to the timeout), clean up after it.
    client: the requests' fd; readable during a case only when the client is gone (it
    sends one request at a time): then the case and all it left are killed, and the
    server exits."""
    timeout = float(request["timeout"])
    limit = int(request["limit"])
    paths = [request["stdin"], request["stdout"], request["stderr"]]
    real, compat = bool(request.get("real")), bool(request.get("compat"))
    code = None if real else compiled(request["file"])
    start = time.monotonic()
    server = os.getpid()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        _child(request["file"], paths, limit, streams, code, lacked, real, compat, server)
    answer = {"status": None, "signal": None, "timed_out": False, "seconds": 0.0,
              "survivors": []}
    deadline = start + timeout
    status = None
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        left = deadline - time.monotonic()
        if left <= 0:
            answer["timed_out"] = True
            _kill_group(pid)
            _, status = os.waitpid(pid, 0)
            break
        ready, _, _ = select.select([wake_read] + ([client] if client is not None else []),
                                    [], [], min(left, 1e6))
        if client in ready:  # the checker died (even by SIGKILL): nothing may outlive it
            _kill_group(pid)
            _clean_up(pid)
            os._exit(0)
        _drain(wake_read)
    answer["seconds"] = time.monotonic() - start
    if os.WIFSIGNALED(status):
        answer["signal"] = os.WTERMSIG(status)
    else:
        answer["status"] = os.WEXITSTATUS(status)
    answer["survivors"] = _clean_up(pid)
    return answer


def _drain(fd):
    try:
        while os.read(fd, 512):
            pass
    except (BlockingIOError, InterruptedError):
        pass


def _kill_group(pgid):
    try:
        os.killpg(pgid, signal.SIGKILL)
    except OSError:
        pass


def _clean_up(pid):
    """Kill the case's process group and every process it left (they are the server's
    descendants: it is a subreaper); reap them. The pids that would not die."""
    _kill_group(pid)
    children = "/proc/self/task/{}/children".format(os.getpid())
    try:
        with open(children) as f:
            if not f.read().split():  # the common case, in microseconds: nothing left
                return []
    except OSError:  # no such file on this kernel: scan /proc
        pass
    return isolate._kill_all(pid, set())


def _child(path, paths, limit, streams, code, lacked=(), real=False, compat=False,
           server=None):
    """In the forked child: become `python path` on the case's files (exec it, if real),
    run, exit."""
    status = 1
    try:
        os.setsid()
        fds = [os.open(paths[0], os.O_RDONLY | os.O_NOFOLLOW),
               os.open(paths[1], os.O_WRONLY | os.O_TRUNC | os.O_NOFOLLOW),
               os.open(paths[2], os.O_WRONLY | os.O_TRUNC | os.O_NOFOLLOW)]
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
        _close_other_fds()
        if _confined:
            _confine(*_confined)
        _harden(server)
        for name in lacked:
            os.environ.pop(name, None)
        _reseed()
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        # the server ignores SIGINT; Python's own handler (SIG_DFL across an exec) here
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if resource is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit + 1, limit + 1))
            resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        sys.stdin = sys.__stdin__ = _stream(0, "r", streams["stdin"])
        sys.stdout = sys.__stdout__ = _stream(1, "w", streams["stdout"])
        sys.stderr = sys.__stderr__ = _stream(2, "w", streams["stderr"])
        if real:
            if compat:
                os.environ["PYTHONPATH"] = COMPAT
            os.execv(sys.executable, [sys.executable, path])
        if compat:
            _load_compat().install()
        sys.argv = [path]
        sys.path[0] = os.path.dirname(os.path.realpath(path))
    except BaseException:  # the case cannot even start: say why on its stderr, if it can
        try:
            os.write(2, traceback.format_exc().encode("utf-8", "replace"))
        finally:
            os._exit(1)
    try:
        status = _run(path, code)
        if status == INTERRUPTED:  # Python 3.8+ ends by its own SIGINT, as a shell expects
            status = 1
            if sys.version_info >= (3, 8):
                signal.signal(signal.SIGINT, signal.SIG_DFL)
                os.kill(os.getpid(), signal.SIGINT)
    finally:
        os._exit(status)


def _harden(server):
    """Die with the server; gain no privileges; drop every capability (inside a user
    namespace the child is root: without capabilities it cannot reach the server's files,
    memory or pipes, nor mount anything). Linux only; elsewhere nothing."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != server:
        os._exit(1)  # the server died before the child could ask to die with it
    libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    for capability in range(64):
        libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0)  # EPERM/EINVAL outside: no matter

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32),
                    ("inheritable", ctypes.c_uint32)]

    header = Header(0x20080522, 0)  # _LINUX_CAPABILITY_VERSION_3
    empty = (Data * 2)()
    libc.capset(ctypes.byref(header), ctypes.byref(empty))


def _load_compat():
    """compat/sitecustomize.py as a module of its own name (not sitecustomize)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location(
        "numpy_compat", os.path.join(COMPAT, "sitecustomize.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def jail(hide, keep, stage, scratch, readonly, home):
    """Make this mount namespace safe for cases. Needs CAP_SYS_ADMIN in it: the root of a
    new user and mount namespace.

    hide      an empty read-only tmpfs over it (None: nothing hidden), with each folder of
              keep (under hide) mounted back, read-only, where it was; stage is an empty
              folder outside hide to move them through
    scratch   the run's folder: it alone stays writable (a mount of its own)
    readonly  folders in scratch made read-only too (the server's files, the file's copies)
    home      the cases' working folder in scratch: each case sees scratch read-only but
              for home (_confine: the checker's files there are out of a case's reach)
    Every other mount is made read-only (/sys and /dev too: writing a device is still
    allowed), and in the namespace's own /proc the kernel's settings (PROC_READ_ONLY)."""
    global _confined
    mount = _mount
    if hide:
        staged = []
        for index, folder in enumerate(keep):
            place = os.path.join(stage, str(index))
            os.mkdir(place)
            mount(folder, place, None, MS_BIND | MS_REC)
            staged.append((place, folder))
        mount("tmpfs", hide, "tmpfs", 0, "mode=0755,size=64k")
        for place, folder in staged:
            os.makedirs(folder)
            mount(place, folder, None, MS_MOVE)
        mount("tmpfs", hide, None, MS_REMOUNT | MS_RDONLY, "mode=0755,size=64k")
    mount(scratch, scratch, None, MS_BIND | MS_REC)
    for folder in readonly:
        mount(folder, folder, None, MS_BIND)
    # the kernel's settings: a checker run as root maps its cases to root, whom the files'
    # modes let write /proc/sys (core_pattern runs a program as the host's root), sysrq...
    kernel = [path for path in PROC_READ_ONLY if os.path.exists(path)]
    for path in kernel:
        mount(path, path, None, MS_BIND)
    must = set(readonly) | set(keep) | set(kernel)
    for point in _mount_points():
        inside = point == scratch or point.startswith(scratch + "/")
        proc = point == "/proc" or point.startswith("/proc/")  # its own, but for the above
        if point in must or not (inside or proc and point not in kernel):
            try:
                mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _kept_flags(point))
            except OSError:
                if point in must:
                    raise  # else best effort: what cannot be made read-only stays as it is
    _confined = (scratch, home)


def _mount(source, target, kind, flags, data=None):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.mount(_c(source), _c(target), _c(kind), flags, _c(data)) != 0:
        err = ctypes.get_errno()
        raise OSError(err, "mount {} on {}: {}".format(source, target, os.strerror(err)))


_confined = None  # (scratch, home) once jail() ran: each case is confined to home


def _confine(scratch, home):
    """In a case's child, before it drops its capabilities: a mount namespace of its own in
    which the run's scratch folder is read-only but for home. The checker's files there
    (inputs, outputs, the servers' copies) and the folders that hold them are out of the
    case's reach: it cannot replace, link or rename them (the case's own stdout and stderr
    are already open)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNS) != 0:
        err = ctypes.get_errno()
        raise OSError(err, "unshare(CLONE_NEWNS): {}".format(os.strerror(err)))
    _mount(home, home, None, MS_BIND)
    _mount(None, scratch, None, MS_REMOUNT | MS_BIND | MS_RDONLY | _kept_flags(scratch))


ST_TO_MS = ((2, 2), (4, 4), (8, 8), (1024, 1024), (2048, 2048), (4096, 1 << 21))
# statvfs's ST_NOSUID, ST_NODEV, ST_NOEXEC, ST_NOATIME, ST_NODIRATIME, ST_RELATIME -> MS_*


def _kept_flags(point):
    """The mount's flags a remount must keep (a user namespace may not clear them)."""
    try:
        flags = os.statvfs(point).f_flag
    except OSError:
        return 0
    return sum(ms for st, ms in ST_TO_MS if flags & st)


def _mount_points():
    """The mount points of this namespace, as /proc/self/mounts lists them."""
    with open("/proc/self/mounts", "rb") as f:
        lines = f.read().decode("utf-8", "surrogateescape").splitlines()
    points = []
    for line in lines:
        fields = line.split(" ")
        if len(fields) > 1:
            points.append(re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)),
                                 fields[1]))
    return points


def _c(text):
    return None if text is None else text.encode("utf-8", "surrogateescape")


def _reseed():
    """Fresh random states, as a new process has: the forked ones are the server's, the
    same in every case (Python 3.6 does not reseed random at a fork; numpy never does)."""
    for name in ("random", "numpy.random"):
        module = sys.modules.get(name)
        if module is not None:
            module.seed()


_compiled = {}  # (path, size, mtime) -> the file's code object, compiled in the server


def compiled(path):
    """The file's code, compiled once in the server (so that each child does not), or None
    if it does not compile: then the child compiles it and fails as Python would."""
    try:
        stat = os.stat(path)
        key = (path, stat.st_size, stat.st_mtime_ns)
        if key not in _compiled:
            with open(path, "rb") as f:
                _compiled[key] = compile(f.read(), path, "exec", dont_inherit=True)
        return _compiled[key]
    except (OSError, SyntaxError, ValueError):
        return None


def _run(path, code=None):
    """The file run as `python path` runs it, in a fresh __main__ module; its exit status.
    With its code already compiled, exec'd as runpy.run_path would (without compiling it
    again); else runpy.run_path, which compiles it and raises what Python would."""
    import runpy
    import types
    status = 0
    try:
        if code is None:
            runpy.run_path(path, run_name="__main__")
        else:
            main = types.ModuleType("__main__")
            main.__dict__.update(__file__=path, __cached__=None, __loader__=None,
                                 __package__=None, __spec__=None,
                                 __builtins__=sys.modules["builtins"])
            sys.modules["__main__"] = main
            exec(code, main.__dict__)
    except SystemExit as exit:
        status = isolate.exit_status(exit.code)
    except BaseException as err:
        _print_exception(err, path)
        status = INTERRUPTED if isinstance(err, KeyboardInterrupt) else 1
    return _finalize(status)


def _finalize(status):
    """What Python does at exit, in its order: wait for the non-daemon threads, run the
    atexit handlers, flush stdout and stderr (a closed one is skipped; one that cannot be
    flushed makes the status 120). The status to exit with."""
    threading = sys.modules.get("threading")
    if threading is not None:
        try:
            threading._shutdown()
        except BaseException:
            pass
    atexit = sys.modules.get("atexit")
    if atexit is not None:
        try:
            atexit._run_exitfuncs()
        except BaseException:
            pass
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and not stream.closed:
                stream.flush()
        except BaseException:
            status = 120  # what Python exits with when it cannot flush stdout at exit
    return status


def _print_exception(err, path):
    """The traceback as Python prints it for a script: from the file's own frames on (not
    runpy's); a SyntaxError of the file itself without a traceback at all."""
    tb = err.__traceback__
    real = os.path.realpath(path)
    while tb is not None and os.path.realpath(tb.tb_frame.f_code.co_filename) != real:
        tb = tb.tb_next
    try:
        if tb is None:
            text = "".join(traceback.format_exception_only(type(err), err))
        else:
            text = "".join(traceback.format_exception(type(err), err, tb))
        sys.stderr.write(text)
        sys.stderr.flush()
    except BaseException:
        pass


def _stream(fd, mode, settings):
    """A standard stream as Python makes one (unbuffered ones under -u or
    PYTHONUNBUFFERED)."""
    encoding, errors, line_buffering, write_through, raw_only = settings
    raw = io.open(fd, mode + "b", buffering=0 if raw_only else -1, closefd=False)
    return io.TextIOWrapper(raw, encoding=encoding, errors=errors, newline="\n",
                            line_buffering=line_buffering, write_through=write_through)


def _close_other_fds():
    try:
        fds = [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        fds = range(3, 1024)
    for fd in fds:
        if fd > 2:
            try:
                os.close(fd)
            except OSError:
                pass


def _options(argv):
    """jail()'s arguments from --scratch DIR --home DIR [--readonly DIR ...] [--hide DIR
    [--keep DIR ...] --stage DIR], or None without --scratch (not in the namespaces)."""
    options = {"hide": None, "keep": [], "stage": None, "scratch": None, "readonly": [],
               "home": None}
    for flag, value in zip(argv[::2], argv[1::2]):
        name = flag[2:]
        if isinstance(options.get(name), list):
            options[name].append(value)
        elif name in options:
            options[name] = value
    return options if options["scratch"] else None


if __name__ == "__main__":
    jailed = _options(sys.argv[1:])
    if jailed:
        try:
            jail(**jailed)
        except OSError as err:  # the client reads this line as a server that cannot run
            _answer(sys.stdout.buffer, {"ready": False, "error": "sandbox: {}".format(err)})
            sys.exit(1)
    try:
        serve(sys.stdin.buffer, sys.stdout.buffer)
    except KeyboardInterrupt:
        pass
