"""Copy the shared blocks from their source script into every script that carries them.

  python3 tools/sync_shared_blocks.py [--check]

The grader takes one file, so a few blocks are copied between scripts. Edit a block in
its source script (the first one listed below), then run this; --check only reports
(tests/test_style.py fails on drift too). A block runs from its "# ---- name" line to
the next "# ---- " line.
"""
import os
import sys

SOLUTIONS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                         "solutions")
BLOCKS = {  # marker -> the scripts that carry it, the source first
    "# ---- template I/O": ("convolve", "kernel_grad", "input_grad", "receptive_field"),
    "# ---- conv geometry": ("convolve", "kernel_grad", "input_grad"),
    "# ---- windows in chunks": ("convolve", "kernel_grad", "input_grad"),
    "# ---- gradient input and window sums": ("kernel_grad", "input_grad"),
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
