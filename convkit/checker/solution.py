"""Judge a learner's own file: `./run_tests.sh --solution FILE [--stress N] [--seed S]
[--save DIR] [--grader] TASK` (or CASE.in ... in place of TASK).

1. The task's samples in the grader's format (samples/<task>/GRADER_FORMAT; the others
   are counted as skipped), or the cases named, each run as a real process, `python FILE`,
   and judged as the harness judges the project's own programs.
2. With --stress N, up to N random cases against the package's answers (stress.py), the
   first failure shrunk, explained and saved (report.py).
3. With --grader, the samples and the first GRADER_CASES of those random cases again under
   .venv-grader's Python 3.6 + numpy 1.14.1; where it is missing, the static check.
The last line is `N passed, M failed` (`, K skipped` when samples were skipped).
"""
import os
import random
import time

from convkit.checker import PROJECT, grader_env, harness, report, stress

GRADER_CASES = 50


def check(task, path, cases, skipped, options, workdir, out):
    """Run everything; the exit status (0 all passed, 1 any failed)."""
    passed = failed = 0
    python = options["python"]
    rtol, atol, timeout = options["rtol"], options["atol"], options["timeout"]
    p, f = harness.run_cases(cases, [], rtol, atol, timeout, python, workdir, out,
                             program=path, summary=False)
    passed, failed = passed + p, failed + f
    random_cases = []
    if options["stress"]:
        seed = options["seed"]
        if seed is None:
            seed = random.SystemRandom().randrange(10 ** 6)
            out.write("random cases: seed {} (--seed {} runs the same cases again)\n".format(
                seed, seed))
            out.flush()
        result = stress.run_stress(task, path, python, workdir, options["stress"], seed,
                                   timeout)
        random_cases = result.cases[:GRADER_CASES]
        if options["grader"] and len(random_cases) < min(GRADER_CASES, options["stress"]):
            # it stopped early: the grader still runs the first GRADER_CASES of them
            random_cases = stress.generate(task, options["stress"], seed, first=GRADER_CASES)
        try:
            report.fork_note(out, result.runner)
            if result.failure:
                report.failure(out, result, path, options["save"])
                passed, failed = passed + result.passed, failed + 1
            else:
                report.passed(out, "random cases (seed {})".format(seed), result.passed,
                              result.seconds)
                passed += result.passed
        finally:
            result.runner.close()
    if options["grader"]:
        p, f = on_the_grader(task, path, cases, random_cases[:GRADER_CASES], options,
                             workdir, out)
        passed, failed = passed + p, failed + f
    out.write("{} passed, {} failed{}\n".format(
        passed, failed, ", {} skipped".format(skipped) if skipped else ""))
    out.flush()
    return 1 if failed else 0


def on_the_grader(task, path, cases, random_cases, options, workdir, out):
    """(passed, failed) of the samples and random cases under .venv-grader's python,
    through a fork server it runs, or of the static check where there is none."""
    python = grader_env.python()
    if python is None:
        return statically(path, out)
    passed = failed = 0
    suffix = " on the grader"
    runner = stress.Runner(task, path, python, workdir, options["timeout"])
    try:
        try:
            samples = [stress.Sample(task, case, options["rtol"], options["atol"])
                       for case in cases]
        except (OSError, ValueError):  # an unreadable .out: the run here said so
            samples = []
        for sample, outcome in runner.run_many(lambda i: samples[i], len(samples),
                                               stop=False):
            details = outcome.details
            if outcome.failed:
                details = grader_env.describe_failure(outcome.verdict, _with_stderr(outcome),
                                                      path)
                failed += 1
            else:
                passed += 1
            harness.report(out, outcome.verdict, sample.label + suffix, outcome.seconds,
                           details)
        if random_cases:
            start = time.monotonic()
            outcomes = runner.run_many(lambda i: _prepared(task, random_cases, i, workdir),
                                       len(random_cases))
    finally:
        runner.close()
    report.fork_note(out, runner, suffix)
    if random_cases:
        good = sum(1 for _, outcome in outcomes if not outcome.failed)
        passed += good
        if outcomes and outcomes[-1][1].failed:
            prepared, outcome = outcomes[-1]
            failed += 1
            details = grader_env.describe_failure(outcome.verdict, _with_stderr(outcome), path)
            details += "\ninput: " + " | ".join(report.clip(repr(prepared.case[line.name]), 80)
                                                for line in task.lines)
            harness.report(out, outcome.verdict, "random case {} of {}{}".format(
                prepared.index + 1, len(random_cases), suffix), outcome.seconds, details)
        else:
            report.passed(out, "random cases" + suffix, good, time.monotonic() - start)
    return passed, failed


def _with_stderr(outcome):
    return outcome.details + ("; stderr ends:\n" + outcome.stderr if outcome.stderr and
                              "stderr ends:" not in outcome.details else "")


def _prepared(task, cases, index, workdir):
    return stress.Prepared(task, cases[index], index, workdir)


def statically(path, out):
    """(passed, failed) of the static check, with its report lines."""
    problems = grader_env.static_problems(path)
    label = "static check for the grader"
    if problems is None:
        harness.report(out, "ERR", label, 0.0, grader_env.missing_text().replace(
            "checked statically instead", "and the static check is not available "
            "(convkit/checker/static_check.py and vermin)"))
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
    task's samples in the grader's format, the others counted as skipped."""
    folder = os.path.join(root, "samples", task.name)
    marked = harness.grader_format(task.name, root)
    if targets:
        chosen = []
        for target in targets:
            label = harness.shown(target)[:-len(".in")]
            real = os.path.realpath(target)
            if os.path.dirname(real) == os.path.realpath(folder) and \
                    os.path.basename(real)[:-len(".in")] not in marked:
                label += " (not in the grader's format)"
            chosen.append(harness.Case(task.name, os.path.abspath(target), label=label))
        return chosen, 0
    names = sorted(entry[:-len(".in")] for entry in os.listdir(folder) if entry.endswith(".in"))
    chosen = [harness.Case(task.name, os.path.join(folder, name + ".in"))
              for name in names if name in marked]
    return chosen, len(names) - len(chosen)
