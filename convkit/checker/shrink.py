"""Shrink a failing case to the smallest one that still fails the same way.

Two steps, both on a budget of runs and seconds (every try is one run of the learner's
file through the fork server):

1. Hypothesis (hypothesis.find) with the predicate "fails the same way", on the task's
   strategy and the stress run's own seed: its generation meets the same cases again
   (those already run are answered from memory, without running them) up to the failing
   one, and its shrinker takes it from there: smaller sizes, seeds and styles.
2. A short greedy pass for what Hypothesis does poorly, sizes that later draws depend on
   and plain numbers: drop input rows (the shortest input that still fails, by bisection
   first), output channels, input channels, taps and layers; then make numbers simpler,
   whole lines then one number at a time (0, 1, the integer nearest). Each step is kept
   when the case still fails the same way; the pass repeats until nothing changes.

"The same way" is the caller's: checker/stress.py compares the kind of failure (the
verdict, the exception's name for a crash, the named mistake or the kind of difference for
a wrong answer).
"""
import random
import time

from checker import tasks

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
        key = tasks.text(self.task, case)
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
    check.memory[tasks.text(task, case)] = True
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
        return find(tasks.strategy(task), check, settings=settings(
            max_examples=max(examples, 1), phases=[Phase.generate, Phase.shrink],
            database=None, deadline=None, suppress_health_check=list(HealthCheck)),
            random=random.Random(seed))
    except HypothesisException:  # NoSuchExample: the failing case was not met again
        return None


def cost(task, case):
    """How complex a case is, to be made smaller: its count of numbers, then how simple
    they are (0, then 1, then other integers by size, then fractions), then its text."""
    total = [0.0]

    def add(value):
        if value == 0:
            return
        if isinstance(value, int) or float(value).is_integer():
            total[0] += abs(value) + (0.5 if value < 0 else 0)
        else:
            total[0] += 1000 + abs(value)

    for name in tasks.LINES[task]:
        if name != "y":
            _map(case[name], add)
    text = tasks.text(task, case)
    return (tasks.count_numbers(task, case), total[0], len(text), text)


def smaller(task, a, b):
    """True if case a is simpler than case b."""
    return cost(task, a) < cost(task, b)


def greedy(task, case, check):
    """Keep taking the first simpler variant that still fails, until none does: every
    step lowers cost(), so the pass ends."""
    best = case
    while check.budget.left():
        for candidate in variants(task, best, check):
            if smaller(task, candidate, best) and check(candidate):
                best = candidate
                break
        else:
            return best
    return best


def variants(task, case, check):
    """Simpler cases than case, the biggest steps first."""
    if task == "receptive_field":
        yield from field_variants(case)
        return
    x, kernel, bias = tasks.conv_parts(task, case)
    size = len(kernel[0][0])

    def make(x, kernel, bias):
        return tasks.conv_case(task, x, kernel, bias)

    # the shortest input that still fails, keeping its first rows (bisection)
    if len(x) > size:
        low, high = size, len(x)  # x[:high] fails
        while low < high:
            middle = (low + high) // 2
            if check(make(x[:middle], kernel, bias)):
                high = middle
            else:
                low = middle + 1
        if high < len(x):
            yield make(x[:high], kernel, bias)
        yield make(x[1:], kernel, bias)
        if len(x) <= 16:
            for row in range(1, len(x) - 1):
                yield make(x[:row] + x[row + 1:], kernel, bias)
    if len(kernel) > 1:
        for oc in range(len(kernel)):
            yield make(x, kernel[:oc] + kernel[oc + 1:], bias[:oc] + bias[oc + 1:])
    if len(x[0]) > 1:
        for ic in range(len(x[0])):
            yield make([row[:ic] + row[ic + 1:] for row in x],
                       [[taps for i, taps in enumerate(channels) if i != ic]
                        for channels in kernel], bias)
    if size > 1:
        for k in range(size):
            yield make(x, [[taps[:k] + taps[k + 1:] for taps in channels]
                           for channels in kernel], bias)
    lines = [x, kernel, bias]
    for index, line in enumerate(lines):  # whole lines first
        for simpler in simpler_lines(line):
            yield make(*(lines[:index] + [simpler] + lines[index + 1:]))
    if sum(count(line) for line in lines) <= 24:  # then one number at a time
        for index, line in enumerate(lines):
            for simpler in simpler_numbers(line):
                yield make(*(lines[:index] + [simpler] + lines[index + 1:]))


def field_variants(case):
    kernels, dilations = case["kernel sizes"], case["dilations"]

    def make(kernels, dilations):
        return {"kernel sizes": kernels, "dilations": dilations}

    if len(kernels) > 1:
        for layer in range(len(kernels)):
            yield make(kernels[:layer] + kernels[layer + 1:],
                       dilations[:layer] + dilations[layer + 1:])
    for layer in range(len(kernels)):
        for k in (1, 3):
            if kernels[layer] > k:
                yield make(kernels[:layer] + [k] + kernels[layer + 1:], dilations)
        for d in (1, 2):
            if dilations[layer] > d:
                yield make(kernels, dilations[:layer] + [d] + dilations[layer + 1:])
        if kernels[layer] > 3:
            yield make(kernels[:layer] + [kernels[layer] - 2] + kernels[layer + 1:], dilations)
        if dilations[layer] > 2:
            yield make(kernels, dilations[:layer] + [dilations[layer] - 1]
                       + dilations[layer + 1:])


def count(line):
    return sum(count(item) for item in line) if isinstance(line, list) else 1


def simple_numbers(value):
    """Simpler numbers than value, the simplest first."""
    options = [0, 1, int(round(value))] if isinstance(value, float) else [0, 1]
    found = []
    for option in options:
        if option != value and abs(option) < abs(value) + 1 and option not in found:
            found.append(option)
    return found


def _map(line, function):
    if isinstance(line, list):
        return [_map(item, function) for item in line]
    return function(line)


def simpler_lines(line):
    """The line with every number 0, every number 1, every number its nearest integer."""
    seen = {repr(line)}
    for function in (lambda v: 0, lambda v: 1, lambda v: int(round(v))):
        simpler = _map(line, function)
        if repr(simpler) not in seen:
            seen.add(repr(simpler))
            yield simpler


def simpler_numbers(line):
    """The line with one number made simpler, for each number and each simpler number."""
    flat = []
    _map(line, flat.append)
    for index, value in enumerate(flat):
        for option in simple_numbers(value):
            changed = list(flat)
            changed[index] = option
            numbers = iter(changed)
            yield _map(line, lambda v, numbers=numbers: next(numbers))
