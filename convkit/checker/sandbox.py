"""Where a learner's file runs: a scratch folder outside the project, a fixed environment,
and, where Linux lets a user make namespaces, a PID and mount namespace of its own.

The checker computes every expected answer before the learner's code runs and judges
against what it holds in memory; the file's code runs only through fork servers
(forkserver.py) started by a Sandbox:

- on copies: of the learner's file, of each case's input (files that hold no answers, in
  a folder that holds none) and of the fork server itself, all in the run's scratch folder
  (under /dev/shm), with that folder's home/ as working folder and HOME;
- in a fixed environment (ENVIRONMENT), not the user's: the same verdict for everyone;
- with `unshare` (util-linux) and unprivileged user namespaces, as on most Linux systems:
  the server is the init of new user, PID and mount namespaces, in which the project
  folder is an empty read-only tmpfs (the interpreter's venv mounted back) and no process
  outside can be seen, signalled or traced. The server, a case and all it started die
  with the checker (PR_SET_PDEATHSIG, unshare --kill-child). Where `unshare` cannot run,
  the same minus the namespaces (`namespaces` says which); the project's files are
  fingerprinted before and after (Snapshot), so a file that changed them voids the run.
"""
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

from convkit.checker import PROJECT, isolate

HERE = os.path.dirname(os.path.abspath(__file__))
SERVER_FILES = ("forkserver.py", "isolate.py", os.path.join("compat", "sitecustomize.py"))
UNSHARE = ["unshare", "--user", "--map-root-user", "--pid", "--fork", "--kill-child",
           "--mount", "--mount-proc", "--propagation", "private", "--"]
# The learner's file gets exactly this environment (and HOME, TMPDIR: its scratch folder);
# with "compat", PYTHONPATH too (the names numpy 2 removed: compat/sitecustomize.py).
# No PYTHONUNBUFFERED (stdout is a block-buffered file, as on the grader), no PYTHONPATH,
# no PYTHONHASHSEED (a fresh hash seed per process), UTF-8 streams, one BLAS thread, and no
# .pyc written (PYTHONDONTWRITEBYTECODE: the project's fingerprint covers __pycache__).
ENVIRONMENT = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8",
               "LC_ALL": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
               **{name: "1" for name in isolate.THREAD_VARIABLES}}
SKIPPED = (".git", ".pytest_cache", ".hypothesis", ".ruff_cache")
VENV_PACKAGES = ("numpy", "hypothesis", "sortedcontainers", "attr", "attrs", "exceptiongroup")

_probed = None
_active = None


def namespaces_work():
    """True if `unshare` makes the user, PID and mount namespaces here (cached). The
    environment variable CONVKIT_SANDBOX=plain turns them off (the tests of the plain
    mode use it)."""
    global _probed
    if os.environ.get("CONVKIT_SANDBOX") == "plain" or not sys.platform.startswith("linux"):
        return False
    if _probed is None:
        try:
            _probed = subprocess.run(UNSHARE + ["true"], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     timeout=10).returncode == 0
        except (OSError, subprocess.SubprocessError):
            _probed = False
    return _probed


def active():
    """The run's Sandbox, or None outside a checker run (the tests' own ForkServers)."""
    return _active


class Sandbox(object):
    """The scratch side of one checker run, in workdir/sandbox/."""

    def __init__(self, workdir, project=PROJECT, namespaces=None):
        self.project = os.path.realpath(project)
        self.root = os.path.join(workdir, "sandbox")
        self.server_dir = os.path.join(self.root, "server")
        self.home = os.path.join(self.root, "home")
        self.files = os.path.join(self.root, "file")
        self.cases = os.path.join(self.root, "cases")
        for folder in (self.home, self.files, self.cases, os.path.join(self.server_dir,
                                                                      "compat")):
            os.makedirs(folder, exist_ok=True)
        for name in SERVER_FILES:
            shutil.copyfile(os.path.join(HERE, name), os.path.join(self.server_dir, name))
        self.namespaces = namespaces_work() if namespaces is None else namespaces
        self.copies = {}  # the copy's path -> the path the user gave
        self.pythons = {}
        self.servers = {}  # python -> the ForkServer of its real runs

    def __enter__(self):
        global _active
        _active = self
        return self

    def __exit__(self, *exc):
        global _active
        _active = None
        for server in self.servers.values():
            server.close()
        self.servers.clear()

    def real_run(self, python, path, stdin_path, timeout, limit, compat=False):
        """An isolate.Result of `python path < stdin_path` as a real process (the sandbox's
        fork server for python execs it), path and stdin_path copied into the sandbox."""
        from convkit.checker.forkclient import ForkServer
        server = self.servers.get(python)
        if server is None:
            server = self.servers[python] = ForkServer(python, self.root, self)
        # a file of the run's scratch folder holds no answer: it need not be copied again
        copied = not stdin_path.startswith(os.path.dirname(self.root) + os.sep)
        stdin = self.stdin_copy(stdin_path) if copied else stdin_path
        try:
            return server.run(self.place(path), stdin, timeout, limit, real=True,
                              compat=compat)
        finally:
            if copied:
                try:
                    os.remove(stdin)
                except OSError:
                    pass

    @property
    def server(self):
        return os.path.join(self.server_dir, "forkserver.py")

    def place(self, path):
        """A copy of the learner's file, same name, in a folder of its own; the path of
        the copy (made once per file)."""
        if path in self.copies:
            return path
        for copy, original in self.copies.items():
            if original == path:
                return copy
        folder = tempfile.mkdtemp(dir=self.files)  # a new folder, the copy's name its own
        copy = os.path.join(folder, os.path.basename(path))
        _copy(path, copy)
        self.copies[copy] = path
        return copy

    def stdin_copy(self, path):
        """A copy of a case's input file in the scratch folder."""
        fd, copy = tempfile.mkstemp(suffix=".in", dir=self.cases)  # O_EXCL: a new file
        with open(path, "rb") as f, os.fdopen(fd, "wb") as g:
            shutil.copyfileobj(f, g)
        return copy

    def shown(self, text):
        """text with the copies' paths written as the files the user gave."""
        for copy, original in self.copies.items():
            text = text.replace(copy, original)
        return text

    def env(self):
        return dict(ENVIRONMENT, HOME=self.home, TMPDIR=self.home)

    def command(self, python):
        """The argv that starts a fork server for python in this sandbox: in namespaces
        where the project is hidden (unless it holds the scratch folder or is / or the
        home folder) and all but the scratch folder is read-only (forkserver.jail)."""
        python = self.interpreter(python)
        if not self.namespaces:  # the package's own server: a changed one voids the run
            return [python, os.path.join(HERE, "forkserver.py")]
        scratch = os.path.dirname(self.root)
        argv = [python, self.server, "--scratch", scratch, "--home", self.home, "--readonly",
                self.server_dir, "--readonly", self.files]
        hide = self.project
        if hide not in ("/", os.path.realpath(os.path.expanduser("~"))) and \
                not scratch.startswith(hide + os.sep):
            argv += ["--hide", hide, "--stage", tempfile.mkdtemp(prefix="stage-",
                                                                  dir=self.root)]
            for folder in sorted(self.kept(python)):
                argv += ["--keep", folder]
        return UNSHARE + argv

    def kept(self, python):
        """The folders under the project that python needs (its venv): the first folder
        under the project of its path, and of its real path."""
        keep = set()
        for path in (os.path.abspath(python), os.path.realpath(python)):
            if path.startswith(self.project + os.sep):
                top = path[len(self.project) + 1:].split(os.sep)[0]
                keep.add(os.path.join(self.project, top))
        return keep

    def interpreter(self, python):
        """python as an absolute path: the fixed PATH may not find it, and a pyenv shim
        needs the user's environment, so a shim is replaced by what it runs."""
        if python not in self.pythons:
            found = shutil.which(python) or python
            try:
                done = subprocess.run([found, "-c", "import sys; print(sys.executable)"],
                                      stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                      stderr=subprocess.DEVNULL, timeout=60)
                executable = done.stdout.decode("utf-8", "replace").strip()
            except (OSError, subprocess.SubprocessError):
                executable = ""
            self.pythons[python] = executable if os.path.isabs(executable) else \
                os.path.abspath(found)
        return self.pythons[python]


class Snapshot(object):
    """Fingerprints of the project's files (not .git or the tools' caches, nor the folders
    in skip), to tell whether a learner's file changed any: their contents; in the venvs
    (.venv, .venv-grader: tens of thousands of files) the size, time and mode of what the
    checker and the cases run: bin/, pyvenv.cfg, site-packages' own files (.pth files,
    modules) and folders, and the packages the checker imports (VENV_PACKAGES)."""

    def __init__(self, project=PROJECT, skip=()):
        self.project = os.path.realpath(project)
        self.skip = {os.path.realpath(folder) for folder in skip}
        self.prints = self.take()

    def take(self):
        prints = {}
        for folder, folders, files in os.walk(self.project):
            folders[:] = sorted(name for name in folders if not self._skipped(folder, name))
            venv = os.path.relpath(folder, self.project).startswith(".venv")
            if venv and os.path.basename(folder) == "site-packages":
                folders[:] = [name for name in folders
                              if name.split("-")[0].split(".")[0] in VENV_PACKAGES]
                files = files + [name for name in os.listdir(folder)
                                 if os.path.isdir(os.path.join(folder, name))]  # their times
            for name in files:
                path = os.path.join(folder, name)
                if os.path.realpath(path) not in self.skip:
                    prints[path] = _stamp(path) if venv else _fingerprint(path)
        return prints

    def _skipped(self, folder, name):
        path = os.path.join(folder, name)
        return (name in SKIPPED or name.endswith(".egg-info")
                or os.path.realpath(path) in self.skip or os.path.islink(path))

    def changed(self):
        """The project's files changed, added or removed since the snapshot, relative."""
        now = self.take()
        paths = sorted(path for path in set(now) | set(self.prints)
                       if now.get(path) != self.prints.get(path))
        return [os.path.relpath(path, self.project) for path in paths]


def _copy(source, target):
    """source copied to target, a new file (never written through a link)."""
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
    with open(source, "rb") as f, os.fdopen(fd, "wb") as g:
        shutil.copyfileobj(f, g)


def _stamp(path):
    try:
        found = os.lstat(path)
    except OSError as err:
        return "unreadable: {}".format(err.strerror)
    return (found.st_size, found.st_mtime_ns, found.st_mode, found.st_ino)


def _fingerprint(path):
    try:
        with open(path, "rb") as f:
            return hashlib.blake2b(f.read(), digest_size=16).hexdigest()
    except OSError as err:
        return "unreadable: {}".format(err.strerror)
