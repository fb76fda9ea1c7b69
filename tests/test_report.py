"""The checker's report (convkit/checker/report.py): a learner's output shown safely, the
worst element found without ever raising on any output, and a counterexample saved as
DIR/<file stem>.<task>.in and .out, never through a link and never outside DIR."""
import io
import os
import sys
import time

import pytest

from convkit.checker import report, stress
from convkit.tasks import TASKS

pytestmark = pytest.mark.skipif(sys.version_info < (3, 10),
                                reason="the checker runs on .venv's Python 3.10+")

CONVOLVE = TASKS["convolve"]


# ---- the learner's output, shown safely (18.7)

def test_control_characters_are_escaped_and_newlines_shown():
    text = report.shown(b"\x1b[8mhidden\r\n[[1.0]]\n\tend\x07\n")
    assert "\x1b" not in text and "\r" not in text and "\n" not in text and "\x07" not in text
    assert text == "\\x1b[8mhidden\\r\\n[[1.0]]\\n\\tend\\x07"


def test_one_trailing_newline_is_print_s_and_not_shown():
    assert report.shown(b"[[1.0]]\n") == "[[1.0]]"
    assert report.shown(b"[[1.0]]\n\n") == "[[1.0]]\\n"


def test_long_output_is_clipped_with_its_size_and_in_linear_time():
    huge = b"[" + b"1.5, " * (8 << 20) + b"1.5]\n"  # 40 MB
    start = time.monotonic()
    text = report.shown(huge)
    assert time.monotonic() - start < 0.5
    assert len(text) < report.SHOW + 40 and text.endswith("({} bytes)".format(len(huge)))
    assert report.shown("x" * 1000, 20) == "x" * 20 + " ... (1000 characters)"
    escaped = report.shown("\x1b" * 1000, 20)  # the escapes count toward the width
    assert escaped == "\\x1b" * 5 + " ... (1000 characters)"


def test_undecodable_bytes_are_replaced_not_raised():
    assert report.shown(b"\xff\xfe[1]") == "\ufffd\ufffd[1]"


def test_details_lines_of_a_crash_are_made_safe():
    out = io.StringIO()
    report.emit(out, "RE", "random case 1 of 1", 0.1,
                "exit status 1; stderr ends:\nValueError: \x1b[8mgone\rAC")
    text = out.getvalue()
    assert "\x1b" not in text and "\r" not in text
    assert "ValueError: \\x1b[8mgone\\rAC" in text


# ---- the worst element, by compare.py: never raises, linear (18.3)

WANT = "[[1.0, 2.0], [3.0, 4.0]]\n"


@pytest.mark.parametrize("got", [
    b"[" * 200000 + b"]" * 200000,  # nesting far past the recursion limit
    b"[[1, 2], [3, " + b"1" * 400 + b"]]",  # 10**400 - ish
    b"[[nan, inf], [-inf, nan]]",
    b"[[1e400, 2], [3, 4]]",
    b"[[1.0, 2.0], [3.0, 4.0]]" * 100000,  # huge and not one value
    b"\xff\xfe",
    b"",
    b"Infinity",
    b"[[1.0, 2.0], [3.0]]",
])
def test_worst_never_raises(got):
    start = time.monotonic()
    at = report.worst(got, WANT, 1e-9, 1e-12)
    assert at is None or at in {(0, 0), (0, 1), (1, 0), (1, 1)}
    assert time.monotonic() - start < 5


def test_worst_names_compare_s_worst_element():
    assert report.worst(b"[[1.0, 2.0], [3.5, 4.0]]\n", WANT, 1e-9, 1e-12) == (1, 0)
    assert report.worst(b"[[nan, 2.0], [3.5, 4.0]]\n", WANT, 1e-9, 1e-12) == (0, 0)
    assert report.worst(b"[[1.0, 2.0], [3.0, 4.0]]\n", WANT, 1e-9, 1e-12) is None


def test_worst_at_reads_compare_s_sentence_only():
    details = ("36 of 36 elements out of tolerance; worst at [1, 0]: got 4.4, expected 3.5, "
               "abs err 0.883, rel err 0.25")
    assert report.worst_at(details, CONVOLVE) == (1, 0)
    assert report.worst_at("worst at [1, 2, 3]: ...", CONVOLVE) is None  # not 2 axes
    assert report.worst_at("worst at [0, 1, 2, ..., 7, 8, 9] (depth 12): ...") is None
    assert report.worst_at("not in the template's repr(list) form") is None


# ---- saving a counterexample (18.4)

def prepared(tmp_path):
    case = {"data": [[0], [1]], "kernel": [[[0, 1]]], "bias": [0]}
    return stress.Prepared(CONVOLVE, case, 0, str(tmp_path))


def test_saved_after_the_learner_s_file(tmp_path):
    folder = tmp_path / "saved"
    path = report.save(CONVOLVE, prepared(tmp_path), str(folder), "/x/my solution.py")
    assert path == str(folder / "my_solution.convolve.in")
    assert (folder / "my_solution.convolve.in").read_text() == "[[0], [1]]\n[[[0, 1]]]\n[0]\n"
    assert (folder / "my_solution.convolve.out").read_text() == "[[1.0]]\n"
    assert sorted(os.listdir(folder)) == ["my_solution.convolve.in",
                                          "my_solution.convolve.out"]  # no temporary left


def test_a_link_in_the_folder_is_replaced_never_written_through(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    outside = tmp_path / "precious.txt"
    outside.write_text("keep me\n")
    (folder / "f.convolve.in").symlink_to(outside)
    (folder / "f.convolve.out").symlink_to(tmp_path / "nothing-there")
    report.save(CONVOLVE, prepared(tmp_path), str(folder), "f.py")
    assert outside.read_text() == "keep me\n"
    assert not (tmp_path / "nothing-there").exists()
    for name in ("f.convolve.in", "f.convolve.out"):
        assert not (folder / name).is_symlink() and (folder / name).is_file()


def test_a_folder_that_is_a_link_is_refused(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(OSError):
        report.save(CONVOLVE, prepared(tmp_path), str(tmp_path / "link"), "f.py")
    assert os.listdir(real) == []


def test_a_folder_in_the_way_of_the_name_is_an_error_not_a_write_into_it(tmp_path):
    folder = tmp_path / "saved"
    (folder / "f.convolve.in").mkdir(parents=True)
    (folder / "f.convolve.in" / "x").write_text("")
    with pytest.raises(OSError):
        report.save(CONVOLVE, prepared(tmp_path), str(folder), "f.py")
    assert sorted(os.listdir(folder / "f.convolve.in")) == ["x"]
    assert [name for name in os.listdir(folder) if name.endswith(".tmp")] == []


def test_the_saved_name_keeps_the_task_findable():
    from convkit.checker.__main__ import case_task
    assert report.saved_name(CONVOLVE, "dir/a b\x1b.py") == "a_b_.convolve"
    for name in ("counterexamples/flipped_kernel.convolve.in", "x/convolve.in",
                 "samples/convolve/01-lesson.in", "x/my.solution.v2.convolve.in"):
        assert case_task(name) == "convolve", name
    assert case_task("x/kernel_grad.in") == "kernel_grad"
    assert case_task("x/solution.in") is None


def test_svg_draws_the_shrunk_counterexample_and_only_one(tmp_path):
    """--svg FILE (make check SVG=FILE): the picture of the shrunk case, the one the report
    shows; nothing is written when no case fails; a name that cannot take it is refused."""
    from xml.etree import ElementTree

    from checking import LEARNERS, checker
    picture = tmp_path / "case.svg"
    flipped = os.path.join(LEARNERS, "convolve", "flipped_kernel.py")
    status, out, err = checker("--solution", flipped, "--stress", "30", "--seed", "1", "--svg",
                               str(picture), "--save", str(tmp_path / "saved"), "convolve")
    assert status == 1 and "picture: {} (the case above drawn".format(picture) in out, out + err
    root = ElementTree.parse(str(picture)).getroot()
    assert root.tag.endswith("svg")
    assert "[[0], [1]]" in out  # the shrunk case, InLen 2 ...
    assert "InLen 2," in ElementTree.tostring(root, encoding="unicode").replace("\n", " ")
    quiet = tmp_path / "none.svg"
    status, out, err = checker("--solution", os.path.join(LEARNERS, "convolve", "loops.py"),
                               "--stress", "10", "--seed", "1", "--svg", str(quiet), "convolve")
    assert status == 0 and not quiet.exists(), out + err
    for args, says in ((["--svg", ""], "--svg needs a file name"),
                       (["--svg", "/dev/null"], "--svg /dev/null: not a regular file"),
                       (["--svg", str(quiet)], "--svg needs --stress N")):
        status, out, err = checker("--solution", os.path.join(LEARNERS, "convolve", "loops.py"),
                                   *args, "convolve")
        assert (status, out) == (2, "") and says in err and len(err.splitlines()) == 1


def test_make_check_passes_svg_on():
    """make check ... SVG=FILE is --svg FILE (it was silently dropped: a learner review)."""
    import subprocess

    from checking import ROOT
    done = subprocess.run(["make", "-n", "check", "TASK=convolve", "SOLUTION=mine.py",
                           "SVG=case.svg", "SEED=3"], cwd=ROOT, stdout=subprocess.PIPE,
                          universal_newlines=True, check=True)
    assert '--seed 3 --svg case.svg "convolve"' in done.stdout, done.stdout
