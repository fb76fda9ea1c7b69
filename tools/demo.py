"""make run: each script on the lesson's sample, with what went in and what came out."""
import ast
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LESSON = [  # script, the names of its input lines
    ("convolve", ["data", "kernel", "bias"]),
    ("kernel_grad", ["x", "y", "kernel", "bias"]),
    ("input_grad", ["x", "y", "kernel", "bias"]),
    ("receptive_field", ["kernel sizes", "dilations"]),
]
QUIZZES = [["params", "64", "128", "5"], ["layers", "30", "5"], ["layers", "30", "5", "--dilated"]]


def shape(value):
    return [len(value)] + shape(value[0]) if isinstance(value, list) and value else []


def describe(value):
    """A shape such as 16x2, or the values of a short list."""
    dims = shape(value)
    if len(dims) == 1 and dims[0] <= 6 and all(isinstance(v, int) for v in value):
        return repr(value)
    return "x".join(str(d) for d in dims)


def run(script, stdin, args=()):
    done = subprocess.run([sys.executable, os.path.join(ROOT, "solutions", script + ".py")]
                          + list(args), input=stdin, stdout=subprocess.PIPE,
                          universal_newlines=True, check=True)
    return done.stdout.strip()


def main():
    for script, names in LESSON:
        case = os.path.join("samples", script, "01-lesson.in")
        with open(os.path.join(ROOT, case)) as f:
            text = f.read()
        lines = [ast.literal_eval(line) for line in text.splitlines() if line.strip()]
        answer = run(script, text)
        print("$ python3 solutions/{}.py < {}".format(script, case))
        print("  in:  " + ", ".join("{} {}".format(name, describe(value))
                                    for name, value in zip(names, lines)))
        value = ast.literal_eval(answer)
        print("  out: {}{}".format(describe(value) + " " if isinstance(value, list) else "",
                                   answer if len(answer) <= 72 else answer[:69] + "..."))
    for args in QUIZZES:
        print("$ python3 solutions/conv_arith.py {}".format(" ".join(args)))
        print("  out: " + run("conv_arith", "", args))


if __name__ == "__main__":
    main()
