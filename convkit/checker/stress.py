"""Random cases through a learner's file, judged against the package's answers.

generate() draws the task's random cases from its Hypothesis strategy with a seed (the
same seed, the same cases). A Runner runs a learner's file on them through fork servers
(forkclient.py), two at a time on a 2-core machine, while this process writes the next
cases and computes their expected output with the package (task.answer); each answer is
judged by the harness's own verdicts and convkit/compare.py, with the case's tolerance
(task.tolerance). run_stress() stops at the first failing case, shrinks it (shrink.py),
runs the shrunk case once more as a real process (`python FILE`), and gathers what
report.py prints: the diagnosis (diagnose.py), whether the output changes with the input
at all, the package's --explain of the worst element.
"""
import os
import random
import re
import select
import tempfile
import time

from convkit import compare
from convkit.checker import PROJECT, diagnose, harness, isolate, sandbox, shrink
from convkit.checker.forkclient import ForkServer

SERVERS = 2  # cases run at a time: this machine has 2 cores
EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt|Warning)|"
                       r"[A-Za-z_][\w.]*)(?::|$)")


class Prepared(object):
    """A case ready to run: its stdin file and its expected output."""

    def __init__(self, task, case, index, workdir):
        self.task, self.case, self.index = task, case, index
        self.text = task.text(case)
        self.want_text = task.answer(case)
        self.want = compare.parse_expected(self.want_text.encode("utf-8"))
        self.want_size = len(self.want_text.encode("utf-8"))
        self.rtol, self.atol = task.tolerance(case)
        self.limit = compare.output_limit(self.want_size)
        # a new name (O_EXCL): never written through a link a case may have left there
        fd, self.stdin = tempfile.mkstemp(prefix="case-{}-".format(index), suffix=".in",
                                          dir=workdir)
        with os.fdopen(fd, "wb") as f:
            f.write(self.text.encode("utf-8"))

    def remove(self):
        try:
            os.remove(self.stdin)
        except OSError:
            pass


class Sample(object):
    """A sample case (samples/<task>/NAME.in and .out) ready to run like a Prepared one."""

    def __init__(self, task, case, rtol, atol):
        self.task, self.case, self.index = task, None, case.label
        self.label = case.label
        box = sandbox.active()  # a copy: in the sandbox the project's samples are hidden
        self.stdin = box.stdin_copy(case.in_path) if box is not None else case.in_path
        with open(case.out_path, "rb") as f:
            data = f.read()
        self.want_text = data.decode("utf-8", "replace")
        self.want = compare.parse_expected(data)
        self.want_size = len(data)
        self.rtol, self.atol = rtol, atol
        self.limit = compare.output_limit(self.want_size)

    def remove(self):
        pass


class Outcome(object):
    """What a learner's file did on one case, judged."""

    def __init__(self, verdict, details, seconds, got=b"", stderr="", kind=None,
                 diagnoses=()):
        self.verdict, self.details, self.seconds = verdict, details, seconds
        self.got, self.stderr, self.kind, self.diagnoses = got, stderr, kind, list(diagnoses)

    @property
    def failed(self):
        return self.verdict != "AC"


def judge(result, prepared, timeout):
    """The Outcome of an isolate.Result on a prepared case (its files are removed)."""
    try:
        verdict, details = harness._verdict(result, prepared.want, prepared.want_size,
                                            prepared.limit, prepared.rtol, prepared.atol,
                                            timeout)
        got, stderr = b"", ""
        try:
            if result.stdout and result.stdout_size <= prepared.limit:
                with isolate.open_output(result.stdout) as f:
                    got = f.read(prepared.limit + 1)
            if result.stderr and result.stderr_size:
                stderr = isolate.tail(result.stderr, 8)
        except OSError:  # replaced by the case: _verdict said so
            pass
        if sandbox.active() is not None:  # the file's copy named as the user named it
            stderr, details = sandbox.active().shown(stderr), sandbox.active().shown(details)
    finally:
        harness._remove(result)
    if result.survivors:
        details += "\n{} of its processes could not be killed".format(len(result.survivors))
        verdict = "RE" if verdict == "AC" else verdict
    outcome = Outcome(verdict, details, result.seconds, got, stderr)
    outcome.kind = kind_of(outcome, result, prepared)
    return outcome


def kind_of(outcome, result, prepared):
    """The kind of failure, to tell "fails the same way" while shrinking; None for AC."""
    if outcome.verdict == "AC":
        return None
    if outcome.verdict == "RE":
        if result.error:
            return ("RE", "error")
        if result.signal is not None:
            return ("RE", "signal", result.signal)
        last = outcome.stderr.strip().splitlines()[-1:] if outcome.stderr.strip() else []
        match = EXCEPTION.match(last[0].strip()) if last else None
        return ("RE", result.status, match.group(1) if match else None)
    if outcome.verdict != "WA":
        return (outcome.verdict,)
    if prepared.case is None:  # a sample: its inputs are not read here
        return ("WA", "values")
    outcome.diagnoses = diagnose.diagnose(prepared.task, prepared.case, outcome.got,
                                          prepared.want_text, prepared.rtol, prepared.atol)
    if outcome.diagnoses:
        return ("WA",) + tuple(mistake for mistake, _ in outcome.diagnoses)
    details = outcome.details
    for start, name in (("shape", "shape"), ("structure", "shape"), ("not in the", "form"),
                        ("no output", "no output"), ("got ", "values")):
        if details.startswith(start):
            return ("WA", name)
    if " output lines, expected " in details:
        return ("WA", "lines")
    return ("WA", "values")


class Runner(object):
    """Runs one learner's file on prepared cases, through fork servers run by python."""

    def __init__(self, task, path, python, workdir, timeout, servers=SERVERS, compat=False):
        self.task, self.python = task, python
        self.workdir, self.timeout, self.compat = workdir, timeout, compat
        self.sandbox = sandbox.active()  # None: the tests' own runs, not in a sandbox
        self.path = self.sandbox.place(path) if self.sandbox else path
        self.servers = [ForkServer(python, workdir, self.sandbox) for _ in range(servers)]
        self.started = False
        self.runs = 0
        self.forked = True  # False once a real process disagreed with the fork server

    def confirmed(self, prepared, outcome, always=False):
        """A failure through the fork server (and with always, a pass), run again as a real
        process, `python FILE`, which the grader runs: its outcome is the one that counts.
        If the two disagree, the file behaves otherwise in the server, and every later case
        runs as a real process. (A time-out is not run again: the server only saves
        start-up time.)"""
        if (not outcome.failed and not always) or outcome.verdict == "TLE":
            return outcome
        real = self.real_run(prepared)
        if real.failed != outcome.failed:
            self.forked = False
        return real

    def start(self):
        if not self.started:
            try:
                for server in self.servers:  # side by side: each imports numpy
                    server.launch()
                for server in self.servers:
                    server.ready()
            except Exception:
                self.close()
                raise
            self.started = True
        return self

    def close(self):
        for server in self.servers:
            server.close()

    def versions(self):
        return self.start().servers[0].versions

    def run(self, prepared):
        """The Outcome of one case, through the first server (or as a real process, once
        the server has been found to disagree with one). Unconfirmed: a failure here may
        still pass as a real process (see confirmed)."""
        self.runs += 1
        if not self.forked:
            return self.real_run(prepared)
        server = self.start().servers[0]
        return judge(server.run(self.path, prepared.stdin, self.timeout, prepared.limit,
                                compat=self.compat), prepared, self.timeout)

    def run_many(self, make, count, stop=True):
        """Outcomes of cases 0 .. count-1, in order, each made by make(index) (a Prepared)
        while the servers run the cases before it; with stop, up to the first failure.
        [(prepared, outcome)]."""
        pipeline = Pipeline(self, stop)
        for index in range(count):
            if pipeline.stopped:
                break
            pipeline.submit(make(index))
        return pipeline.finish()

    def real_run(self, prepared):
        """The Outcome of `python FILE < case` as a real process, as the grader runs it."""
        if self.sandbox is not None:
            result = self.sandbox.real_run(self.python, self.path, prepared.stdin,
                                           self.timeout, prepared.limit, self.compat)
        else:
            env = isolate.learner_env()
            if self.compat:  # numpy 1.14.1's names, through compat/sitecustomize.py
                env["PYTHONPATH"] = os.path.join(os.path.dirname(__file__), "compat")
            result = isolate.run([self.python, self.path], prepared.stdin, self.timeout,
                                 prepared.limit, self.workdir, env=env)
        return judge(result, prepared, self.timeout)


class Pipeline(object):
    """Cases submitted one by one, run by the runner's servers as they come (a submit waits
    only while every server is busy), judged, and kept in order; with stop, `stopped` turns
    true once the earliest failing case is known (every case before it done)."""

    def __init__(self, runner, stop=True):
        self.runner, self.stop = runner.start(), stop
        self.idle = list(runner.servers)
        self.running = {}  # server -> prepared
        self.done = {}  # index -> (prepared, outcome), not yet in results
        self.results = []
        self.order = []  # the indexes in the order submitted
        self.stopped = False

    def submit(self, prepared):
        while not self.idle:
            self._wait()
        if self.stopped:
            prepared.remove()
            return
        if not self.runner.forked:  # a real process, here and now
            self.order.append(prepared.index)
            self.runner.runs += 1
            self.done[prepared.index] = (prepared, self.runner.real_run(prepared))
            prepared.remove()
            self._advance()
            return
        server = self.idle.pop()
        server.send(self.runner.path, prepared.stdin, self.runner.timeout, prepared.limit,
                    compat=self.runner.compat)
        self.running[server] = prepared
        self.order.append(prepared.index)
        self.runner.runs += 1

    def _wait(self):
        ready, _, _ = select.select(list(self.running), [], [], None)
        for server in ready:
            prepared = self.running.pop(server)
            outcome = judge(server.receive(), prepared, self.runner.timeout)
            self.idle.append(server)
            outcome = self.runner.confirmed(prepared, outcome, always=prepared.index == 0)
            prepared.remove()
            self.done[prepared.index] = (prepared, outcome)
        self._advance()

    def _advance(self):
        """Move the outcomes that are done, in order, to results."""
        while len(self.results) < len(self.order) and self.order[len(self.results)] in \
                self.done and not self.stopped:
            prepared, outcome = self.done.pop(self.order[len(self.results)])
            self.results.append((prepared, outcome))
            self.stopped = self.stop and outcome.failed

    def finish(self):
        """Wait for the cases still running; [(prepared, outcome)] in order (up to the first
        failure, with stop)."""
        while self.running:
            self._wait()
        return self.results


class StopCases(BaseException):
    """Raised by a consumer of generate() to stop drawing cases: a BaseException, which
    Hypothesis lets through rather than take for a failing test to shrink."""


class Cases(list):
    """generate()'s cases, a list, with how they were drawn: asked (count), classes (the
    names of the coverage table's classes, one per case, that the list starts with),
    duplicates (draws skipped as the same text as an earlier case), and why_fewer: None
    when the list holds all `asked` cases (or the `first` asked for), else why not:
    "stopped" (the consumer raised StopCases) or "exhausted" (the strategy gave no new
    case in DRAW_ROUNDS rounds of draws), with the sentence in why_fewer_text."""

    asked, classes, duplicates, why_fewer, why_fewer_text = 0, (), 0, None, None


DRAW_ROUNDS = 3  # rounds of extra draws after the first, for the cases duplicates cost


def first_cases(task, seed):
    """[(class name, case)] of the task's coverage table (COVERAGE in its module of
    convkit/exercises/, as tasks.py finds the Task itself), for the seed; [] without one."""
    import importlib
    try:
        module = importlib.import_module("convkit.exercises." + task.name)
    except ImportError:
        return []
    make = getattr(module, "first_cases", None)
    return make(seed) if make is not None and getattr(module, "TASK", None) is task else []


def generate(task, count, seed, consume=None, first=None):
    """The first `count` distinct random cases of the task for the seed, in order (a Cases
    list). The first cases are one of each class of the task's coverage table (first_cases:
    every class within the grader's first 50 cases, whatever the seed), the rest the
    Hypothesis strategy's draws, max_examples=count as the shrinker's search draws them
    (shrink.py), each new text kept: draws that repeat a case are skipped, and drawn again
    (with seeds made from seed, up to DRAW_ROUNDS rounds) until there are count. With
    consume, each is handed to consume(case) as soon as it is drawn (so that it runs while
    the next are drawn); consume may raise StopCases to stop early. With first, only the
    first `first` of those `count` (the same cases: the draws depend on count)."""
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis.errors import HypothesisException
    cases, seen = Cases(), set()
    cases.asked = count
    want = count if first is None else min(first, count)

    def collect(case):
        text = task.text(case)
        if len(cases) >= want:
            raise StopCases()
        if text in seen:
            cases.duplicates += 1
            return False
        seen.add(text)
        cases.append(case)
        if consume is not None:
            consume(case)
        if len(cases) >= want:
            raise StopCases()
        return False

    def stopped():
        if len(cases) < want:
            cases.why_fewer = "stopped"
            cases.why_fewer_text = "stopped after {} of {} cases".format(len(cases), count)
        return cases

    covered = first_cases(task, seed)[:count]
    cases.classes = [name for name, _ in covered]
    try:
        for _, case in covered:
            collect(case)
    except StopCases:
        return stopped()
    rounds = [(count, random.Random(seed))] + [
        (2 * count + 20, random.Random("{}/more {}".format(seed, n)))
        for n in range(1, DRAW_ROUNDS + 1)]
    for examples, rng in rounds:
        try:
            find(task.strategy(), collect, settings=settings(
                max_examples=examples, phases=[Phase.generate], database=None,
                deadline=None, suppress_health_check=list(HealthCheck)), random=rng)
        except HypothesisException:  # NoSuchExample, as it must: nothing "fails" here
            pass
        except StopCases:
            if len(cases) < want:
                return stopped()
            break
    if len(cases) < want:
        cases.why_fewer = "exhausted"
        cases.why_fewer_text = (
            "only {} distinct cases: {} draws repeated an earlier case, and {} more rounds "
            "of draws found no new one".format(len(cases), cases.duplicates, DRAW_ROUNDS))
    return cases


class StressResult(object):
    """What a stress run found, for the report."""

    def __init__(self, task, seed, total):
        self.task, self.seed, self.total = task, seed, total
        self.passed = 0
        self.failure = None  # (index, Prepared, Outcome) of the first failing case
        self.shrunk = None  # (Prepared, Outcome) of the shrunk case, run as a real process
        self.confirmed = True  # the real process failed the same way
        self.shrink_runs = 0
        self.shrink_seconds = 0.0
        self.stale = None  # None, or the sentence about an output that does not change
        self.seconds = 0.0
        self.runs = 0
        # How many random cases ran, and why fewer than asked (set by run_stress):
        self.asked = total  # the N of --stress N
        self.ran = 0  # random cases run and judged, in order (the failing one included)
        self.duplicates = 0  # draws skipped as the same case as an earlier one (redrawn)
        self.classes = []  # the coverage table's class names, one per case from case 1 on
        self.why_fewer = None  # ran < asked: "failed", "exhausted" or "stopped"
        self.why_fewer_text = None  # the same as a sentence, for the report


def run_stress(task, path, python, workdir, count, seed, timeout, cases=None,
               shrink_budget=None, compat=False):
    """Run up to count random cases; on the first failure shrink it and confirm it. The
    Runner stays open in result.runner (the caller closes it). compat: the file gets the
    names numpy 2 removed (Runner)."""
    start = time.monotonic()
    runner = Runner(task, path, python, workdir, timeout, compat=compat)
    if cases is None:  # drawn while the servers run the cases drawn before
        pipeline = Pipeline(runner)

        def consume(case):
            pipeline.submit(Prepared(task, case, len(drawn) - 1, workdir))
            if pipeline.stopped:
                raise StopCases()

        drawn = []
        cases = generate(task, count, seed, consume=lambda case: (drawn.append(case),
                                                                  consume(case)))
        outcomes = pipeline.finish()
    else:
        outcomes = runner.run_many(lambda i: Prepared(task, cases[i], i, workdir), len(cases))
    result = StressResult(task, seed, count)
    result.runner = runner
    result.cases = cases
    result.passed = sum(1 for _, outcome in outcomes if not outcome.failed)
    result.runs = runner.runs
    result.ran = len(outcomes)
    result.duplicates = getattr(cases, "duplicates", 0)
    result.classes = list(getattr(cases, "classes", ()))
    if outcomes and outcomes[-1][1].failed:
        result.why_fewer = "failed" if result.ran < count else None
        result.why_fewer_text = result.why_fewer and (
            "stopped at the first failing case, case {} of {}".format(result.ran, count))
    elif result.ran < count:
        result.why_fewer = getattr(cases, "why_fewer", None) or "exhausted"
        result.why_fewer_text = getattr(cases, "why_fewer_text", None) or (
            "only {} cases were given".format(len(cases)))
    if outcomes and outcomes[-1][1].failed:
        prepared, outcome = outcomes[-1]
        result.failure = (prepared.index, prepared, outcome)
        shrink_failure(result, runner, outcomes, cases, seed, workdir, shrink_budget)
    result.seconds = time.monotonic() - start
    return result


def answer_shape(prepared):
    """The shape of a case's expected answer (() for a number)."""
    return compare.shape(prepared.want.lines[0].skeleton)


def shrink_failure(result, runner, outcomes, cases, seed, workdir, budget=None):
    task = result.task
    index, prepared, outcome = result.failure
    target = outcome.kind
    start = time.monotonic()
    best = prepared.case
    if outcome.verdict != "TLE":  # a hang is reported as it is: each try would take the timeout
        known = {p.text: False for p, o in outcomes if not o.failed}

        def fails(case):
            candidate = Prepared(task, case, "shrink", workdir)
            try:
                return runner.run(candidate).kind == target
            finally:
                candidate.remove()

        best, result.shrink_runs = shrink.shrink(
            task, prepared.case, fails, seed=seed, examples=result.total, known=known,
            budget=budget or shrink.Budget(400, 6.0))
    result.shrink_seconds = time.monotonic() - start
    final = Prepared(task, best, "shrunk", workdir)
    real = runner.real_run(final)
    result.confirmed = real.kind == target
    if not result.confirmed and best is not prepared.case:  # fall back to the case as found
        final = Prepared(task, prepared.case, "found", workdir)
        real = runner.real_run(final)
        result.confirmed = real.kind == target
    result.shrunk = (final, real)
    result.stale = stale(task, runner, final, real, [prepared.case] + cases, workdir)


def stale(task, runner, final, outcome, cases, workdir, others=2):
    """A sentence if the file printed the same for `others` more inputs whose answers all
    differ (in shape, where the task's answers have one), else None: most likely it still
    reads the lesson's SAMPLES, not stdin. One repeat is not enough: a wrong [[0.0]] comes
    back by chance. Not said of an output that a named mistake explains (one row short of
    a 1-row answer is [] always)."""
    if outcome.verdict != "WA" or not outcome.got.strip() or any(
            mistake != "wrong-shape" for mistake, _ in outcome.diagnoses):
        return None
    answers = {final.want_text: answer_shape(final)}
    for case in cases:
        if len(answers) > others:
            break
        if task.text(case) == final.text:
            continue
        again_case = Prepared(task, case, "again", workdir)
        try:
            shape = answer_shape(again_case)
            if again_case.want_text in answers or (shape and shape in answers.values()):
                continue
            answers[again_case.want_text] = shape
            if runner.run(again_case).got != outcome.got:
                return None
        finally:
            again_case.remove()
    if len(answers) <= others:
        return None
    sentence = ("Your output did not change while the input did: it printed the same for "
                "{} inputs whose answers differ. The file most likely still reads the "
                "lesson's SAMPLES in place of stdin (the notebook's `sys.stdin.readline = "
                "lambda: next(READER)` patch left in): delete the SAMPLES and READER "
                "lines.".format(len(answers)))
    lesson = os.path.join(PROJECT, "samples", task.name, "01-lesson.out")
    try:
        lesson_answer = compare.read_expected(lesson)
        if compare.compare_parsed(outcome.got, lesson_answer, 1e-9, 1e-12) is None:
            sentence += " What it printed is the answer to the lesson's sample."
    except (OSError, ValueError):
        pass
    return sentence
