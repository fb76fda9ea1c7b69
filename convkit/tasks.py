"""The registry: the graded exercises, in the order the lesson sets them. The only place
that lists them; each one's Task record is made in its module of convkit/exercises/."""
from convkit.exercises import convolve, input_grad, kernel_grad, receptive_field

TASKS = {task.name: task for task in (convolve.TASK, kernel_grad.TASK, input_grad.TASK,
                                      receptive_field.TASK)}


def task_named(name):
    """The Task of that name; KeyError naming the ones there are."""
    try:
        return TASKS[name]
    except KeyError:
        raise KeyError("no task {!r}: {}".format(name, ", ".join(TASKS)))
