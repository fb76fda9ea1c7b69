"""make mutants: mutation testing of the graded functions and the geometry and window code.

  .venv/bin/python tools/mutants.py [--scripts convolve,kernel_grad,input_grad]

Cosmic Ray (requirements-mutants.txt) makes every mutant its operators can make in the
functions of TARGETS, one at a time, runs the script's fast property tests (TESTS) on it
and records whether they fail (killed) or pass (survived). Each script's own copy of the
shared blocks is mutated and tested by that script's tests: the grader runs one file, so
each file's copy must be caught by the tests of that file alone.

Cosmic Ray writes each mutant into the file itself, so all of this happens in a copy of
solutions/, tests/ and pyproject.toml in a temporary folder, removed at the end, on an
error or Ctrl-C too: the work tree is only read. A test run is a fork of a server that
has numpy, pytest and hypothesis imported (the `serve` and `client` commands below), so
a mutant costs its tests, not a Python start-up.

At the end: the surviving mutants with their diffs, the ones tests/MUTANTS.md does not
explain first, and the counts. The exit status is 1 if a survivor is unexplained there.
"""
import os
import signal
import socket
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TARGETS = {  # script -> the functions mutated in it
    "convolve": ("apply_convolution", "conv_geometry", "window_chunks"),
    "kernel_grad": ("calculate_kernel_grad", "conv_geometry", "window_chunks", "window_sums"),
    "input_grad": ("calculate_conv_x_grad", "conv_geometry", "window_chunks", "window_sums"),
}
REFERENCE = "tests/test_against_reference.py::"
DIFFERENCES = "tests/test_finite_differences.py::"
TESTS = {  # script -> the tests that run its copy of the targets, the quick killers first
    "convolve": [
        "tests/test_geometry.py", REFERENCE + "test_forward_refuses_mismatched_shapes",
        REFERENCE + "test_forward_with_flags", REFERENCE + "test_forward_graded",
        REFERENCE + "test_products_across_chunks",
        DIFFERENCES + "test_kernel_grad_matches_differences",
        DIFFERENCES + "test_input_grad_matches_differences",
        DIFFERENCES + "test_gradients_of_sum_match_differences"],
    "kernel_grad": [
        "tests/test_geometry.py", REFERENCE + "test_kernel_grad_with_flags_and_upstream",
        REFERENCE + "test_kernel_grad_of_sum", REFERENCE + "test_window_sums_both_ways",
        REFERENCE + "test_mixed_magnitudes_do_not_cancel_in_kernel_grad",
        REFERENCE + "test_products_across_chunks",
        DIFFERENCES + "test_kernel_grad_matches_differences",
        DIFFERENCES + "test_gradients_of_sum_match_differences"],
    "input_grad": [
        "tests/test_geometry.py", REFERENCE + "test_input_grad_with_flags_and_upstream",
        REFERENCE + "test_input_grad_of_sum",
        REFERENCE + "test_mixed_magnitudes_do_not_cancel_in_input_grad",
        REFERENCE + "test_products_across_chunks",
        DIFFERENCES + "test_input_grad_matches_differences",
        DIFFERENCES + "test_gradients_of_sum_match_differences"],
}
# Left out: swapping an arithmetic operator for a bitwise one (<<, >>, |, &, ^) and a
# comparison for `is` / `is not`. On these small non-negative ints they make the same
# kind of wrong index as the arithmetic swaps that are kept, and they would add half as
# many mutants again to a run that is already long on two cores.
EXCLUDED_OPERATORS = ("_RShift", "_LShift", "_BitOr", "_BitAnd", "_BitXor", "_Is", "_IsNot")
TEST_TIMEOUT = 120  # seconds for one mutant's tests; unmutated they take about 10
MEMORY_LIMIT = 4 << 30  # bytes of address space for one test run: a mutant may ask for more
CHILDREN = []  # the processes this run started: the server, cosmic-ray exec


def serve(path, root):
    """Listen on the Unix socket `path`; for each request (a script's name), fork, run
    that script's TESTS in `root` and answer with the outcome: pass, fail, timeout."""
    sys.dont_write_bytecode = True  # a mutant must never be read back from a stale .pyc
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
    """Cosmic Ray's test command: ask the server to test `name`; exit 0 if the tests pass."""
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    connection.connect(path)
    connection.sendall(name.encode())
    answer = connection.recv(1024).decode()
    print(answer or "no answer")
    sys.exit(0 if answer == "pass" else 1)


def copy_tree(tmp):
    """solutions/, tests/ and pyproject.toml (pytest's settings), and this file."""
    import shutil
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".hypothesis")
    for folder in ("solutions", "tests"):
        shutil.copytree(os.path.join(ROOT, folder), os.path.join(tmp, folder), ignore=ignore)
    os.mkdir(os.path.join(tmp, "tools"))
    for name in ("pyproject.toml", os.path.join("tools", "mutants.py")):
        shutil.copy(os.path.join(ROOT, name), os.path.join(tmp, name))


def start_server(tmp, socket_path):
    import subprocess
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
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


def session(tmp, socket_path, name, functions):
    """Make the work for one script: write its Cosmic Ray config, list every mutant, and
    mark as skipped those outside `functions` or made by an EXCLUDED_OPERATORS operator."""
    import subprocess

    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult
    config = os.path.join(tmp, name + ".toml")
    with open(config, "w") as f:
        f.write('[cosmic-ray]\nmodule-path = "solutions/{name}.py"\ntimeout = {timeout}\n'
                'excluded-modules = []\ntest-command = "{python} tools/mutants.py client {sock}'
                ' {name}"\n\n[cosmic-ray.distributor]\nname = "local"\n'.format(
                    name=name, timeout=TEST_TIMEOUT + 60, python=sys.executable,
                    sock=socket_path))
    db_path = os.path.join(tmp, name + ".sqlite")
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
    """Print the survivors, unexplained first, and the counts; True if all are explained."""
    survivors, counts = [], {}
    for name, items in results:
        for work_item, result in items:
            if result.worker_outcome == "skipped":
                continue
            mutation = work_item.mutations[0]
            if result.worker_outcome != "normal":
                outcome = "incompetent"  # the mutant could not be made or its tests not run
            elif result.test_outcome == "survived":
                outcome = "survived"
                survivors.append((name, mutation, hunk(result.diff)))
            elif "timeout" in (result.output or ""):
                outcome = "killed by the timeout"
            else:
                outcome = "killed"
            counts[outcome] = counts.get(outcome, 0) + 1
            counts[name] = counts.get(name, 0) + 1
    survivors.sort(key=lambda s: (explained(s[2], notes), s[0], s[1].start_pos))
    unexplained = 0
    for name, mutation, diff in survivors:
        known = explained(diff, notes)
        unexplained += not known
        print("\n{} {}.py {}() line {}: {}".format(
            "explained in tests/MUTANTS.md:" if known else "SURVIVED, NOT EXPLAINED:", name,
            mutation.definition_name, mutation.start_pos[0], mutation.operator_name))
        print(diff)
    generated = sum(counts.get(name, 0) for name, _ in results)
    killed = counts.get("killed", 0) + counts.get("killed by the timeout", 0)
    print("\nmutants: {} generated ({}), {} killed ({} by the timeout), {} survived ({} not"
          " explained in tests/MUTANTS.md), {} incompetent; {:.0f} s".format(
              generated, ", ".join("{} {}".format(counts.get(name, 0), name)
                                   for name, _ in results),
              killed, counts.get("killed by the timeout", 0), len(survivors), unexplained,
              counts.get("incompetent", 0), seconds))
    return unexplained == 0


def main(argv):
    import argparse
    import shutil
    import tempfile
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scripts", default=",".join(TARGETS),
                        help="which scripts' copies to mutate (default: all three)")
    parser.add_argument("--functions", help="only these of TARGETS (default: all of them)")
    args = parser.parse_args(argv)
    names = args.scripts.split(",")
    if not set(names) <= set(TARGETS):
        parser.error("--scripts: one or more of " + ", ".join(TARGETS))
    functions = set(args.functions.split(",") if args.functions else
                    sum((TARGETS[name] for name in names), ()))
    from cosmic_ray.work_db import WorkDB, use_db
    started = time.time()
    tmp = tempfile.mkdtemp(prefix="convkit-mutants-")

    def stop(signum, frame):
        raise SystemExit(128 + signum)
    signal.signal(signal.SIGTERM, stop)
    try:
        copy_tree(tmp)
        socket_path = os.path.join(tmp, "tests.sock")
        start_server(tmp, socket_path)
        results = []
        for name in names:
            if ask(socket_path, name) != "pass":
                raise SystemExit("mutants: the {} tests fail with no mutant: run make test".format(
                    name))
            mutated = [f for f in TARGETS[name] if f in functions]
            config, db_path, total = session(tmp, socket_path, name, mutated)
            print("mutants: {}: {} mutants in {}".format(name, total, ", ".join(mutated)),
                  flush=True)
            run_session(tmp, config, db_path, name, total)
            with use_db(db_path, WorkDB.Mode.open) as db:
                results.append((name, db.completed_work_items))
        notes = ""
        if os.path.exists(os.path.join(ROOT, "tests", "MUTANTS.md")):
            with open(os.path.join(ROOT, "tests", "MUTANTS.md")) as f:
                notes = f.read()
        return 0 if report(results, notes, time.time() - started) else 1
    finally:
        for process in CHILDREN:  # the ones this run started, each by its own process
            if process.poll() is None:
                process.kill()
                process.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["serve"]:
        serve(*sys.argv[2:4])
    elif sys.argv[1:2] == ["client"]:
        client(*sys.argv[2:4])
    else:
        sys.exit(main(sys.argv[1:]))
