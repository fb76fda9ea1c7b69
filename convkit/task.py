"""The Task record: everything the package, the harness and the checker need to know about
one graded exercise, in one place. convkit/tasks.py lists the records; each is made in its
module under convkit/exercises/."""
from dataclasses import dataclass
from typing import Callable


@dataclass(frozen=True)
class Line:
    """One stdin line of the grader's format: its name in messages, its axes."""
    name: str    # "data", "kernel sizes"
    layout: str  # "InLen x InChannels": the axis names, outermost first
    used: bool = True  # False: only the line's shape is used (the gradients' y)


@dataclass(frozen=True)
class Task:
    """One graded exercise. A case is a dict {line name: the line's value as plain lists},
    in the grader's format."""
    name: str             # the command's name and samples/<name>/
    function: str         # the graded function's name in the grader's file
    lines: tuple          # the grader's stdin lines (Line), in the order read
    answer_axes: tuple    # the answer's axes, outermost first; () for one integer
    description: str      # --help's first line
    usage: str            # --help's epilog: the lines read, the flags
    add_arguments: Callable  # add_arguments(parser): the command's flags
    work: Callable        # work(command, args): read stdin, compute, print the answer
    answer: Callable      # answer(case): the answer's text, as the command prints it
    reference: Callable   # reference(case): the answer by the plain loops (lists or int)
    strategy: Callable    # strategy(): the Hypothesis strategy of random cases
    sizes: Callable       # sizes(case): [(axis name, size)]
    tolerance: Callable   # tolerance(case): (rtol, atol) for judging an answer
    slips: Callable       # slips(case): [(mistake, the answer with it, sentence fields)]
    hints: dict           # mistake -> the sentence that names it (str.format fields)
    variants: Callable    # variants(case, fails): simpler cases, the biggest steps first
    picture: Callable     # picture(case): the --draw picture of a case, as text
    reading: tuple = ()   # (how the answer reads off the conv picture, what unread means)

    def text(self, case):
        """The case as the template's stdin: one repr(list) line per input line."""
        return "".join(repr(case[line.name]) + "\n" for line in self.lines)

    def describe(self, case):
        """'InLen 3, InChannels 1, OutChannels 2, KernelSize 2'."""
        return ", ".join("{} {}".format(name, size) for name, size in self.sizes(case))

    def count_numbers(self, case):
        """How many numbers the case's input lines hold, a line whose values are not used
        (the gradients' y) aside."""
        total = 0
        for line in self.lines:
            if not line.used:
                continue
            todo = [case[line.name]]
            while todo:
                value = todo.pop()
                if isinstance(value, list):
                    todo.extend(value)
                else:
                    total += 1
        return total
