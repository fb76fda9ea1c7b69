"""make run: each exercise on the lesson's sample, with what went in and what came out,
through the package's command (`python -m convkit NAME`) and, where the sample is in the
grader's format (samples/NAME/GRADER_FORMAT), through the graded file (solutions/NAME.py)
too; then the lesson's arithmetic quizzes (`python -m convkit conv_arith`)."""
import ast
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
from convkit.checker.harness import grader_format  # noqa: E402
from convkit.tasks import TASKS  # noqa: E402

SAMPLE = "01-lesson"
QUIZZES = [["params", "64", "128", "5"], ["layers", "30", "5"], ["layers", "30", "5", "--dilated"]]
ENV = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))


def shape(value):
    return [len(value)] + shape(value[0]) if isinstance(value, list) and value else []


def describe(value):
    """A shape such as 16x2, or the values of a short list."""
    dims = shape(value)
    if len(dims) == 1 and dims[0] <= 6 and all(isinstance(v, int) for v in value):
        return repr(value)
    return "x".join(str(d) for d in dims)


def run(argv, stdin=""):
    done = subprocess.run([sys.executable] + argv, input=stdin, stdout=subprocess.PIPE,
                          universal_newlines=True, check=True, cwd=ROOT, env=ENV)
    return done.stdout.strip()


def shown(answer):
    """An answer's line: its shape (for a list), then its text, cut to fit."""
    value = ast.literal_eval(answer)
    return "{}{}".format(describe(value) + " " if isinstance(value, list) else "",
                         answer if len(answer) <= 72 else answer[:69] + "...")


def main():
    for task in TASKS.values():
        case = os.path.join("samples", task.name, SAMPLE + ".in")
        with open(os.path.join(ROOT, case)) as f:
            text = f.read()
        lines = [ast.literal_eval(line) for line in text.splitlines() if line.strip()]
        answer = run(["-m", "convkit", task.name], text)
        print("$ python3 -m convkit {} < {}".format(task.name, case))
        print("  in:  " + ", ".join("{} {}".format(line.name, describe(value))
                                    for line, value in zip(task.lines, lines, strict=False)))
        print("  out: " + shown(answer))
        graded = os.path.join("solutions", task.name + ".py")
        if SAMPLE in grader_format(task.name, ROOT):
            answer_there = run([graded], text)
            print("$ python3 {} < {}".format(graded, case))
            print("  out: " + ("the same" if answer_there == answer else shown(answer_there)))
    for args in QUIZZES:
        print("$ python3 -m convkit conv_arith {}".format(" ".join(args)))
        print("  out: " + run(["-m", "convkit", "conv_arith"] + args))


if __name__ == "__main__":
    main()
