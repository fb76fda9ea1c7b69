"""check(function): judge a learner's graded function from a notebook cell (or any Python
session), as `make check` judges a file, without writing one.

    from convkit import check
    check(apply_convolution)           # the task from the function's name
    check(my_conv, task="convolve")    # or named
    check(apply_convolution, grader=True)   # also its source on the grader's Python

In order, as `./run_tests.sh --solution FILE --stress 300 [--grader] TASK` does:

1. the task's samples in the grader's format (samples/<task>/GRADER_FORMAT, read with the
   package's literal reader), each judged against its .out with the checker's tolerance;
2. `stress` random cases (stress.generate: the checker's own cases for the seed) against
   the package's answers (task.answer, task.tolerance); the first failure shrunk
   (shrink.py) to the smallest case that fails the same way, and diagnosed (diagnose.py);
3. with grader=True, the function's source (inspect.getsource) inside the course
   template's lines, as a file, on the grader's Python where .venv-grader exists
   (the checker's fork servers, as make check runs a file there), else the static check
   (solution.statically).

The function runs in a forked worker (convkit/checker/function.py), called as the
template calls it, its value printed as the template's write_array prints it, and the
printed bytes judged as the file checker judges a file's output (compare.py): a wrong
shape, an integer answer where floats are due, numpy's print form, a print of its own, all
get the file's verdicts. An endless loop is TLE after `timeout` seconds (the worker's
process group killed, the kernel lives on); a crash is RE with the exception's last line.
One difference, knowingly: the first TLE ends the check (the file checker would wait the
time limit once more for every sample left).

The result's text (str, repr) is what `make check` prints for the same outcome; in a
notebook its rich display (_repr_html_) shows the verdict, the smallest counterexample,
the expected and the received answer with the wrong entries marked, the hint, and the
picture of the case (case_svg).
"""
import html
import inspect
import io
import itertools
import os
import random
import tempfile
import textwrap
import time

from convkit import compare, i18n
from convkit.checker import grader_env, harness, isolate, report, shrink, solution
from convkit.checker import stress as stress_module
from convkit.checker.function import TEMPLATES, Worker, as_file
from convkit.literal import parse_literal

SAMPLE_RTOL, SAMPLE_ATOL = 1e-9, 1e-12  # the checker's for samples (run_tests.sh's defaults)
STRESS = 300  # random cases, as make check
GRADER_CASES = 50  # of them run on the grader, as make check
TIMEOUT = 10.0  # seconds a case, as run_tests.sh
STDERR_LINES = harness.STDERR_LINES
COLOURS = {"AC": "#1a7f37", "WA": "#cf222e", "RE": "#cf222e", "TLE": "#9a6700",
           "OLE": "#9a6700", "FAIL": "#cf222e", "ERR": "#cf222e"}
_svg_ids = itertools.count(1)


def check(function, task=None, stress=STRESS, seed=None, timeout=TIMEOUT, grader=False,
          shrink_seconds=6.0):
    """Judge the function as `make check` judges a file; a CheckResult. task: a task's name
    (convolve, kernel_grad, input_grad, receptive_field) or Task, else the one whose graded
    function has the function's name."""
    task = task_of(function, task)
    if not callable(function):
        raise TypeError("check() needs the function itself, got {!r}".format(function))
    if timeout <= 0 or stress < 0:
        raise ValueError("timeout must be > 0 and stress >= 0")
    result = CheckResult(task, function)
    out = io.StringIO()
    with Worker(function, TEMPLATES[task.name], timeout) as worker:
        run_samples(task, worker, timeout, result, out)
        if stress and not result.timed_out:
            if seed is None:
                seed = random.SystemRandom().randrange(10 ** 6)
                out.write("random cases: seed {} (--seed {} runs the same cases again)\n"
                          .format(seed, seed))
            run_random(task, worker, stress, seed, timeout, result, out, shrink_seconds)
        result.forks = worker.forks
    if result.timed_out:
        out.write("(the other cases were not run: a time-out ends the check)\n")
    if grader:
        before = out.tell()
        run_on_grader(task, function, result, timeout, out)
        result.grader_text = out.getvalue()[before:]
    out.write("{} passed, {} failed{}\n".format(
        result.passed, result.failed,
        ", {} skipped".format(result.skipped) if result.skipped else ""))
    result.text = out.getvalue()
    return result


def task_of(function, task=None):
    """The Task: named, given, or found by the function's name."""
    from convkit.tasks import NAMES, task_named
    if task is not None:
        return task_named(task) if isinstance(task, str) else task
    name = getattr(function, "__name__", None)
    for candidate in NAMES:
        found = task_named(candidate)
        if found.function == name:
            return found
    raise ValueError("no task has a graded function named {!r}: name it {}, or give task= "
                     "({})".format(name, ", ".join(task_named(n).function for n in NAMES),
                                   ", ".join(NAMES)))


class Job(object):
    """A case ready to run, as stress.Prepared is for a file, but with no stdin file: its
    input lines, its expected output, its tolerance and output limit."""

    def __init__(self, task, case, index, want_text=None, tolerance=None, label=None):
        self.task, self.case, self.index, self.label = task, case, index, label
        self.text = task.text(case)
        self.want_text = task.answer(case) if want_text is None else want_text
        data = self.want_text.encode("utf-8")
        self.want = compare.parse_expected(data)
        self.want_size = len(data)
        self.rtol, self.atol = task.tolerance(case) if tolerance is None else tolerance
        self.limit = compare.output_limit(self.want_size)

    def remove(self):
        pass


def judge(run, job, timeout):
    """The stress.Outcome of a function.Run on a job: the verdicts and details of the
    harness's _verdict for a file's run, the kind of failure as stress.kind_of gives it."""
    verdict, details = harness._verdict(run, job.want, job.want_size, job.limit, job.rtol,
                                        job.atol, timeout, got=run.got)
    got = run.got if run.stdout_size <= job.limit else b""
    stderr = isolate.tail(run.stderr, 8) if run.stderr_size else ""
    outcome = stress_module.Outcome(verdict, details, run.seconds, got, stderr)
    outcome.kind = stress_module.kind_of(outcome, run, job)
    return outcome


def sample_jobs(task):
    """(jobs, skipped): the task's samples in the grader's format, read with the package's
    literal reader, each with its .out; the others counted as skipped."""
    cases, skipped = solution.solution_cases(task, [])
    if not isinstance(skipped, int):  # the names of the samples skipped
        skipped = len(skipped)
    jobs = []
    for case in cases:
        with open(case.in_path, encoding="utf-8") as f:
            lines = [line for line in f.read().split("\n") if line.strip()]
        values = {line.name: parse_literal(text) for line, text in zip(task.lines, lines)}
        with open(case.out_path, "rb") as f:
            want = f.read().decode("utf-8")
        jobs.append(Job(task, values, case.case, want_text=want,
                        tolerance=(SAMPLE_RTOL, SAMPLE_ATOL), label=case.label))
    return jobs, cases, skipped


def run_samples(task, worker, timeout, result, out):
    jobs, result.sample_cases, result.skipped = sample_jobs(task)
    for job in jobs:
        outcome = judge(worker.run(job.case, job.limit), job, timeout)
        result.samples.append((job, outcome))
        harness.report(out, outcome.verdict, job.label, outcome.seconds, outcome.details)
        if outcome.failed:
            result.failed += 1
            if result.first is None:
                result.first = (job, outcome)
        else:
            result.passed += 1
        if outcome.verdict == "TLE":
            result.timed_out = True
            break


def run_random(task, worker, count, seed, timeout, result, out, shrink_seconds):
    """Up to count random cases, stopping at the first failure, which is shrunk; reported
    as stress.run_stress's result is (report.passed, report.failure)."""
    start = time.monotonic()
    outcomes = []

    def consume(case):
        job = Job(task, case, len(outcomes))
        outcomes.append((job, judge(worker.run(case, job.limit), job, timeout)))
        if outcomes[-1][1].failed:
            raise stress_module.StopCases()

    cases = stress_module.generate(task, count, seed, consume=consume)
    stressed = stress_module.StressResult(task, seed, count)
    stressed.cases = cases
    stressed.passed = sum(1 for _, outcome in outcomes if not outcome.failed)
    result.random_passed = stressed.passed
    result.seed, result.random_total = seed, count
    result.random_seconds = time.monotonic() - start
    result.random_runs = len(outcomes)
    if outcomes and outcomes[-1][1].failed:
        job, outcome = outcomes[-1]
        stressed.failure = (job.index, job, outcome)
        shrink_failure(task, worker, stressed, outcomes, seed, timeout, shrink_seconds)
        result.timed_out = result.timed_out or outcome.verdict == "TLE"
        report.failure(out, stressed, "", None)
        result.passed += stressed.passed
        result.failed += 1
        result.stressed = stressed
        if result.first is None or result.first[1].verdict == "AC":
            result.first = (job, outcome)
    else:
        report.passed(out, "random cases (seed {})".format(seed), stressed.passed,
                      result.random_seconds)
        result.passed += stressed.passed
    stressed.seconds = time.monotonic() - start


def shrink_failure(task, worker, stressed, outcomes, seed, timeout, seconds):
    """stress.shrink_failure for a function: the same shrinking, through the worker (no
    real process to confirm it with: the function has no file)."""
    index, job, outcome = stressed.failure
    target = outcome.kind
    start = time.monotonic()
    if outcome.verdict == "TLE":  # each try would take the time limit: shown as found
        stressed.shrunk = (job, outcome)
        return
    known = {j.text: False for j, o in outcomes if not o.failed}

    def fails(case):
        candidate = Job(task, case, "shrink")
        return judge(worker.run(case, candidate.limit), candidate, timeout).kind == target

    best, stressed.shrink_runs = shrink.shrink(
        task, job.case, fails, seed=seed, examples=stressed.total, known=known,
        budget=shrink.Budget(400, seconds))
    stressed.shrink_seconds = time.monotonic() - start
    final = Job(task, best, "shrunk")
    again = judge(worker.run(best, final.limit), final, timeout)
    stressed.confirmed = again.kind == target
    if not stressed.confirmed:  # a function that fails otherwise each time: as found
        final, again = job, outcome
    stressed.shrunk = (final, again)


def run_on_grader(task, function, result, timeout, out):
    """The function's source in the template's lines, as a file: on the grader's Python
    (the samples, then the first GRADER_CASES random cases, through the checker's fork
    servers), or the static check where there is none; its report lines, and the passed
    and failed added to the result."""
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError) as err:
        harness.report(out, "ERR", "the function's source for the grader", 0.0,
                       "inspect.getsource cannot find it ({}): define the function in a "
                       "notebook cell or a file".format(err))
        result.failed += 1
        result.grader_failed = True
        return
    result.grader_file = as_file(task, source, function.__name__)
    with tempfile.TemporaryDirectory(prefix="convkit-check-") as workdir:
        path = os.path.join(workdir, task.function + ".py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(result.grader_file)
        python = grader_env.python()
        result.grader_how = "the static check for the grader" if python is None else \
            "on the grader ({})".format(grader_env.NAME.split("(", 1)[1].rstrip(")"))
        if python is None:
            passed, failed = solution.statically(path, out)
        else:
            cases = []
            if result.seed is not None:
                cases = stress_module.generate(task, result.random_total, result.seed,
                                               first=GRADER_CASES)[:GRADER_CASES]
            passed, failed = on_the_grader(task, path, python, result.sample_cases, cases,
                                           timeout, workdir, out)
    result.passed += passed
    result.failed += failed
    result.grader_failed = failed > 0


def on_the_grader(task, path, python, samples, cases, timeout, workdir, out):
    """(passed, failed) of the file on the samples and the random cases under the grader's
    python, with a report line each sample and one for the random cases."""
    passed = failed = 0
    suffix = " on the grader"
    runner = stress_module.Runner(task, path, python, workdir, timeout)
    try:
        prepared = [stress_module.Sample(task, case, SAMPLE_RTOL, SAMPLE_ATOL)
                    for case in samples]
        for sample, outcome in runner.run_many(lambda i: prepared[i], len(prepared),
                                               stop=False):
            details = outcome.details
            if outcome.failed:
                details = grader_env.describe_failure(outcome.verdict, with_stderr(outcome),
                                                      path)
            passed, failed = passed + (not outcome.failed), failed + outcome.failed
            harness.report(out, outcome.verdict, sample.label + suffix, outcome.seconds,
                           details)
        start = time.monotonic()
        outcomes = runner.run_many(
            lambda i: stress_module.Prepared(task, cases[i], i, workdir), len(cases))
    finally:
        runner.close()
    good = sum(1 for _, outcome in outcomes if not outcome.failed)
    passed += good
    if outcomes and outcomes[-1][1].failed:
        job, outcome = outcomes[-1]
        failed += 1
        details = grader_env.describe_failure(outcome.verdict, with_stderr(outcome), path)
        details += "\ninput: " + " | ".join(report.clip(repr(job.case[line.name]), 80)
                                            for line in task.lines)
        harness.report(out, outcome.verdict, "random case {} of {}{}".format(
            job.index + 1, len(cases), suffix), outcome.seconds, details)
    elif cases:
        report.passed(out, "random cases" + suffix, good, time.monotonic() - start)
    return passed, failed


def with_stderr(outcome):
    return outcome.details + ("; stderr ends:\n" + outcome.stderr if outcome.stderr and
                              "stderr ends:" not in outcome.details else "")


class CheckResult(object):
    """What check() found. ok: everything passed; verdict: "AC", or the first failure's;
    text: what `make check` prints for the same outcome (also str() and repr()); in a
    notebook, _repr_html_ shows the verdict, the counterexample and the hint."""

    def __init__(self, task, function):
        self.task = task
        self.function_name = getattr(function, "__name__", "?")
        self.samples = []  # [(Job, Outcome)]
        self.sample_cases = []
        self.passed = self.failed = self.skipped = 0
        self.first = None  # (Job, Outcome) of the first failure, a sample's or random
        self.stressed = None  # the stress result of a random failure (shrunk)
        self.seed = None
        self.random_total = self.random_passed = self.random_runs = 0
        self.random_seconds = 0.0
        self.timed_out = False
        self.grader_failed = False
        self.grader_file = None  # the file the grader ran, with grader=True
        self.grader_text = ""  # its report lines
        self.grader_how = None  # on the grader, or its static check
        self.forks = 0
        self.text = ""

    @property
    def ok(self):
        return self.failed == 0

    def __bool__(self):
        return self.ok

    @property
    def verdict(self):
        if self.first is not None:
            return self.first[1].verdict
        return "FAIL" if self.failed else "AC"

    @property
    def cases_per_second(self):
        """Random cases judged a second (drawn, run, compared), shrinking aside."""
        return self.random_runs / self.random_seconds if self.random_seconds else 0.0

    @property
    def counterexample(self):
        """(Job, Outcome) of the case to show: the shrunk random case, else the first
        failing sample; None when nothing failed here."""
        if self.stressed is not None:
            return self.stressed.shrunk
        return self.first

    @property
    def hints(self):
        """The sentences that name the mistake, or say what went wrong."""
        shown = self.counterexample
        if shown is None:
            return []
        job, outcome = shown
        sentences = [sentence for _, sentence in outcome.diagnoses]
        if outcome.verdict == "RE":
            last = grader_env.last_error(outcome.stderr)
            sentences.insert(0, "Your function stopped the program: {}".format(
                last or i18n.localize(outcome.details).splitlines()[0]))
        if outcome.verdict == "TLE":
            sentences.insert(0, "Your function did not return within the time limit on a "
                                "case of {}: an endless loop?".format(
                                    self.task.describe(job.case)))
        return sentences

    def __str__(self):
        return self.text

    def __repr__(self):
        return self.text.rstrip("\n")

    def _repr_html_(self):
        return render_html(self)


# ---- the rich display

def case_svg(task, case):
    """The picture of a case as an SVG image (text), or None: the one place that chooses
    the drawing function (svg.case_svg: the conv picture, the gradients' own, the stack)."""
    try:
        from convkit import svg
        return svg.case_svg(task, case)
    except Exception:  # a picture is a help, never a reason for the check to fail
        return None


def render_html(result):
    task = result.task
    colour = COLOURS.get(result.verdict, "#cf222e")
    parts = ['<div class="convkit-check">',
             '<p><span style="background:{};color:#fff;padding:2px 8px;border-radius:4px;'
             'font-weight:bold">{}</span> <b>{}</b> <code>{}</code>: {}</p>'.format(
                 colour, html.escape(result.verdict), html.escape(task.name),
                 html.escape(result.function_name), html.escape(summary(result)))]
    shown = result.counterexample
    if shown is not None:
        job, outcome = shown
        parts.append(counterexample_html(result, job, outcome))
    if result.grader_failed:
        parts.append("<p>The function's source inside the template's lines, {}:</p><pre>{}"
                     "</pre>".format(html.escape(result.grader_how or "for the grader"),
                                     html.escape(result.grader_text)))
    parts.append("<details><summary>as <code>make check</code> prints it</summary>"
                 "<pre>{}</pre></details>".format(html.escape(result.text)))
    parts.append("</div>")
    return "\n".join(parts)


def summary(result):
    if result.ok:
        grader = ", and {}".format(result.grader_how) if result.grader_how else ""
        return "{} passed ({} samples, {} random cases, seed {}){}".format(
            result.passed, len(result.samples), result.random_passed, result.seed, grader)
    if result.timed_out:
        return "a case ran past the time limit; the check stopped there"
    return "{} passed, {} failed".format(result.passed, result.failed)


def counterexample_html(result, job, outcome):
    task = result.task
    where = ("the smallest failing case found (random case {} of seed {}, shrunk: {})".format(
        result.stressed.failure[0] + 1, result.seed, task.describe(job.case))
        if result.stressed is not None else "sample {}".format(job.label))
    rows = "".join("<tr><th style='text-align:left'>{}</th><td><code>{}</code></td></tr>"
                   .format(html.escape(line.name), html.escape(report.clip(
                       repr(job.case[line.name]))))
                   for line in task.lines)
    parts = ["<p><b>{}</b> on {}:</p>".format(html.escape(outcome.verdict),
                                               html.escape(where)),
             "<table>{}</table>".format(rows)]
    if outcome.verdict in ("WA", "AC"):
        want, got = marked(job, outcome.got)
        parts.append("<table><tr><th>expected</th><th>received</th></tr><tr>"
                     "<td style='vertical-align:top'>{}</td><td style='vertical-align:top'>"
                     "{}</td></tr></table>".format(want, got))
    parts.append("<pre>{}</pre>".format(html.escape(i18n.localize(outcome.details))))
    hints = result.hints
    if hints:
        parts.append("<ul>{}</ul>".format("".join("<li>{}</li>".format(html.escape(hint))
                                                  for hint in hints)))
    svg = case_svg(task, job.case)
    if svg:
        number = next(_svg_ids)  # ids unique in the page, however many results it shows
        for name in ("svg-title", "svg-desc"):
            svg = svg.replace(name, "{}-{}".format(name, number))
        parts.append("<div>{}</div>".format(svg))
    return "\n".join(parts)


def marked(job, got):
    """(expected, received) as HTML, the received entries out of tolerance marked (and
    the expected ones beside them), when both have the same shape; else as text."""
    want_tokens, want_shape = tokens(job.want_text.encode("utf-8"))
    got_tokens, got_shape = tokens(got)
    if want_tokens is None or got_tokens is None or want_shape != got_shape:
        return (plain(job.want_text), plain(got.decode("utf-8", "replace")
                                            if got.strip() else "(nothing)"))
    wrong = [compare.outside(g, w, job.rtol, job.atol) is not None
             for g, w in zip(got_tokens, want_tokens)]
    return grid(want_tokens, want_shape, wrong), grid(got_tokens, got_shape, wrong)


def tokens(data):
    """(the number tokens, the shape) of a one-line answer, or (None, None)."""
    try:
        parsed = compare.parse(data)
    except ValueError:
        return None, None
    if len(parsed.lines) != 1:
        return None, None
    line = parsed.lines[0]
    shape = compare.shape(line.skeleton)
    if shape is None:
        return None, None
    return list(compare.numbers(data, line)), shape


def plain(text):
    return "<pre>{}</pre>".format(html.escape(report.clip(text)))


def grid(numbers, shape, wrong, limit=400):
    """A number, a row, a table, or tables one after another (3 axes), the wrong entries
    marked; too many numbers are shown as text."""
    if len(numbers) > limit:
        return plain("{} numbers, {} of them out of tolerance".format(len(numbers),
                                                                     sum(wrong)))

    def cell(i):
        text = html.escape(numbers[i].decode("ascii"))
        if wrong[i]:
            return ("<td style='background:#ffd7d5;font-weight:bold' title='out of "
                    "tolerance'>{}</td>".format(text))
        return "<td>{}</td>".format(text)

    def table(start, rows, columns):
        return "<table>{}</table>".format("".join(
            "<tr>{}</tr>".format("".join(cell(start + r * columns + c) for c in range(columns)))
            for r in range(rows)))

    if not shape:
        return table(0, 1, 1)
    if len(shape) == 1:
        return table(0, 1, shape[0])
    if len(shape) == 2:
        return table(0, shape[0], shape[1])
    block = 1
    for size in shape[2:]:
        block *= size
    columns = shape[-1]
    return "".join("<div>[{}]</div>{}".format(i, table(i * shape[1] * block, shape[1] * (
        block // columns), columns)) for i in range(shape[0]))
