"""What every command does around its work: read stdin, write the answer on one line as
the course template prints it, and turn every failure into one line on stderr and an exit
status (1 bad input, 2 a bad flag, 130 Ctrl-C), never a traceback or a numpy warning."""
import os
import sys
import warnings

import numpy as np

from convkit import memory
from convkit.stdin import Reader


class FlagError(ValueError):
    """A command-line flag that does not fit the input it came with: exit 2, as argparse."""


class Command(object):
    """One run of a command: its name in messages (prog), its stdin, and what its work is
    known to need (for a later out-of-memory message)."""

    def __init__(self, prog, stdin):
        self.prog = prog
        self.input = Reader(stdin)
        self.memory_note = ""

    def check_memory(self, arrays, printed):
        """memory.check_memory, its note kept for an out-of-memory message."""
        self.memory_note = memory.check_memory(arrays, printed)

    def warn_of_more_lines(self, reads):
        """After the answer, one warning on stderr if a non-blank line follows the graded
        ones (two cases pasted into one input?): the answer is the first case's."""
        if sys.stdout is not None:
            sys.stdout.flush()  # the answer first, then the warning, in a terminal too
        line = self.input.line_after()
        if line is not None:
            to_stderr("{}: line {}: ignored, with what follows; {}\n".format(
                self.prog, line, reads))


def run(command, work):
    """Run work(command) as the program; its exit status. Bad input (a ValueError) gives one
    line on stderr that names the input line, and 1; a bad flag (FlagError) 2."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            warnings.simplefilter("ignore")
            work(command)
            if sys.stdout is None:
                raise OSError("stdout is closed")
            sys.stdout.flush()
    except FlagError as err:
        to_stderr("{}: error: {}\n".format(command.prog, err))
        return 2
    except ValueError as err:
        to_stderr("{}: {}\n".format(command.prog, err))
        return 1
    except MemoryError:
        to_stderr("{}: out of memory{}\n".format(command.prog, command.memory_note))
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # a reader that stopped early, e.g. | head: nothing to tell it
        stdout_to_devnull()
        return 1
    except OSError as err:  # stdout closed, or a full disk
        to_stderr("{}: cannot write the answer: {}\n".format(command.prog,
                                                             err.strerror or err))
        stdout_to_devnull()
        return 1
    return 0


def to_stderr(text):
    """Write to stderr; if it is closed or full, there is no one else to tell."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass


def write_array(arr):
    """The template's write_array: the answer on one line as repr(list)."""
    print(repr(arr.tolist()))


def stdout_to_devnull():
    """What could not be written to stdout is not tried again when Python exits."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # closed, or not a file (a StringIO)
        pass


def check_finite(result, name, lines):
    """Refuse a result with an element that overflowed float64, naming the first one."""
    bad = ~np.isfinite(result)
    if bad.any():
        index = np.unravel_index(np.argmax(bad), bad.shape)
        raise ValueError("{}: {}[{}] overflows float64 (a sum of its terms passes 1.8e308)"
                         .format(lines, name, ", ".join(str(int(i)) for i in index)))
