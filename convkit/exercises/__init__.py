"""The graded exercises, one module each: its Task record (convkit/task.py) and what only
it does. convkit/tasks.py lists them."""
