"""The command line: `python -m convkit NAME [flags] < input` (or `convkit NAME`), NAME a
graded exercise (convolve, kernel_grad, input_grad, receptive_field) or conv_arith, the
lesson's arithmetic quizzes. `convkit NAME --help` says what each reads and every flag.

Exit status: 0, 1 for bad input (one line on stderr naming the input line), 2 for a bad
flag or command line, 130 on Ctrl-C; never a traceback.
"""
import argparse
import sys

from convkit import program
from convkit.tasks import NAMES, task_named

PROG = "convkit"
COMMANDS = NAMES + ("conv_arith",)


class Parser(argparse.ArgumentParser):
    """argparse, with an error as one line `PROG: error: MESSAGE` and exit 2."""

    def error(self, message):
        self.exit(2, "{}: error: {}\n".format(self.prog, message))


def make_parser(only=None):
    """The command line's parser; only: build (and import) the subcommand of that name
    alone: a run needs no other, and building them all was most of a short run's time."""
    parser = Parser(prog=PROG, description="Exact, fast answers to the 1-D convolution "
                    "lesson's exercises; `convkit NAME --help` for each.", allow_abbrev=False)
    commands = parser.add_subparsers(dest="name", metavar="{" + ",".join(COMMANDS) + "}")
    parser.commands = commands.choices  # NAME -> its parser
    for name in NAMES:
        if only not in (None, name):
            continue
        task = task_named(name)
        sub = commands.add_parser(
            task.name, help=task.description, description=task.description,
            epilog=task.usage, formatter_class=argparse.RawDescriptionHelpFormatter,
            allow_abbrev=False)
        task.add_arguments(sub)
        sub.set_defaults(work=task.work)
    if only in (None, "conv_arith"):
        from convkit import arith
        sub = commands.add_parser("conv_arith", help=arith.DESCRIPTION,
                                  description=arith.DESCRIPTION, allow_abbrev=False)
        arith.add_arguments(sub)
        sub.set_defaults(work=arith.work)
    return parser


def main(argv=None):
    """Run one command on sys.stdin, sys.stdout and sys.stderr; its exit status."""
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--at" in argv[:-1]:  # "--at -1,0" would be taken for a flag named -1,0
        i = argv.index("--at")
        argv[i:i + 2] = ["--at=" + argv[i + 1]]
    parser = make_parser(argv[0] if argv and argv[0] in COMMANDS else None)
    try:
        args, extra = parser.parse_known_args(argv)
        if extra:  # the command's own error, named as the command: convkit NAME: error:
            parser.commands.get(args.name, parser).error(
                "unrecognized arguments: {}".format(" ".join(extra)))
        if args.name is None:
            parser.error("choose a command: {}".format(", ".join(COMMANDS)))
        command = program.Command("{} {}".format(PROG, args.name), sys.stdin)
        return program.run(command, lambda command: args.work(command, args))
    except SystemExit as done:  # argparse's --help, or its error
        return done.code


def run():
    """The `convkit` command's entry point: main's status as the exit status."""
    sys.exit(main())
