"""The Task record: everything the package, the harness and the checker need to know about
one graded exercise, in one place. convkit/tasks.py lists the records; each is made in its
module under convkit/exercises/."""
import collections

# A namedtuple, not a dataclass: dataclasses imports inspect and typing, a quarter of the
# command's start-up beyond numpy's (bench/bench.py's start-up row).
LINE_FIELDS = (
    "name",    # "data", "kernel sizes"
    "layout",  # "InLen x InChannels": the axis names, outermost first
    "used",    # False: only the line's shape is used (the gradients' y)
)
TASK_FIELDS = (
    "name",           # the command's name and samples/<name>/
    "function",       # the graded function's name in the grader's file
    "lines",          # the grader's stdin lines (Line), in the order read
    "answer_axes",    # the answer's axes, outermost first; () for one integer
    "description",    # --help's first line
    "usage",          # --help's epilog: the lines read, the flags
    "add_arguments",  # add_arguments(parser): the command's flags
    "work",           # work(command, args): read stdin, compute, print the answer
    "answer",         # answer(case): the answer's text, as the command prints it
    "reference",      # reference(case): the answer by the plain loops (lists or int)
    "strategy",       # strategy(): the Hypothesis strategy of random cases
    "sizes",          # sizes(case): [(axis name, size)]
    "tolerance",      # tolerance(case): (rtol, atol) for judging an answer
    "slips",          # slips(case): [(mistake, the answer with it, sentence fields)]
    "hints",          # mistake -> the sentence that names it (str.format fields)
    "variants",       # variants(case, fails): simpler cases, the biggest steps first
    "picture",        # picture(case): the --draw picture of a case, as text
    "reading",        # (how the answer reads off the conv picture, what unread means)
)


class Line(collections.namedtuple("Line", LINE_FIELDS, defaults=(True,))):
    """One stdin line of the grader's format: its name in messages, its axes."""
    __slots__ = ()


class Task(collections.namedtuple("Task", TASK_FIELDS, defaults=((),))):
    """One graded exercise (TASK_FIELDS). A case is a dict {line name: the line's value as
    plain lists}, in the grader's format."""
    __slots__ = ()

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
