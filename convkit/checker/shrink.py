"""Shrink a failing case to the smallest one that still fails the same way.

Two steps, both on a budget of runs and seconds (every try is one run of the learner's
file through the fork server):

1. Hypothesis (hypothesis.find) with the predicate "fails the same way", on the task's
   strategy and the stress run's own seed: its generation meets the same cases again
   (those already run are answered from memory, without running them) up to the failing
   one, and its shrinker takes it from there: smaller sizes, seeds and styles.
2. A short greedy pass for what Hypothesis does poorly, sizes that later draws depend on
   and plain numbers: the task's variants (task.variants: fewer rows, channels, taps or
   layers, then simpler numbers), each kept when the case still fails the same way and is
   simpler by cost(); the pass repeats until nothing changes.

"The same way" is the caller's: stress.py compares the kind of failure (the verdict, the
exception's name for a crash, the named mistake or the kind of difference for a wrong
answer).
"""
import random
import time

from convkit.exercises.conv_cases import map_numbers

HYPOTHESIS_SHARE = 0.6  # of the budget's seconds, the rest is the greedy pass's


class Budget(object):
    """At most `runs` runs and `seconds` seconds of shrinking."""

    def __init__(self, runs, seconds):
        self.runs = runs
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self.used = 0

    def left(self):
        return self.used < self.runs and time.monotonic() < self.deadline


class Predicate(object):
    """fails(case) -> bool, remembered by the case's text; False once the budget (or the
    phase's deadline) is spent, so that the shrinkers stop quickly."""

    def __init__(self, task, fails, budget, known=None):
        self.task = task
        self.fails = fails
        self.budget = budget
        self.memory = dict(known or {})
        self.deadline = None

    def __call__(self, case):
        key = self.task.text(case)
        if key in self.memory:
            return self.memory[key]
        if not self.budget.left() or (self.deadline and time.monotonic() > self.deadline):
            return False
        self.budget.used += 1
        self.memory[key] = bool(self.fails(case))
        return self.memory[key]


def shrink(task, case, fails, seed=None, examples=0, known=None, budget=None):
    """(the smallest failing case found, runs used). case must fail; known maps the texts
    of cases already run to whether they failed the same way."""
    budget = budget or Budget(400, 6.0)
    check = Predicate(task, fails, budget, known)
    check.memory[task.text(case)] = True
    best = case
    if seed is not None:
        check.deadline = time.monotonic() + budget.seconds * HYPOTHESIS_SHARE
        found = by_hypothesis(task, check, seed, examples)
        check.deadline = None
        if found is not None and smaller(task, found, best):
            best = found
    return greedy(task, best, check), budget.used


def by_hypothesis(task, check, seed, examples):
    """hypothesis.find's minimal case, or None if its search met no failing case."""
    from hypothesis import HealthCheck, Phase, find, settings
    from hypothesis.errors import HypothesisException
    try:
        return find(task.strategy(), check, settings=settings(
            max_examples=max(examples, 1), phases=[Phase.generate, Phase.shrink],
            database=None, deadline=None, suppress_health_check=list(HealthCheck)),
            random=random.Random(seed))
    except HypothesisException:  # NoSuchExample: the failing case was not met again
        return None


def cost(task, case):
    """How complex a case is, to be made smaller: its count of numbers, then how simple
    they are (0, then 1, then other integers by size, then fractions), then its text."""
    numbers = []
    for line in task.lines:
        if line.used:
            map_numbers(case[line.name], numbers.append)
    text = task.text(case)
    return (len(numbers), sum(number_cost(value) for value in numbers), len(text), text)


def number_cost(value):
    if isinstance(value, int) or float(value).is_integer():
        return abs(value) + (0.5 if value < 0 else 0)
    return 1000 + abs(value)


def smaller(task, a, b):
    """True if case a is simpler than case b."""
    return cost(task, a) < cost(task, b)


def greedy(task, case, check):
    """Keep taking the first simpler variant that still fails, until none does: every
    step lowers cost(), so the pass ends."""
    best = case
    while check.budget.left():
        for candidate in task.variants(best, check):
            if smaller(task, candidate, best) and check(candidate):
                best = candidate
                break
        else:
            return best
    return best
