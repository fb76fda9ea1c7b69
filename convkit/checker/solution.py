"""Judge a learner's own file: `./run_tests.sh --solution FILE [--stress N [--seed S]]
[--save DIR] [--grader] TASK` (or CASE.in ... in place of TASK).

1. The task's samples in the grader's format (samples/<task>/GRADER_FORMAT; the others
   are skipped, and named), or the cases named, each run as a real process, `python FILE`,
   and judged as the harness judges the project's own programs.
2. With --stress N, up to N random cases against the package's answers (stress.py), the
   first failure shrunk, explained and saved (report.py).
3. With --grader, the samples and the first GRADER_CASES of those random cases again under
   .venv-grader's Python 3.6 + numpy 1.14.1; where it is missing, the static check.

The grader's verdict decides where there is one: a sample or random case that fails here
only because of numpy 2 (a name it removed, such as np.float, or its print form
np.int64(5)) and passes there is a note. Where the grader's environment did not judge a
case, such a failure is judged again here with numpy 1.14.1's names and print forms put
back (the runner's compat option), and the report says so.

A file that defines the graded function and reads no input is judged as the function (a
scratch copy with the template's reading and printing of solutions/<task>.py added) and
still fails: the grader runs the file as a program.

The report: one line per sample (one for both environments where they agree), then the
failures grouped by cause, then the shrunk counterexample and its explanation, then the
summary: how many random cases ran and why fewer than asked, what was skipped and why, and
last `N passed, M failed` (`, K skipped` when samples were skipped).
"""
import ast
import os
import random
import re
import stat

from convkit import compare, i18n
from convkit.checker import PROJECT, grader_env, harness, report, stress
from convkit.i18n import N_, _, localize, n_

GRADER_CASES = 50
SOURCE_LIMIT = 1 << 20  # bytes of a learner's file read to decide that it is function-only
# a top-level name or attribute that reads stdin, prints, or may do either
INPUT_OUTPUT = frozenset(("print", "input", "stdin", "stdout", "stderr", "readline", "readlines",
                          "read", "write", "open", "exec", "eval", "__import__", "exit",
                          "quit", "fileinput", "pprint", "run_path", "run_module"))
REMOVED_NAME = re.compile(r"AttributeError: (?:module '(numpy(?:\.\w+)*)' has no attribute "
                          r"'(\w+)'|`np\.(\w+)` was removed in the NumPy 2\.0 release)")
NUMPY2_FORM = re.compile(rb"np\.(?:[a-z]+[0-9]*_?)\(([^()]{0,400})\)|np\.(True|False)_")


# ---- the file as a function (item 17.4)

def function_only(task, path):
    """The source of a scratch program for a file that defines task.function and reads no
    input (no top-level code that reads stdin, prints or may do so, decided with ast): the
    file's source, then solutions/<task>.py's but for its graded function's def (the
    template's reading and printing). None for any other file."""
    try:
        with open(path, "rb") as f:
            data = f.read(SOURCE_LIMIT + 1)
        if len(data) > SOURCE_LIMIT:
            return None
        source = data.decode("utf-8-sig")
        tree = ast.parse(source)
    except (OSError, ValueError, SyntaxError, RecursionError, MemoryError):
        return None
    functions = {node.name for node in tree.body
                 if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))}
    if task.function not in functions:
        return None
    for inner in _top_level(tree):
        name = inner.id if isinstance(inner, ast.Name) else inner.attr if isinstance(
            inner, ast.Attribute) else None
        if name in INPUT_OUTPUT or (isinstance(inner, ast.Name) and name in functions):
            return None  # reads, prints, or calls the file's own functions, which may
    template = os.path.join(PROJECT, "solutions", task.name + ".py")
    with open(template, encoding="utf-8") as f:
        lines = f.read().splitlines(True)
    graded = next(node for node in ast.parse("".join(lines)).body
                  if isinstance(node, ast.FunctionDef) and node.name == task.function)
    first = min([graded.lineno] + [d.lineno for d in graded.decorator_list])
    rest = lines[:first - 1] + lines[graded.end_lineno:]
    return (source + ("" if source.endswith("\n") else "\n") +
            "\n# ---- added by the checker: solutions/{}.py but for {}\n".format(
                task.name, task.function) + "".join(rest))


def _top_level(tree):
    """The nodes of the code that runs when the module runs: everything but the bodies of
    functions and lambdas (their decorators and default values run)."""
    todo = [tree]
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            todo.extend(node.decorator_list)
            todo.extend(node.args.defaults)
            todo.extend(d for d in node.args.kw_defaults if d is not None)
        elif isinstance(node, ast.Lambda):
            todo.extend(node.args.defaults)
        else:
            todo.extend(ast.iter_child_nodes(node))


def scratch_program(task, path, workdir):
    """The scratch copy's path if the file is function-only (function_only), else None."""
    source = function_only(task, path)
    if source is None:
        return None
    scratch = os.path.join(workdir, "function-only", os.path.basename(path))
    os.makedirs(os.path.dirname(scratch), exist_ok=True)
    with open(scratch, "w", encoding="utf-8") as f:
        f.write(source)
    return scratch


def function_note(task):
    return _("it defines {function} and reads no input: the grader runs the file as a "
             "program, so the template's reading and printing lines must be in it (below: the "
             "function judged with those of solutions/{task}.py added)").format(
                 function=task.function, task=task.name)


# ---- failing here only because of numpy 2 (item 17.2)

def numpy2_only(outcome, prepared=None):
    """Why the failure comes only from numpy 2 (a name it removed that numpy 1.14.1 has, or
    numpy 2's print form of a scalar where the output is right without it), or None."""
    if outcome.verdict == "RE":
        text = (outcome.details or "") + "\n" + (outcome.stderr or "")
        for match in REMOVED_NAME.finditer(text):
            module, name = match.group(1) or "numpy", match.group(2) or match.group(3)
            if _in_numpy_1_14("{}.{}".format(module, name)):
                return _("{name}: numpy 2 removed it, numpy 1.14.1 has it").format(
                    name="{}.{}".format(module.replace("numpy", "np", 1), name))
        return None
    if outcome.verdict != "WA" or prepared is None or not NUMPY2_FORM.search(
            outcome.got[:1 << 16]):
        return None
    plain = NUMPY2_FORM.sub(lambda m: m.group(1) if m.group(1) is not None else
                            m.group(2).encode(), outcome.got)
    try:
        if compare.compare_parsed(plain, prepared.want, prepared.rtol, prepared.atol) is None:
            return _("numpy 2 prints a numpy scalar as np.float64(...), numpy 1.14.1 as a "
                     "plain number")
    except Exception:  # noqa: BLE001 (an output compare cannot read is not numpy 2's)
        return None
    return None


_names = None


def _in_numpy_1_14(dotted):
    global _names
    if _names is None:
        path = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "numpy-1.14.1-names.txt")
        try:
            with open(path, encoding="utf-8") as f:
                _names = {line.strip() for line in f if not line.startswith("#")}
        except OSError:
            _names = set()
    return dotted in _names


COMPAT_NOTE = N_("note: numpy {version} here fails the file only where numpy 2 differs from "
                 "the grader's numpy 1.14.1 ({why}); judged again here with numpy 1.14.1's "
                 "names put back as the aliases they were and its print forms")


# ---- running

class Row(object):
    """One sample: its case, and its Outcome here and on the grader (None: not run)."""

    def __init__(self, case):
        self.case, self.sample, self.here, self.grader = case, None, None, None

    @property
    def name(self):
        return self.case.label.split("/", 1)[-1]


def sample_of(task, case, rtol, atol):
    """A stress.Sample of the case, its inputs read for the diagnosis where they are the
    grader's format; (None, ERR outcome) for a case that cannot run."""
    if not os.path.isfile(case.out_path):
        return None, stress.Outcome("ERR", i18n.later("has no .out file"), 0.0)
    try:
        if not stat.S_ISREG(os.stat(case.in_path).st_mode):  # a FIFO would never end
            return None, stress.Outcome("ERR", i18n.later("{path} is not a regular file",
                                                     path=harness.shown(case.in_path)), 0.0)
        sample = stress.Sample(task, case, rtol, atol)
    except (OSError, ValueError) as err:
        return None, stress.Outcome("ERR", "{}: {}".format(harness.shown(case.out_path), err),
                                    0.0)
    sample.case = _inputs(task, case.in_path)
    return sample, None


def _inputs(task, path):
    """The case {line name: value} of a small .in in the grader's format, else None."""
    try:
        with open(path, "rb") as f:
            data = f.read(1 << 16)
        lines = data.decode("utf-8").split("\n")
        if len(data) >= 1 << 16 or lines[-1] or len(lines) != len(task.lines) + 1:
            return None
        case = {line.name: ast.literal_eval(text) for line, text in zip(task.lines, lines)}
    except (OSError, ValueError, SyntaxError, RecursionError, MemoryError):
        return None
    return case if all(isinstance(value, list) for value in case.values()) else None


def run_samples_here(task, rows, program, options, workdir, compat=False):
    runner = stress.Runner(task, program, options["python"], workdir, options["timeout"],
                           compat=compat)
    try:
        for row in rows:
            row.sample, error = sample_of(task, row.case, options["rtol"], options["atol"])
            row.here = error or runner.real_run(row.sample)
    finally:
        runner.close()


def run_stress(task, program, options, seed, workdir, compat=False):
    return stress.run_stress(task, program, options["python"], workdir, options["stress"],
                             seed, options["timeout"], compat=compat)


def grader_cases(task, result, options, seed):
    """The random cases the grader runs: the first GRADER_CASES of the run here's, the
    same cases in the same order (drawn again where the run here stopped before them)."""
    want = min(GRADER_CASES, options["stress"])
    cases = list(result.cases[:want])
    if len(cases) < want:
        cases = stress.generate(task, options["stress"], seed, first=GRADER_CASES)[:want]
    return cases


def run_on_the_grader(task, python, program, rows, cases, options, workdir):
    """The grader's outcomes of the samples (into rows) and of the random cases, in order,
    up to the first failure: [(prepared, outcome)]; the runner's fork note."""
    runner = stress.Runner(task, program, python, workdir, options["timeout"])
    outcomes = []
    try:
        runnable = [row for row in rows if row.sample is not None]
        for row in rows:
            if row.sample is None:
                row.grader = row.here  # the same ERR
        for sample, outcome in runner.run_many(lambda i: runnable[i].sample, len(runnable),
                                               stop=False):
            next(row for row in runnable if row.sample is sample).grader = outcome
        if cases:
            outcomes = runner.run_many(
                lambda i: stress.Prepared(task, cases[i], i, workdir), len(cases))
    finally:
        runner.close()
    return outcomes, runner


# ---- the verdict and the report

def check(task, path, cases, skipped, options, workdir, out):
    """Run everything and report; the exit status (0 all passed, 1 any failed)."""
    skipped_names = [] if isinstance(skipped, int) else list(skipped)
    skipped_count = skipped if isinstance(skipped, int) else len(skipped_names)
    passed = failed = 0
    scratch = scratch_program(task, path, workdir)
    program = scratch or path
    if scratch:
        report.emit(out, "FAIL", _("{file} as the grader runs it").format(
            file=harness.shown(path)), 0.0, function_note(task))
        failed += 1
    seed = options["seed"]
    if options["stress"] and seed is None:
        seed = random.SystemRandom().randrange(10 ** 6)
        out.write(_("random cases: seed {seed} (--seed {seed} runs the same cases "
                    "again)").format(seed=seed) + "\n")
        out.flush()
    rows = [Row(case) for case in cases]
    run_samples_here(task, rows, program, options, workdir)
    result = run_stress(task, program, options, seed, workdir) if options["stress"] else None
    notes, later = [], []  # lines before the groups, blocks just before the summary
    try:
        # numpy 2 here: judged again with numpy 1.14.1's names (17.2)
        why = [numpy2_only(row.here, row.sample) for row in rows if row.here.failed]
        if result is not None and result.failure:
            why.append(numpy2_only(result.failure[2], result.failure[1]))
        why = [reason for reason in why if reason]
        compat = bool(why)
        if compat:
            import numpy
            notes.append(_(COMPAT_NOTE).format(version=numpy.__version__, why=why[0]))
            run_samples_here(task, rows, program, options, workdir, compat=True)
            if result is not None and result.failure:
                result.runner.close()
                result = run_stress(task, program, options, seed, workdir, compat=True)
        # the grader's environment
        grader_python = grader_env.python() if options["grader"] else None
        grader_outcomes, grader_runner, random_cases = [], None, []
        if grader_python:
            if result is not None:
                random_cases = grader_cases(task, result, options, seed)
            grader_outcomes, grader_runner = run_on_the_grader(
                task, grader_python, program, rows, random_cases, options, workdir)
        # the samples, one line each where both agree
        groups = Groups()
        if grader_python and rows:
            out.write(_("samples here and on {grader}: one line each where both "
                        "agree").format(grader=_(grader_env.NAME)) + "\n")
        for row in rows:
            p, f = sample_lines(out, row, groups, path, compat)
            passed, failed = passed + p, failed + f
        # the random cases
        counterexample = None
        if result is not None:
            p, f, counterexample = random_lines(
                out, task, result, grader_outcomes, groups, path, compat, later,
                options["save"], options.get("svg"))
            passed, failed = passed + p, failed + f
        for line in notes:
            out.write(report.clip(localize(line), 2000) + "\n")
        if result is not None:
            report.fork_note(out, result.runner)
        if grader_runner is not None:
            report.fork_note(out, grader_runner, _(" on the grader"))
        if options["grader"] and not grader_python:
            p, f = statically(path, out)
            passed, failed = passed + p, failed + f
        groups.write(out, counterexample and counterexample[1])
        for block in later:
            block()
        if counterexample is not None:
            counterexample[0]()
        # the summary
        if result is not None:
            out.write(random_summary(result, options, grader_outcomes, random_cases,
                                     bool(grader_python)) + "\n")
    finally:
        if result is not None:
            result.runner.close()
    if skipped_names:
        out.write(n_("skipped: {count} sample not in the grader's format "
                     "(samples/{task}/GRADER_FORMAT lists those that are): {names}",
                     "skipped: {count} samples not in the grader's format "
                     "(samples/{task}/GRADER_FORMAT lists those that are): {names}",
                     len(skipped_names)).format(count=len(skipped_names), task=task.name,
                                                names=", ".join(skipped_names)) + "\n")
    out.write(harness.summary_line(passed, failed, skipped_count) + "\n")
    out.flush()
    return 1 if failed else 0


def _agree(here, there):
    return here.verdict == there.verdict and (not here.failed or here.kind == there.kind)


def sample_lines(out, row, groups, path, compat):
    """Write a sample's line(s), add its failures to groups; (passed, failed) counted by
    the grader's verdict where there is one."""
    here, there = row.here, row.grader
    label = row.case.label
    if there is None:
        report.emit(out, here.verdict, label, here.seconds)
        if here.failed:
            groups.add(("here", here.verdict, here.kind), _("here"), row.name, here,
                       here.details)
            return 0, 1
        return 1, 0
    if _agree(here, there):
        report.emit(out, there.verdict, label, here.seconds)
        if there.failed:
            groups.add(("both", there.verdict, there.kind), _("here and on the grader"),
                       row.name, there, there.details)
            return 0, 1
        return 1, 0
    note = ""
    if here.failed and not there.failed:
        reason = None if compat else numpy2_only(here, row.sample)
        note = (_("fails here only because of numpy 2 ({why}): a note, not a failure; the "
                  "grader's verdict counts").format(why=reason) if reason else
                _("fails here ({how}) but passes on the grader, whose verdict counts").format(
                    how=report.clip(localize(_first_line(here)), 200)))
    elif here.failed:
        groups.add(("here", here.verdict, here.kind), _("here"), row.name, here, here.details)
    report.emit(out, here.verdict, label, here.seconds, note)
    report.emit(out, there.verdict, label + _(" on the grader"), there.seconds)
    if there.failed:
        groups.add(("grader", there.verdict, there.kind), _("on the grader"), row.name, there,
                   grader_env.describe_failure(there.verdict, _with_stderr(there), path))
        return 0, 1
    return 1, 0


def random_lines(out, task, result, grader_outcomes, groups, path, compat, later, save,
                 picture=None):
    """(passed, failed, counterexample) of the random cases: the grader decides the cases
    it ran, the run here the others; counterexample: None, or (what writes the shrunk
    counterexample's report, its kind of failure)."""
    grader_ran = len(grader_outcomes)
    grader_failure = grader_outcomes[-1] if grader_outcomes and \
        grader_outcomes[-1][1].failed else None
    grader_good = grader_ran - (1 if grader_failure else 0)
    here_failure = result.failure
    passed = grader_good + max(0, result.passed - grader_ran)
    failed = 1 if grader_failure else 0
    counterexample = None
    if here_failure is None and grader_failure is None:
        label = (n_("{count} random cases (seed {seed}), the first {grader} on the grader too",
                    "{count} random cases (seed {seed}), the first {grader} on the grader too",
                    result.passed) if grader_ran else
                 n_("{count} random cases (seed {seed})", "{count} random cases (seed {seed})",
                    result.passed))
        report.emit(out, "AC", label.format(count=result.passed, seed=result.seed,
                                            grader=grader_ran), result.seconds)
        return passed, failed, None
    if here_failure is None:
        report.emit(out, "AC", n_("{count} random cases (seed {seed}) here",
                                  "{count} random cases (seed {seed}) here",
                                  result.passed).format(count=result.passed, seed=result.seed),
                    result.seconds)
    same = False
    if here_failure is not None:
        index, _case, found = here_failure
        if index >= grader_ran:
            failed += 1
        judged = index >= grader_ran or grader_failure is not None and \
            grader_failure[0].index == index
        same = grader_failure is not None and grader_failure[0].index == index and \
            grader_failure[1].kind == found.kind
        if judged:
            extra = [_("the grader (Python 3.6, numpy 1.14.1) fails it the same way")] if \
                same else []
            counterexample = (lambda: report.failure(out, result, path, save, extra=extra,
                                                     picture=picture), found.kind)
        else:  # the grader ran it and passed it: its verdict counts
            reason = None if compat else numpy2_only(found, here_failure[1])
            out.write(report.clip((_(
                "note: random case {index} of {total} fails here ({how}) only because of "
                "numpy 2 ({why}); it passes on the grader, whose verdict counts") if reason else _(
                "note: random case {index} of {total} fails here ({how}); it passes on the "
                "grader, whose verdict counts")).format(
                    index=index + 1, total=result.total, how=localize(_first_line(found)),
                    why=reason), 2000) + "\n")
    if grader_failure is not None and not same:
        prepared, outcome = grader_failure
        details = grader_env.describe_failure(outcome.verdict, _with_stderr(outcome), path)
        details += "\n" + _("input: {lines}").format(lines=" | ".join(
            report.clip(repr(prepared.case[line.name]), 80) for line in task.lines))
        later.append(lambda: report.emit(
            out, outcome.verdict, _("random case {index} of {total} (seed {seed}) on the "
                                    "grader").format(index=prepared.index + 1,
                                                     total=result.total, seed=result.seed),
            outcome.seconds, details))
    return passed, failed, counterexample


def random_summary(result, options, grader_outcomes, random_cases, grader):
    """'random cases: 2 of 300 ran here (seed 1): ...' and why fewer than asked."""
    asked = getattr(result, "asked", options["stress"])
    ran = getattr(result, "ran", None) or result.passed + (1 if result.failure else 0)
    if result.failure:
        why = _("it stops at the first failure, shrunk and shown above") if \
            result.shrink_runs else _("it stops at the first failure, shown above")
    else:
        why = localize(getattr(result, "why_fewer_text", None)) or n_(
            "only {count} distinct cases", "only {count} distinct cases", ran).format(count=ran)
    text = _("random cases: {ran} of {asked} ran here (seed {seed})").format(
        ran=ran, asked=asked, seed=result.seed) + (": " + why if ran < asked else "")
    if grader:
        there = len(grader_outcomes)
        failure = grader_outcomes and grader_outcomes[-1][1].failed
        text += (_("; on the grader the first {count} of them (it stops at the first "
                   "failure)") if failure and there < len(random_cases) else _(
                       "; on the grader the first {count} of them")).format(count=there)
    return text


class Groups(object):
    """Failures grouped by cause: where they happen, the verdict, the kind of failure."""

    def __init__(self):
        self.order, self.members = [], {}

    def add(self, key, where, name, outcome, details):
        if key not in self.members:
            self.order.append(key)
            self.members[key] = (where, outcome, details, [])
        self.members[key][3].append(name)

    def write(self, out, counterexample_kind=None):
        """Each group: a line that names its samples, then (indented) the first one's
        details and what the mistake is, unless the counterexample below shows it."""
        for key in self.order:
            where, outcome, details, names = self.members[key]
            lines = ["{}: {}".format(names[0], localize(details)) if details else names[0]]
            shown_below = counterexample_kind is not None and key[0] != "grader" and \
                key[2] == counterexample_kind
            if shown_below:
                lines.append(_("the counterexample below fails the same way: it is shown "
                               "there"))
            elif key[0] != "grader":
                lines.extend(sentence for _, sentence in outcome.diagnoses)
            out.write(harness.writable(n_(
                "{count} sample fails {where}, {verdict}: {names}",
                "{count} samples fail {where}, {verdict}: {names}", len(names)).format(
                    count=len(names), where=where, verdict=outcome.verdict,
                    names=report.clip(", ".join(names), 1000)) + "\n", out))
            text = report.safe_lines("\n".join(lines))
            out.write(harness.writable("".join(harness.INDENT + line + "\n"
                                               for line in text.splitlines()), out))
        out.flush()


ERROR_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)\b.*$", re.M)


def _first_line(outcome):
    """The verdict and the line that says what went wrong: an exception's own line (numpy
    2's messages go on for lines past it), else the first line of the details."""
    details = outcome.details.splitlines()
    errors = ERROR_LINE.findall(outcome.stderr or "")
    return "{}: {}".format(outcome.verdict, errors[-1] if errors else
                           details[0] if details else "")


def _with_stderr(outcome):
    return outcome.details + (i18n.later("; stderr ends:") + "\n" + outcome.stderr
                              if outcome.stderr and "stderr ends:" not in outcome.details
                              else "")


def statically(path, out):
    """(passed, failed) of the static check, with its report lines."""
    problems = grader_env.static_problems(path)
    label = _("static check for the grader")
    if problems is None:
        harness.report(out, "ERR", label, 0.0, grader_env.missing_text(unavailable=True))
        return 0, 1
    details = grader_env.missing_text()
    if problems:
        details += "\n" + "\n".join(problems)
        harness.report(out, "FAIL", label, 0.0, details)
        return 0, 1
    harness.report(out, "AC", label, 0.0, details)
    return 1, 0


def solution_cases(task, targets, root=PROJECT):
    """(cases, skipped) for a learner's file: the CASE.in targets as named, else the
    task's samples in the grader's format; skipped: the names of the others."""
    folder = os.path.join(root, "samples", task.name)
    marked = harness.grader_format(task.name, root)
    if targets:
        chosen = []
        for target in targets:
            label = harness.shown(target)[:-len(".in")]
            real = os.path.realpath(target)
            if os.path.dirname(real) == os.path.realpath(folder) and \
                    os.path.basename(real)[:-len(".in")] not in marked:
                label += _(" (not in the grader's format)")
            chosen.append(harness.Case(task.name, os.path.abspath(target), label=label))
        return chosen, []
    names = sorted(entry[:-len(".in")] for entry in os.listdir(folder) if entry.endswith(".in"))
    chosen = [harness.Case(task.name, os.path.join(folder, name + ".in"))
              for name in names if name in marked]
    return chosen, [name for name in names if name not in marked]
