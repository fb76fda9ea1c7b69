"""Copy the shared blocks from their source script into every script that carries them.

  python3 tools/sync_shared_blocks.py [--check]

The grader takes one file, so a few blocks are copied between scripts. Edit a block in
its source script (the first one listed below), then run this; --check only reports
(tests/test_style.py fails on drift too). A block runs from its "# ---- name" line to
the next "# ---- " line. In every script the blocks come last, after SHARED_MARKER and
before END_MARKER, so that what the script itself computes is what a reader meets first.
"""
import os
import sys

SOLUTIONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         "solutions")
SHARED_MARKER = (  # the lines before the shared blocks, near the end of every script
    "# ======== Below: the blocks shared between scripts, the same in every script that\n"
    "# carries them (the grader takes one file; tools/sync_shared_blocks.py keeps the copies\n"
    "# identical). Nothing below is specific to this exercise. ========\n")
END_MARKER = "# ---- end of the shared blocks ----"
BLOCKS = {  # marker -> the scripts that carry it, the source first
    "# ---- template I/O": ("convolve", "kernel_grad", "input_grad", "receptive_field"),
    "# ---- conv geometry": ("convolve", "kernel_grad", "input_grad"),
    "# ---- windows in chunks": ("convolve", "kernel_grad", "input_grad"),
    "# ---- gradient input and window sums": ("kernel_grad", "input_grad"),
    "# ---- conv pictures": ("convolve", "kernel_grad", "input_grad"),
    "# ---- svg": ("convolve", "kernel_grad", "input_grad", "receptive_field"),
}


def span(text, marker):
    """(start, end) of the block: from its marker to the next block line, blank lines
    before that excluded."""
    start = text.index(marker)
    end = text.index("\n# ---- ", start + 1)
    return start, len(text[:end].rstrip())


def main():
    check = "--check" in sys.argv[1:]
    drifted = []
    for marker, names in BLOCKS.items():
        texts = {}
        for name in names:
            with open(os.path.join(SOLUTIONS, name + ".py")) as f:
                texts[name] = f.read()
        start, end = span(texts[names[0]], marker)
        block = texts[names[0]][start:end]
        for name in names[1:]:
            start, end = span(texts[name], marker)
            if texts[name][start:end] != block:
                drifted.append("{}: {}".format(name, marker))
                if not check:
                    with open(os.path.join(SOLUTIONS, name + ".py"), "w") as f:
                        f.write(texts[name][:start] + block + texts[name][end:])
    for line in drifted:
        print(("differs " if check else "updated ") + line)
    sys.exit(1 if check and drifted else 0)


if __name__ == "__main__":
    main()
