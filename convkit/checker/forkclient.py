"""The client of the fork server (forkserver.py): start one under any Python, hand it a
learner's file and a case, get back the isolate.Result that the harness's verdicts read."""
import json
import os
import select
import subprocess

from convkit.checker import isolate

SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "forkserver.py")
ANSWER_SLACK = 30.0  # seconds beyond a case's timeout before the client gives up on the server
MAX_WAIT = 1e6  # seconds: select() overflows past about 1e10; the server caps its waits too


class ServerError(Exception):
    """The fork server could not start, or died."""


class ForkServer(object):
    """One fork server process, run by python; run() judges one case at a time.

    Start it with start() (a ServerError says why it cannot run: no numpy, say), close it
    with close(). If the server dies during a case (a file that kills its parent), run()
    reports the case as an error, kills what it left and starts a new server next time.
    """

    live = set()  # the pids of the servers running: one's death must not kill another

    def __init__(self, python, workdir, sandbox=None):
        self.python = python
        self.workdir = workdir
        self.sandbox = sandbox  # a sandbox.Sandbox: the server runs in it
        self.process = None
        self.versions = None
        self.pending = None

    def start(self):
        return self.launch().ready()

    def launch(self):
        """Start the server's process; ready() waits until it can serve (start() does
        both: several servers launched first start up side by side)."""
        isolate.become_subreaper()  # a dead server's orphans come to us, to be killed
        argv, cwd, preexec = [self.python, SERVER], None, None
        env = dict(isolate.learner_env(), **{name: "1" for name in isolate.THREAD_VARIABLES})
        env["CONVKIT_CASE_ENV"] = ",".join(name for name in isolate.THREAD_VARIABLES
                                           if name not in os.environ)
        if self.sandbox is not None:
            argv, env, cwd = self.sandbox.command(self.python), self.sandbox.env(), \
                self.sandbox.home
            # unshare dies with the checker, and the namespace with it; a server outside
            # one sees its requests' pipe close and kills its case (forkserver.py)
            preexec = isolate.die_with_parent if self.sandbox.namespaces else None
        try:
            self.process = subprocess.Popen(
                argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, cwd=cwd,
                stderr=subprocess.DEVNULL, env=env, close_fds=True, start_new_session=True,
                preexec_fn=preexec)
        except OSError as err:
            raise ServerError("cannot run {}: {}".format(self.python, err.strerror or err))
        ForkServer.live.add(self.process.pid)
        return self

    def ready(self):
        """Wait for the launched server's first line: itself once it is ready to serve;
        ServerError (the server closed) if it cannot."""
        ready = self._read(120.0)
        if not ready or not ready.get("ready"):
            self.close()
            raise ServerError("{} cannot serve cases: {}".format(
                self.python, (ready or {}).get("error", "it did not start")))
        self.versions = (ready["python"], ready["numpy"])
        return self

    def run(self, path, stdin_path, timeout, limit, real=False, compat=False):
        """An isolate.Result for `python path < stdin_path`, as isolate.run() gives one;
        real: run as a real process (the server execs python); compat: with the names
        numpy 2 removed (forkserver.py)."""
        self.send(path, stdin_path, timeout, limit, real, compat)
        return self.receive()

    def send(self, path, stdin_path, timeout, limit, real=False, compat=False):
        """Start one case; receive() waits for its Result. One case at a time."""
        if self.process is None:
            self.start()
        result = isolate.Result.with_files(self.workdir)
        self.pending = (result, timeout, limit)
        request = {"file": os.path.abspath(path), "stdin": os.path.abspath(stdin_path),
                   "stdout": result.stdout, "stderr": result.stderr, "timeout": timeout,
                   "limit": limit, "real": real, "compat": compat}
        try:
            self.process.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            self.process.stdin.flush()
        except OSError:
            pass  # the server is dead: receive() says so

    def fileno(self):
        """The fd to select on: readable when the pending case's answer is there."""
        return self.process.stdout.fileno()

    def receive(self):
        result, timeout, limit = self.pending
        self.pending = None
        try:
            answer = self._read(min(timeout, MAX_WAIT) + ANSWER_SLACK)
            if answer is None:  # the server died, or hangs: kill it and what it ran
                pid = self.process.pid
                self.close()
                result.survivors = isolate._kill_all(pid, ForkServer.live - {pid})
                result.error = ("the checker's fork server died while it ran the file (did "
                                "the file kill its parent process?)")
                return result
            if answer.get("error"):
                result.error = answer["error"]
                return result
            for name in ("status", "signal", "timed_out", "seconds", "survivors"):
                setattr(result, name, answer[name])
            result.measure_output(limit)
            return result
        finally:
            result.close_files()

    def _read(self, seconds):
        """The server's next answer line as a dict, or None if it died or said nothing in
        time."""
        stream = self.process.stdout
        ready, _, _ = select.select([stream], [], [], seconds)
        if not ready:
            return None
        line = stream.readline()
        if not line:
            return None
        try:
            return json.loads(line.decode("utf-8"))
        except ValueError:
            return None

    def close(self):
        process, self.process = self.process, None
        if process is None:
            return
        ForkServer.live.discard(process.pid)
        for stream in (process.stdin, process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.close()

