"""The registry: the graded exercises, in the order the lesson sets them. The only place
that lists them; each one's Task record is made in its module of convkit/exercises/
(NAME.TASK).

A command needs one exercise, not four: task_named imports only its module (start-up is
measured against `import numpy` alone, bench/bench.py); TASKS, every record by name, is
made when first asked for."""
import importlib

NAMES = ("convolve", "kernel_grad", "input_grad", "receptive_field")


def task_named(name):
    """The Task of that name; KeyError naming the ones there are."""
    if name not in NAMES:
        raise KeyError("no task {!r}: {}".format(name, ", ".join(NAMES)))
    return importlib.import_module("convkit.exercises." + name).TASK


def __getattr__(name):
    """TASKS: {name: Task} of every exercise, in order (PEP 562: made when first used)."""
    if name == "TASKS":
        return {task: task_named(task) for task in NAMES}
    raise AttributeError("module 'convkit.tasks' has no attribute {!r}".format(name))
