"""make mutants: mutation testing of the package's convolution, gradient, geometry and
window code.

  .venv/bin/python tools/mutants.py [--jobs 2] [--functions conv_geometry,...]

Cosmic Ray (requirements-mutants.txt) makes every mutant its operators can make in the
functions below, one at a time, in the one module that holds each (convkit/conv.py,
convkit/geometry.py, convkit/windows.py), runs the fast property tests that exercise that
code (TESTS) on it and records whether they fail (killed) or pass (survived). The tests
run with Hypothesis's "mutants" profile (tests/conftest.py: 250 examples a property).

Cosmic Ray writes each mutant into the file itself, so all of this happens in copies of
convkit/, solutions/, tests/, tools/mutants.py and pyproject.toml in temporary folders,
removed at the end, on an error or Ctrl-C too: the work tree is only read. The copy is
first on PYTHONPATH, so the tests import the mutated package, not the one .venv has
installed. A test run is a fork of a server that has numpy, pytest and hypothesis imported
(the `serve` and `client` commands below), so a mutant costs its tests, not a Python
start-up; --jobs sessions run side by side, each in its own folder.

At the end: the surviving mutants with their diffs, the ones tests/MUTANTS.md does not
explain first, and the counts. The exit status is 1 if a survivor is unexplained there.
"""
import os
import signal
import socket
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = "tests/test_against_reference.py::"
DIFFERENCES = "tests/test_finite_differences.py::"
FORWARD = [
    REFERENCE + "test_forward_refuses_mismatched_shapes",
    REFERENCE + "test_the_api_refuses_arguments_that_do_not_fit",
    REFERENCE + "test_forward_with_flags", REFERENCE + "test_forward_graded",
    REFERENCE + "test_products_across_chunks",
    DIFFERENCES + "test_kernel_grad_matches_differences",
    DIFFERENCES + "test_input_grad_matches_differences",
    DIFFERENCES + "test_gradients_of_sum_match_differences"]
KERNEL_GRAD = [
    REFERENCE + "test_kernel_grad_with_flags_and_upstream",
    REFERENCE + "test_kernel_grad_of_sum", REFERENCE + "test_window_sums_both_ways",
    REFERENCE + "test_mixed_magnitudes_do_not_cancel_in_kernel_grad",
    REFERENCE + "test_products_across_chunks",
    DIFFERENCES + "test_kernel_grad_matches_differences",
    DIFFERENCES + "test_gradients_of_sum_match_differences"]
INPUT_GRAD = [
    REFERENCE + "test_input_grad_with_flags_and_upstream",
    REFERENCE + "test_input_grad_of_sum",
    REFERENCE + "test_mixed_magnitudes_do_not_cancel_in_input_grad",
    REFERENCE + "test_products_across_chunks",
    DIFFERENCES + "test_input_grad_matches_differences",
    DIFFERENCES + "test_gradients_of_sum_match_differences"]


def union(*lists):
    tests = []
    for names in lists:
        tests += [test for test in names if test not in tests]
    return tests


TESTS = {  # test selection -> the tests, the quick killers first
    "conv": union(FORWARD, KERNEL_GRAD, INPUT_GRAD),
    "geometry": ["tests/test_geometry.py"] + union(FORWARD, KERNEL_GRAD, INPUT_GRAD),
    "windows": ["tests/test_geometry.py"] + union(FORWARD, KERNEL_GRAD, INPUT_GRAD),
}
SESSIONS = [  # (the module mutated, its functions mutated, the tests), the longest first
    ("convkit/geometry.py", ("conv_geometry", "check_flags"), "geometry"),
    ("convkit/conv.py", ("calculate_conv_x_grad",), "conv"),
    ("convkit/windows.py", ("window_chunks", "window_sums"), "windows"),
    ("convkit/conv.py", ("calculate_kernel_grad",), "conv"),
    ("convkit/conv.py", ("apply_convolution", "conv_arrays", "padded", "shaped"), "conv"),
]
# Left out: swapping an arithmetic operator for a bitwise one (<<, >>, |, &, ^) and a
# comparison for `is` / `is not`. On these small non-negative ints they make the same
# kind of wrong index as the arithmetic swaps that are kept, and they would add half as
# many mutants again to a run that is already long on two cores.
EXCLUDED_OPERATORS = ("_RShift", "_LShift", "_BitOr", "_BitAnd", "_BitXor", "_Is", "_IsNot")
TEST_TIMEOUT = 120  # seconds for one mutant's tests; unmutated they take about 10
MEMORY_LIMIT = 4 << 30  # bytes of address space for one test run: a mutant may ask for more
CHILDREN = []  # the processes this run started: the servers, cosmic-ray exec
FOLDERS = []  # the temporary folders it made


def serve(path, root):
    """Listen on the Unix socket `path`; for each request (a test selection's name), fork,
    run its TESTS in `root` and answer with the outcome: pass, fail, timeout."""
    sys.dont_write_bytecode = True  # a mutant must never be read back from a stale .pyc
    os.environ["HYPOTHESIS_PROFILE"] = "mutants"
    import hypothesis  # noqa: F401  (imported once here, inherited by every fork)
    import numpy  # noqa: F401
    import pytest
    os.chdir(root)
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(path)
    server.listen(1)
    print("ready", flush=True)
    while True:
        connection = server.accept()[0]
        name = connection.recv(1024).decode().strip()
        pid = os.fork()
        if pid == 0:
            connection.close()
            server.close()
            import resource
            resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
            signal.alarm(TEST_TIMEOUT)
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            try:
                status = pytest.main(["-x", "-q", "-p", "no:cacheprovider"] + TESTS[name])
            except BaseException:
                status = 3
            os._exit(int(status))
        _, status = os.waitpid(pid, 0)
        if os.WIFSIGNALED(status):
            answer = "timeout" if os.WTERMSIG(status) == signal.SIGALRM else "signal {}".format(
                os.WTERMSIG(status))
        else:
            answer = "pass" if os.WEXITSTATUS(status) == 0 else "fail {}".format(
                os.WEXITSTATUS(status))
        try:
            connection.sendall(answer.encode())
        except OSError:
            pass  # Cosmic Ray gave up waiting
        connection.close()


def client(path, name):
    """Cosmic Ray's test command: ask the server to run the tests `name`; exit 0 if the
    tests pass."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(path)
    connection.sendall(name.encode())
    answer = connection.recv(1024).decode()
    print(answer or "no answer")
    sys.exit(0 if answer == "pass" else 1)


def copy_tree(tmp):
    """convkit/, solutions/, tests/, pyproject.toml (pytest's settings) and this file."""
    import shutil
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    for folder in ("convkit", "solutions", "tests"):
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(tmp, folder), ignore=ignore)
    os.mkdir(os.path.join(tmp, "tools"))
    for name in ("pyproject.toml", os.path.join("tools", "mutants.py")):
        shutil.copy(os.path.join(ROOT, name), os.path.join(tmp, name))


def start_server(tmp, socket_path):
    import subprocess
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", PYTHONPATH=tmp)
    server = subprocess.Popen([sys.executable, os.path.join(tmp, "tools", "mutants.py"),
                               "serve", socket_path, tmp], stdout=subprocess.PIPE, env=env)
    CHILDREN.append(server)
    if server.stdout.readline().strip() != b"ready":
        raise SystemExit("mutants: the test server did not start")
    return server


def ask(socket_path, name):
    """The outcome of one test run, as the client gets it."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(socket_path)
    connection.sendall(name.encode())
    answer = connection.recv(1024).decode()
    connection.close()
    return answer


def session(tmp, socket_path, module, functions, tests, tag):
    """Make the work for one session: write its Cosmic Ray config, list every mutant of
    the module, and mark as skipped those outside `functions` or made by an
    EXCLUDED_OPERATORS operator. The number of mutants left."""
    import subprocess

    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult
    config = os.path.join(tmp, tag + ".toml")
    with open(config, "w") as f:
        f.write('[cosmic-ray]\nmodule-path = "{module}"\ntimeout = {timeout}\n'
                'excluded-modules = []\ntest-command = "{python} tools/mutants.py client {sock}'
                ' {tests}"\n\n[cosmic-ray.distributor]\nname = "local"\n'.format(
                    module=module, timeout=TEST_TIMEOUT + 60, python=sys.executable,
                    sock=socket_path, tests=tests))
    db_path = os.path.join(tmp, tag + ".sqlite")
    subprocess.check_call([os.path.join(os.path.dirname(sys.executable), "cosmic-ray"), "init",
                           config, db_path], cwd=tmp)
    with use_db(db_path, WorkDB.Mode.open) as db:
        skipped = [item.job_id for item in db.pending_work_items
                   if not all(m.definition_name in functions and
                              not m.operator_name.endswith(EXCLUDED_OPERATORS)
                              for m in item.mutations)]
        db.set_multiple_results(skipped, WorkResult(output="not a target",
                                                    worker_outcome=WorkerOutcome.SKIPPED))
        total = db.num_work_items - len(skipped)
    return config, db_path, total


def run_session(tmp, config, db_path, name, total):
    """cosmic-ray exec, with a progress line every minute."""
    import sqlite3
    import subprocess
    started = time.time()
    process = subprocess.Popen([os.path.join(os.path.dirname(sys.executable), "cosmic-ray"),
                                "exec", config, db_path], cwd=tmp)
    CHILDREN.append(process)
    while process.poll() is None:
        try:
            process.wait(60)
        except subprocess.TimeoutExpired:
            with sqlite3.connect(db_path, timeout=30) as db:
                done, survived = db.execute(
                    "SELECT count(*), sum(test_outcome = 'SURVIVED') FROM work_results "
                    "WHERE worker_outcome != 'SKIPPED'").fetchone()
            print("mutants: {}: {} of {} tested, {} survived, {:.0f} s".format(
                name, done, total, survived or 0, time.time() - started), flush=True)
    if process.returncode != 0:
        raise SystemExit("mutants: cosmic-ray exec failed for {}".format(name))


def hunk(diff):
    """The changed lines of a unified diff, with 2 lines of context either side."""
    lines = [line for line in diff.splitlines() if not line.startswith(("---", "+++"))]
    changed = [i for i, line in enumerate(lines) if line[:1] in "+-" and line[:1]]
    if not changed:
        return diff
    return "\n".join(lines[max(0, changed[0] - 2):changed[-1] + 3])


def explained(diff, notes):
    """A survivor is explained if tests/MUTANTS.md shows its changed lines, as they are."""
    changed = [line for line in diff.splitlines()
               if line[:1] in "+-" and not line.startswith(("---", "+++"))]
    return all(line in notes for line in changed)


def report(results, notes, seconds):
    """Print the survivors, unexplained first, and the counts; True if all are explained.
    results: (module, tests, [(work item, result)]) for each session."""
    survivors, counts = [], {}
    for name, tests, items in results:
        for work_item, result in items:
            if result.worker_outcome == "skipped":
                continue
            mutation = work_item.mutations[0]
            if result.worker_outcome != "normal":
                outcome = "incompetent"  # the mutant could not be made or its tests not run
            elif result.test_outcome == "survived":
                outcome = "survived"
                survivors.append((name, tests, mutation, hunk(result.diff)))
            elif "timeout" in (result.output or ""):
                outcome = "killed by the timeout"
            else:
                outcome = "killed"
            counts[outcome] = counts.get(outcome, 0) + 1
            counts[mutation.definition_name] = counts.get(mutation.definition_name, 0) + 1
    survivors.sort(key=lambda s: (explained(s[3], notes), s[0], s[2].start_pos))
    unexplained = 0
    for name, _, mutation, diff in survivors:
        known = explained(diff, notes)
        unexplained += not known
        print("\n{} {} {}() line {}: {}".format(
            "explained in tests/MUTANTS.md:" if known else "SURVIVED, NOT EXPLAINED:", name,
            mutation.definition_name, mutation.start_pos[0], mutation.operator_name))
        print(diff)
    functions = [f for _, functions, _ in SESSIONS for f in functions if f in counts]
    killed = counts.get("killed", 0) + counts.get("killed by the timeout", 0)
    print("\nmutants: {} generated ({}), {} killed ({} by the timeout), {} survived ({} not"
          " explained in tests/MUTANTS.md), {} incompetent; {:.0f} s".format(
              sum(counts[f] for f in functions),
              ", ".join("{} {}".format(counts[f], f) for f in functions),
              killed, counts.get("killed by the timeout", 0), len(survivors), unexplained,
              counts.get("incompetent", 0), seconds))
    return unexplained == 0


def worker(sessions, results, functions):
    """Run sessions from the shared list until none is left, in a folder of its own."""
    import tempfile

    from cosmic_ray.work_db import WorkDB, use_db
    tmp = tempfile.mkdtemp(prefix="convkit-mutants-")
    FOLDERS.append(tmp)
    copy_tree(tmp)
    socket_path = os.path.join(tmp, "tests.sock")
    start_server(tmp, socket_path)
    while sessions:
        try:
            name, mutated, tests = sessions.pop(0)
        except IndexError:
            return
        mutated = [f for f in mutated if f in functions]
        if not mutated:
            continue
        if ask(socket_path, tests) != "pass":
            raise SystemExit("mutants: the {} tests fail with no mutant: run make test".format(
                tests))
        tag = "{}-{}".format(os.path.basename(name)[:-len(".py")], mutated[0])
        config, db_path, total = session(tmp, socket_path, name, mutated, tests, tag)
        print("mutants: {}: {} mutants in {}, tested by the {} tests".format(
            tag, total, ", ".join(mutated), tests), flush=True)
        run_session(tmp, config, db_path, tag, total)
        with use_db(db_path, WorkDB.Mode.open) as db:
            results.append((name, tests, db.completed_work_items))


def main(argv):
    import argparse
    import shutil
    import threading
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=2, help="sessions side by side (2)")
    everything = [f for _, functions, _ in SESSIONS for f in functions]
    parser.add_argument("--functions", default=",".join(everything),
                        help="only these (default: " + ", ".join(everything) + ")")
    args = parser.parse_args(argv)
    functions = args.functions.split(",")
    if not set(functions) <= set(everything) or args.jobs < 1:
        parser.error("--functions: one or more of " + ", ".join(everything))
    started = time.time()

    def stop(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, stop)
    sessions, results, errors = list(SESSIONS), [], []

    def work():
        try:
            worker(sessions, results, functions)
        except BaseException as err:  # noqa: B036 (reported by the main thread)
            errors.append(err)
            del sessions[:]
    try:
        threads = [threading.Thread(target=work, daemon=True) for _ in range(args.jobs)]
        for thread in threads:
            thread.start()
        while any(thread.is_alive() for thread in threads):
            time.sleep(1)
        if errors:
            raise errors[0]
        notes = ""
        if os.path.exists(os.path.join(ROOT, "tests", "MUTANTS.md")):
            with open(os.path.join(ROOT, "tests", "MUTANTS.md")) as f:
                notes = f.read()
        order = {(name, tests): i for i, (name, _, tests) in enumerate(SESSIONS)}
        results.sort(key=lambda r: order[r[:2]])
        return 0 if report(results, notes, time.time() - started) else 1
    finally:
        del sessions[:]
        for process in CHILDREN:  # the ones this run started, each by its own process
            if process.poll() is None:
                process.kill()
                process.wait()
        for tmp in FOLDERS:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve(*sys.argv[2:4])
    elif sys.argv[1:2] == ["client"]:
        client(*sys.argv[2:4])
    else:
        sys.exit(main(sys.argv[1:]))
