"""What the checker prints about random cases, in the harness's verdict-line form
(`VERDICT label seconds`, then details indented by 7): a pass in one line; a failure with
the shrunk case's input lines as the template reads them, the expected and the received
output, the worst element, the reference's --explain of it, the mistake it matches, and
where the case was saved. Also saves the case as a sample (DIR/<task>.in and .out)."""
import contextlib
import io
import json
import os
import re
import shlex
import sys

from convkit import cli
from convkit.checker import harness

SHOW = 300  # characters of a long output line that are shown
TOKEN = re.compile(r"-?inf|nan")
JSON = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


def clip(text, width=SHOW):
    text = text.rstrip("\n")
    if len(text) > width:
        return "{} ... ({} characters)".format(text[:width], len(text))
    return text


def passed(out, label, count, seconds):
    harness.report(out, "AC", "{} {}".format(count, label), seconds)


def failure(out, result, solution, save_dir=None, where=""):
    """Report a stress failure (a checker.stress.StressResult with a failure)."""
    task = result.task
    index, found, found_outcome = result.failure
    final, outcome = result.shrunk
    lines = []
    if result.passed:
        lines.append("{} random case{} before it passed; this one fails ({})".format(
            result.passed, "" if result.passed == 1 else "s", found_outcome.verdict))
    else:
        lines.append("the first random case fails ({})".format(found_outcome.verdict))
    size_before, size_after = task.describe(found.case), task.describe(final.case)
    if result.shrink_runs:
        lines.append("shrunk in {} runs ({:.1f} s): {}{}".format(
            result.shrink_runs, result.shrink_seconds, size_before,
            "" if size_after == size_before else " -> " + size_after))
    else:
        lines.append("case size: {}".format(size_after))
    if not result.confirmed:
        lines.append("(as a real process `python FILE` the file fails here otherwise; shown "
                     "as that run went)")
    lines.append("input, one line each as the template reads them:")
    width = max(len(line.name) for line in task.lines)
    for line in task.lines:
        lines.append("  {:<{}}  {}".format(line.name, width, clip(repr(final.case[line.name]))))
    lines.append("expected  {}".format(clip(final.want_text)))
    if outcome.verdict in ("WA", "AC"):
        lines.append("received  {}".format(clip(outcome.got.decode("utf-8", "replace"))
                                           if outcome.got.strip() else "(nothing)"))
    lines.append("{}: {}".format(outcome.verdict, outcome.details))
    at = worst(outcome.got, final.want_text, final.rtol, final.atol) \
        if outcome.verdict == "WA" else None
    explained = explain(task, final, at)
    if explained:
        lines.append(explained[0])
        lines.extend("  " + line for line in explained[1])
    for _, sentence in outcome.diagnoses:
        lines.append(sentence)
    if result.stale:
        lines.append(result.stale)
    try:
        saved = save(task, final, save_dir) if save_dir else None
    except OSError as err:
        lines.append("could not save the case in {}: {}".format(save_dir, err.strerror or err))
        saved = None
    if saved:
        lines.append("saved: {} and .out: rerun with {} --solution {} {}".format(
            saved, harness.run_tests_here(), shlex.quote(solution), shlex.quote(saved)))
    label = "random case {} of {} (seed {}){}".format(index + 1, result.total, result.seed,
                                                      where)
    harness.report(out, outcome.verdict, label, outcome.seconds, "\n".join(lines))


def fork_note(out, runner, where=""):
    """A line when the fast fork server gave up on the file (see stress.Runner.confirmed)."""
    if not runner.forked:
        out.write("note: a case judged in the checker's fast fork server{} got another "
                  "verdict as a real process, `python FILE`; from there on every case ran as "
                  "a real process (the file behaves otherwise when forked)\n".format(where))
        out.flush()


def worst(got, want_text, rtol, atol):
    """The index of the element farthest out of tolerance, when both outputs are lists of
    the same shape; else None."""
    import numpy as np
    try:
        got_value = np.array(_load(got.decode("utf-8")), dtype=float)
        want_value = np.array(_load(want_text), dtype=float)
    except (ValueError, UnicodeDecodeError):
        return None
    if got_value.shape != want_value.shape or not want_value.ndim:
        return None
    with np.errstate(all="ignore"):
        badness = np.abs(got_value - want_value) - (atol + rtol * np.abs(want_value))
    badness[np.isnan(badness)] = np.inf
    return tuple(int(i) for i in np.unravel_index(int(np.argmax(badness)), badness.shape))


def _load(text):
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) != 1:
        raise ValueError("not one line")
    return json.loads(TOKEN.sub(lambda m: JSON[m.group()], lines[0]))


def explain(task, prepared, at):
    """(heading, lines) of the package's --explain for the element at (for an integer
    answer, its table), or None."""
    if not task.answer_axes:
        args = ["--explain"]
        heading = "convkit {} --explain works it out:".format(task.name)
    elif at is None:
        return None
    else:
        index = ",".join(str(i) for i in at)
        args = ["--explain", "--at", index]
        heading = "convkit {} --explain --at {} works out the expected element:".format(
            task.name, index)
    stdin, stdout, stderr = sys.stdin, io.StringIO(), io.StringIO()
    try:
        sys.stdin = io.StringIO(prepared.text)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            cli.main([task.name] + args)
    finally:
        sys.stdin = stdin
    text = stderr.getvalue().splitlines()
    if task.answer_axes:  # from the element's line on: the shapes are shown above
        starts = [i for i, line in enumerate(text) if re.match(r"^d?[A-Z]+\[", line)]
        text = text[starts[0]:] if starts else text
    return heading, [clip(line, 200) for line in text]


def save(task, prepared, folder):
    """Write the case to folder/<task>.in and its expected output to .out; the .in path."""
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, task.name + ".in")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(prepared.text)
    with open(path[:-len(".in")] + ".out", "w", encoding="utf-8", newline="\n") as f:
        f.write(prepared.want_text)
    return path
