"""--draw and --svg for the three conv commands: which padded input row each tap of each
output row reads, Xpad[p*stride + k*dilation], drawn as text or as an SVG image from one
grid, so the two cannot disagree. Bounded work however long the input and however large
the padding, stride or dilation."""
import types

import numpy as np

from convkit.geometry import conv_geometry, out_len_formula
from convkit.svg import (
    SVG_BOXES,
    SVG_CHAR,
    SVG_COLOURS,
    SVG_MARGIN,
    SVG_TEXT_WIDTH,
    svg_document,
    svg_legend,
    svg_lines,
    svg_text,
    text_width,
    wrap,
    write_svg,
)

DRAW_ROWS = 12  # longer outputs: --draw and --svg show their first and last EDGE_ROWS rows
EDGE_ROWS = 4
DRAW_TAPS = 16  # bigger kernels: the first and last 8 taps of each drawn row place columns
DRAW_GAP = 3  # more Xpad rows than this between two drawn ones: one '...' column instead


def draw_conv(args, in_len, size, task):
    """--svg FILE and --draw: writes the SVG now, so that a file that cannot be written
    stops the command before anything is shown, and returns the text picture for stderr
    ('' without --draw). task: the exercise, whose answer reads off the picture."""
    if not args.draw and args.svg is None:
        return ""
    picture = conv_picture(in_len, size, args.stride, args.padding, args.dilation)
    grid = conv_grid(picture)
    if args.svg is not None:
        write_svg(args.svg, conv_svg(picture, grid, task))
    return conv_text(picture, grid, task) if args.draw else ""


def conv_picture(in_len, size, stride, padding, dilation):
    """What --draw and --svg show, in bounded work however long the input and however
    large the padding, stride or dilation: the output rows drawn (None stands for the
    rows left out), the Xpad rows drawn as columns (None: one '...' column for the rows
    between two drawn ones), and the X rows that no output reads (the drawn ones, and
    how many in all). Tap k of output row p reads Xpad[p*stride + k*dilation]."""
    left, right, out_len = conv_geometry(in_len, size, stride, padding, dilation)
    length = left + in_len + right  # Xpad rows
    if out_len <= DRAW_ROWS:
        rows = list(range(out_len))
    else:  # the first and last rows, None for the ones between
        rows = list(range(EDGE_ROWS)) + [None] + list(range(out_len - EDGE_ROWS, out_len))
    half = DRAW_TAPS // 2
    taps = range(size) if size <= DRAW_TAPS else list(range(half)) + list(
        range(size - half, size))
    keep = set(c for c in (0, left - 1, left, left + in_len - 1, left + in_len, length - 1)
               if 0 <= c < length)  # the ends of the padding and of X
    keep.update(p * stride + k * dilation for p in rows if p is not None for k in taps)
    columns = []
    for c in sorted(keep):
        if columns and c - columns[-1] > DRAW_GAP + 1:
            columns.append(None)  # the Xpad rows between: one '...' column
        elif columns:
            columns.extend(range(columns[-1] + 1, c))  # a short gap: draw its rows
        columns.append(c)
    # Which X rows some output reads, from runs of rows (read_runs), never a mask of Xpad.
    # A stride or dilation beyond the Xpad rows reads as much as one just past them.
    step, spread = min(stride, length), min(dilation, length)
    residues, starts, ends = read_runs(size, step, spread, out_len)

    def is_read(c):  # Xpad row c = r + q*step lies in a run of its residue r
        r, q = c % step, c // step
        lo, hi = np.searchsorted(residues, [r, r + 1])
        i = lo + np.searchsorted(starts[lo:hi], q, "right") - 1
        return i >= lo and q < ends[i]

    lo = (left - residues + step - 1) // step  # each run's first q in X: r + q*step >= left
    hi = (left + in_len - 1 - residues) // step + 1  # and past its last one in X
    reads = int(np.maximum(0, np.minimum(ends, hi) - np.maximum(starts, lo)).sum())
    unread = set(c for c in columns if c is not None and left <= c < left + in_len and
                 not is_read(c))
    return types.SimpleNamespace(
        in_len=in_len, size=size, stride=stride, padding=padding, dilation=dilation,
        left=left, right=right, out_len=out_len, rows=rows, columns=columns,
        unread=unread, unread_count=in_len - reads)


def read_runs(size, stride, dilation, out_len):
    """The Xpad rows that some output reads, as runs: rows r + q*stride for q from start
    to end-1, returned as sorted arrays (residues r, starts, ends), one entry per run.
    Tap k reads Xpad[p*stride + k*dilation] for p < OutLen: OutLen rows of residue
    k*dilation % stride from q = k*dilation // stride on; the runs of one residue that
    overlap or touch are merged. O(K log K) work, whatever InLen."""
    first = np.arange(size, dtype=np.int64) * dilation  # (K,): the row tap k reads for p = 0
    residue, start = first % stride, first // stride
    order = np.lexsort((start, residue))  # by residue, then by start
    residue, start = residue[order], start[order]
    new = np.ones(size, dtype=bool)  # (K,): this tap's run does not join the one before
    new[1:] = (residue[1:] != residue[:-1]) | (start[1:] > start[:-1] + out_len)
    first_tap = np.flatnonzero(new)  # of each merged run, in the sorted order
    last_tap = np.append(first_tap[1:] - 1, size - 1)
    return residue[first_tap], start[first_tap], start[last_tap] + out_len


def conv_grid(pic):
    """The picture as rows of cells, one cell per drawn column: (label, cells) for
    'Xpad' (the row's index), 'X' (the X row, or 'pad'), each drawn output row Y[p]
    ('kK' where tap k reads, '.' a row between two taps, '...' where the line runs
    through rows not drawn), and 'unread' ('x' under an X row that no output reads,
    if one is drawn); None where output rows are left out. --draw and --svg both draw
    this, so they cannot disagree."""
    span = pic.dilation * (pic.size - 1) + 1
    grid = [("Xpad", ["..." if c is None else str(c) for c in pic.columns]),
            ("X", ["..." if c is None else str(c - pic.left)
                   if pic.left <= c < pic.left + pic.in_len else "pad" for c in pic.columns])]
    for p in pic.rows:
        if p is None:
            grid.append(None)
            continue
        first, last = p * pic.stride, p * pic.stride + span - 1  # the Xpad rows Y[p] spans
        cells = []
        for i, c in enumerate(pic.columns):
            if c is None:  # the rows between the columns either side
                inside = first < pic.columns[i + 1] and last > pic.columns[i - 1]
                cells.append("..." if inside else "")
            elif first <= c <= last:
                k, rest = divmod(c - first, pic.dilation)  # c = p*stride + k*dilation
                cells.append("." if rest else "k{}".format(k))
            else:
                cells.append("")
        grid.append(("Y[{}]".format(p), cells))
    if pic.unread:
        grid.append(("unread", ["x" if c in pic.unread else "" for c in pic.columns]))
    return grid


def conv_caption(pic):
    """Two lines: InLen, the padding on each side, KernelSize, stride and dilation; then
    OutLen with the numbers put in."""
    return ["InLen {}, padding {}{} left {} right, KernelSize {}, stride {}, dilation {}".format(
        pic.in_len, "'same', " if pic.padding == "same" else "", pic.left, pic.right, pic.size,
        pic.stride, pic.dilation), out_len_formula(pic.in_len, pic.size, pic.stride, pic.left,
                                                   pic.right, pic.dilation)]


def conv_notes(pic, grid, task):
    """The lines under the picture: how to read the answer off it, then what each mark
    means (only the marks it uses)."""
    reading, unread = task.reading
    marks = set(cell for row in grid if row for cell in row[1])
    notes = [reading.format(s=pic.stride, d=pic.dilation)]
    if "pad" in marks:
        notes.append("pad: a padding zero")
    if "." in marks:
        notes.append(".: a row between two taps, skipped by the dilation")
    if pic.unread_count:
        rows = sorted(c - pic.left for c in pic.unread)
        notes.append("x: {} of the {} X rows are read by no output ({}){}".format(
            pic.unread_count, pic.in_len, unread, ": " + ", ".join(str(j) for j in rows)
            if len(rows) == pic.unread_count <= 12 else "; {} of them drawn".format(
                len(rows) or "none") if len(rows) < pic.unread_count else ""))
    if None in pic.columns:
        notes.append("...: Xpad rows not drawn")
    return notes


def conv_text(pic, grid, task):
    """--draw: the caption, the grid in fixed-width columns, and the notes."""
    width = max([3] + [len(cell) for row in grid if row for cell in row[1]])
    labels = max(len(row[0]) for row in grid if row)
    lines = conv_caption(pic)
    for row in grid:
        if row is None:
            lines.append("{:<{}} {} output rows not shown: Y[{}] to Y[{}]".format(
                "...", labels, pic.out_len - 2 * EDGE_ROWS, EDGE_ROWS,
                pic.out_len - EDGE_ROWS - 1))
        else:
            lines.append(("{:<{}}".format(row[0], labels) + "".join(
                " {:>{}}".format(cell, width) for cell in row[1])).rstrip())
    return "\n".join(lines + conv_notes(pic, grid, task)) + "\n"


def conv_svg(pic, grid, task):
    """--svg: the same grid as an image. One <rect> per drawn cell: class 'pad', 'input'
    or 'input unread' (dashed) in the X row, class 'tap' (data-tap k, its number written
    in it, a colour per tap) in the output rows; each carries data-col, its Xpad row. The
    caption and the notes wrap at the grid's width (SVG_TEXT_WIDTH px at least)."""
    width = max([3] + [len(cell) for row in grid if row for cell in row[1]])
    cell_w, row_h = SVG_CHAR * width + 12, 28
    left = SVG_MARGIN + SVG_CHAR * max(len(row[0]) for row in grid if row) + 12
    notes = conv_notes(pic, grid, task)
    elision = "... {} output rows not shown: Y[{}] to Y[{}]".format(
        pic.out_len - 2 * EDGE_ROWS, EDGE_ROWS, pic.out_len - EDGE_ROWS - 1)
    wide = max(left + len(pic.columns) * cell_w - SVG_MARGIN, SVG_TEXT_WIDTH)
    caption, notes_lines = wrap(conv_caption(pic), wide), wrap(notes, wide)
    wide = max(wide, text_width(caption + notes_lines + [elision]))
    body, y = svg_lines(SVG_MARGIN, SVG_MARGIN + 14, caption)
    y += 4 - 14
    for row in grid:
        if row is None:
            body.append(svg_text(SVG_MARGIN, y + 17, elision))
            y += row_h
            continue
        label, cells = row
        body.append(svg_text(SVG_MARGIN, y + 17, label))
        xs = [left + i * cell_w for i in range(len(cells))]
        taps = [i for i, cell in enumerate(cells) if cell.startswith("k")]
        if taps:  # the kernel's reach, under its taps
            body.append('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#999999"'
                        ' stroke-width="2"/>'.format(xs[taps[0]] + cell_w // 2, y + 12,
                                                     xs[taps[-1]] + cell_w // 2, y + 12))
        for i, (c, cell) in enumerate(zip(pic.columns, cells, strict=True)):
            box = 'x="{}" y="{}" width="{}" height="22" data-col="{}"'.format(
                xs[i] + 2, y + 1, cell_w - 4, c)
            centre = xs[i] + cell_w // 2
            if label == "Xpad" or cell in ("", ".", "...", "x"):
                body.append(svg_text(centre, y + 17, cell, 'text-anchor="middle"' + (
                    ' fill="#555555" font-size="11"' if label == "Xpad" else "")) if cell
                    else "")
            elif label == "X":
                kind = "pad" if cell == "pad" else "input unread" if c in pic.unread else "input"
                body.append('<rect class="{}" {} {}/>'.format(kind, box, SVG_BOXES[kind]))
                body.append(svg_text(centre, y + 17, cell, 'text-anchor="middle"'))
            else:  # a tap
                k = int(cell[1:])
                fill, ink = SVG_COLOURS[k % len(SVG_COLOURS)]
                body.append('<rect class="tap" {} data-row="{}" data-tap="{}" fill="{}"'
                            ' stroke="#333333"/>'.format(box, label[2:-1], k, fill))
                body.append(svg_text(centre, y + 17, cell, 'text-anchor="middle" fill="{}"'
                                     .format(ink)))
        y += row_h if label != "Xpad" else 20
    parts, y = svg_lines(SVG_MARGIN, y + 22, notes_lines)
    body += parts
    kinds = (["pad"] if "pad" in grid[1][1] else []) + ["input"] + (
        ["input unread"] if pic.unread else [])
    names = {"pad": "padding zero", "input": "X row", "input unread": "X row no output reads"}
    legend = [(SVG_BOXES[kind], names[kind]) for kind in kinds]
    legend += [('fill="{}" stroke="#333333"'.format(SVG_COLOURS[k][0]), "k{}".format(k))
               for k in range(min(pic.size, len(SVG_COLOURS)))]
    part, height = svg_legend(SVG_MARGIN, y - 8, legend, wide)
    body.append(part)
    y += height
    if pic.size > len(SVG_COLOURS):
        parts, y = svg_lines(SVG_MARGIN, y + 10, wrap([
            "the colours repeat after k{}; every cell says its tap".format(
                len(SVG_COLOURS) - 1)], wide))
        body += parts
    title = "convkit {} --draw: the kernel's taps over the padded input, one line per output row;" \
            " {}".format(task.name, conv_caption(pic)[0])
    return svg_document(wide + 2 * SVG_MARGIN, y + SVG_MARGIN, title, "\n".join(notes), body)
