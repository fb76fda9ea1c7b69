"""What the checker prints about a learner's file, in the harness's verdict-line form
(`VERDICT label seconds`, then details indented by 7): a pass in one line; a failure with
the shrunk case's input lines as the template reads them, the expected and the received
output, the worst element, the reference's --explain of it, the mistake it matches, and
where the case was saved. Also saves the case as a sample (DIR/<file stem>.<task>.in and
.out), through a temporary file in DIR, never through a link.

Whatever the learner's file printed is shown safely (shown()): control characters
escaped, so that ESC[8m cannot hide the rest of the report nor a \\r overwrite a line,
newlines as \\n, and a long output clipped with its size said; it is never parsed here
(the worst element is the one convkit/compare.py names)."""
import contextlib
import io
import os
import re
import shlex
import sys

from convkit import cli, compare
from convkit.checker import harness
from convkit.i18n import _, localize, n_

SHOW = 300  # characters of a long output line that are shown
WORST = re.compile(r"worst at \[([0-9]+(?:, [0-9]+)*)\](?! \(depth)")
SAFE_STEM = re.compile(r"[^\w.+-]")


def shown(value, width=SHOW):
    """A learner's output (bytes or text) as one safe line: newlines as \\n, every other
    control character escaped, clipped to about width characters with its size said. Time
    linear in width, whatever the size of value."""
    size = len(value)
    if isinstance(value, bytes):
        unit, head = "bytes", value[:4 * width + 4]
        text = head.decode("utf-8", "replace")
    else:
        unit, head = "characters", value[:width + 1]
        text = head
    whole = len(head) == size
    if whole and text.endswith("\n"):  # the newline print() ends with: not shown
        text = text[:-1]
    pieces, length = [], 0
    for c in text:
        piece = "\\n" if c == "\n" else c if c.isprintable() else repr(c)[1:-1]
        if length + len(piece) > width:
            whole = False
            break
        pieces.append(piece)
        length += len(piece)
    text = "".join(pieces)
    return text if whole else (_("{text} ... ({size} bytes)") if unit == "bytes" else _(
        "{text} ... ({size} characters)")).format(text=text, size=size)


def clip(text, width=SHOW):
    """One line of the checker's own text, or of a case's input, clipped (and made safe)."""
    return shown(text, width)


def safe_lines(text, width=1000):
    """Details text with each line made safe (a crash's stderr lines are the learner's)."""
    return "\n".join(shown(line, width) for line in text.split("\n"))


def emit(out, verdict, label, seconds, details=""):
    """harness.report with every details line made safe (and shown in the language in use:
    localize() first, so that no message is cut before it is translated)."""
    harness.report(out, verdict, label, seconds, safe_lines(localize(details)) if details
                   else "")


def passed(out, label, count, seconds):
    harness.report(out, "AC", "{} {}".format(count, label), seconds)


def failure(out, result, solution, save_dir=None, where="", extra=(), picture=None):
    """Report a stress failure (a checker.stress.StressResult with a failure); the path of
    the saved .in, or None. picture: a file to draw the shrunk case in (--svg)."""
    task = result.task
    index, found, found_outcome = result.failure
    final, outcome = result.shrunk
    lines = []
    if result.passed:
        lines.append(n_("{count} random case before it passed; this one fails ({verdict})",
                        "{count} random cases before it passed; this one fails ({verdict})",
                        result.passed).format(count=result.passed,
                                              verdict=found_outcome.verdict))
    else:
        lines.append(_("the first random case fails ({verdict})").format(
            verdict=found_outcome.verdict))
    size_before, size_after = task.describe(found.case), task.describe(final.case)
    if result.shrink_runs:
        lines.append(n_("shrunk in {runs} runs ({seconds} s): {size}",
                        "shrunk in {runs} runs ({seconds} s): {size}",
                        result.shrink_runs).format(
            runs=result.shrink_runs, seconds="{:.1f}".format(result.shrink_seconds),
            size=size_before + ("" if size_after == size_before else " -> " + size_after)))
    else:
        lines.append(_("case size: {size}").format(size=size_after))
    if not result.confirmed:
        lines.append(_("(as a real process `python FILE` the file fails here otherwise; shown "
                       "as that run went)"))
    lines.append(_("input, one line each as the template reads them:"))
    width = max(len(line.name) for line in task.lines)
    for line in task.lines:
        lines.append("  {:<{}}  {}".format(line.name, width, clip(repr(final.case[line.name]))))
    lines.append(_("expected  {output}").format(output=clip(final.want_text)))
    if outcome.verdict in ("WA", "AC"):
        lines.append(_("received  {output}").format(output=shown(outcome.got) if
                                                    outcome.got.strip() else _("(nothing)")))
    lines.append("{}: {}".format(outcome.verdict, localize(outcome.details)))
    at = worst_at(outcome.details, task) if outcome.verdict == "WA" else None
    explained = explain(task, final, at)
    if explained:
        lines.append(explained[0])
        lines.extend("  " + line for line in explained[1])
    for _mistake, sentence in outcome.diagnoses:
        lines.append(sentence)
    if result.stale:
        lines.append(localize(result.stale))
    lines.extend(extra)
    saved = None
    if save_dir:
        try:
            saved = save(task, final, save_dir, solution)
        except OSError as err:
            lines.append(_("could not save the case in {folder}: {error}").format(
                folder=save_dir, error=err.strerror or err))
    if saved:
        lines.append(_("saved: {case} and .out: rerun with {command}").format(
            case=saved, command="{} --solution {} {}".format(
                harness.run_tests_here(), shlex.quote(solution), shlex.quote(saved))))
    if picture:
        from convkit import svg
        try:
            svg.write_case_svg(task, final.case, picture)
            lines.append(_("picture: {file} (the case above drawn, as convkit {task} --svg "
                           "draws it)").format(file=picture, task=task.name))
        except ValueError as err:
            lines.append(_("could not draw the case: {error}").format(error=err))
    label = _("random case {index} of {total} (seed {seed})").format(
        index=index + 1, total=result.total, seed=result.seed) + where
    emit(out, outcome.verdict, label, outcome.seconds, "\n".join(lines))
    return saved


def fork_note(out, runner, where=""):
    """A line when the fast fork server gave up on the file (see stress.Runner.confirmed)."""
    if not runner.forked:
        out.write(_("note: a case judged in the checker's fast fork server{where} got another "
                    "verdict as a real process, `python FILE`; from there on every case ran "
                    "as a real process (the file behaves otherwise when forked)").format(
                        where=where) + "\n")
        out.flush()


def worst_at(details, task=None):
    """The index of the worst element as convkit/compare.py named it in a WA's details
    ("worst at [1, 0]"), when it has as many indices as the task's answer has axes; else
    None. Reads only compare's own sentence: never the learner's output."""
    match = WORST.search(details or "")
    if not match:
        return None
    at = tuple(int(i) for i in match.group(1).split(", "))
    if task is not None and len(at) != len(task.answer_axes):
        return None
    return at


def worst(got, want_text, rtol, atol):
    """The index of the element farthest out of tolerance, as convkit/compare.py finds it
    (linear in the output, whatever it holds), when both outputs are lists of the same
    shape; else None. Never raises on any output."""
    finder = getattr(compare, "worst_element", None)
    try:
        if finder is not None:
            return finder(got, want_text.encode("utf-8"), rtol, atol)
        reason = compare.compare_parsed(got, compare.parse_expected(want_text.encode("utf-8")),
                                        rtol, atol)
    except Exception:  # noqa: BLE001 (an output that compare cannot read: no element)
        return None
    return worst_at(reason)


def explain(task, prepared, at):
    """(heading, lines) of the package's --explain for the element at (for an integer
    answer, its table), or None."""
    if not task.answer_axes:
        args = ["--explain"]
        heading = _("convkit {task} --explain works it out:").format(task=task.name)
    elif at is None:
        return None
    else:
        index = ",".join(str(i) for i in at)
        args = ["--explain", "--at", index]
        heading = _("convkit {task} --explain --at {at} works out the expected "
                    "element:").format(task=task.name, at=index)
    stdin, stdout, stderr = sys.stdin, io.StringIO(), io.StringIO()
    try:
        sys.stdin = io.StringIO(prepared.text)
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            cli.main([task.name] + args)
    except SystemExit:  # the package refused the element: nothing to show
        return None
    finally:
        sys.stdin = stdin
    text = stderr.getvalue().splitlines()
    if task.answer_axes:  # from the element's line on: the shapes are shown above
        starts = [i for i, line in enumerate(text) if re.match(r"^d?[A-Z]+\[", line)]
        text = text[starts[0]:] if starts else text
    return heading, [clip(line, 200) for line in text]


def saved_name(task, solution):
    """<file stem>.<task>: the name a counterexample of that file is saved under (a
    character other than a letter, digit, '.', '+', '-' or '_' becomes '_')."""
    stem = os.path.splitext(os.path.basename(solution))[0] or "solution"
    return "{}.{}".format(SAFE_STEM.sub("_", stem), task.name)


def save(task, prepared, folder, solution):
    """Write the case to folder/<file stem>.<task>.in and its expected output to .out; the
    .in path. The folder is made if it is missing (not through a link); each file is
    written to a new temporary file in it and renamed over the name, so that a link there
    is replaced, never written through, and nothing is written outside the folder."""
    os.makedirs(folder, exist_ok=True)
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0)
    dir_fd = os.open(folder, flags)  # ELOOP/ENOTDIR: the folder is a link, or not one
    try:
        name = saved_name(task, solution)
        temporary = []
        try:
            for extension, text in ((".out", prepared.want_text), (".in", prepared.text)):
                temporary.append((_write_new(dir_fd, name + extension, text),
                                  name + extension))
            for made, final in temporary:  # .out first: an .in is never without its .out
                os.replace(made, final, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
            temporary = []
        finally:
            for made, _ in temporary:
                try:
                    os.unlink(made, dir_fd=dir_fd)
                except OSError:
                    pass
    finally:
        os.close(dir_fd)
    return os.path.join(folder, name + ".in")


def _write_new(dir_fd, name, text):
    """A new file in the folder dir_fd holding text; its name."""
    flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) |
             getattr(os, "O_CLOEXEC", 0))
    for attempt in range(100):
        made = ".{}.{}-{}.tmp".format(name, os.getpid(), attempt)
        try:
            fd = os.open(made, flags, 0o644, dir_fd=dir_fd)
        except FileExistsError:
            continue
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        except BaseException:
            os.unlink(made, dir_fd=dir_fd)
            raise
        return made
    raise FileExistsError("no free temporary name in the folder")
