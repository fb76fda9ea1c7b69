"""--draw and --svg of the two gradient commands: what each gradient adds up.

kernel_grad: a line per tap k under the padded input, marking the rows that tap k reads,
each with the output row p that reads it there (pP), and the sum they make:
dK[oc, ic, k] = sum over p of G[p, oc] * Xpad[p*stride + k*dilation, ic], padding rows
adding 0. input_grad: under each row of the padded input, the pairs (output row p, tap k)
that read it (pPkK), the terms of dX[j, ic] = sum over oc and those pairs of
G[p, oc] * W[oc, ic, k], and how many there are: the edge rows have fewer.

The rows and columns drawn are conv_picture's (bounded work however long the input and
however large the flags); text and SVG are drawn from one grid, so they cannot disagree."""
import math

from convkit.conv_picture import DRAW_TAPS, EDGE_ROWS, conv_caption, conv_picture
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

STACK = 6  # input_grad: at most this many pairs under an X row; more: the first 5 and '+N'
SUM_TERMS = 8  # a sum of more terms is written as its first 3, '...' and its last 2
SUM_ROWS = 4  # input_grad writes out dX for the first and last 4 X rows drawn
KINDS = ("kernel_grad", "input_grad")


def draw_grad(args, in_len, size, task):
    """--svg FILE written now (a file that cannot be written stops the command before
    anything is shown) and --draw's text returned ('' without --draw)."""
    if not args.draw and args.svg is None:
        return ""
    pic = conv_picture(in_len, size, args.stride, args.padding, args.dilation)
    grid = grad_grid(pic, task.name)
    if args.svg is not None:
        write_svg(args.svg, grad_svg(pic, grid, task.name))
    return grad_text(pic, grid, task.name) if args.draw else ""


def case_picture(task, in_len, size, image=False):
    """The picture of a case in the grader's format (no flags): text, or the SVG's text."""
    pic = conv_picture(in_len, size, 1, 0, 1)
    grid = grad_grid(pic, task.name)
    return grad_svg(pic, grid, task.name) if image else grad_text(pic, grid, task.name)


# ---- what each gradient adds up, from the formula


def drawn_taps(size):
    """The taps drawn: all, or the first and last DRAW_TAPS // 2 with None between."""
    if size <= DRAW_TAPS:
        return list(range(size))
    half = DRAW_TAPS // 2
    return list(range(half)) + [None] + list(range(size - half, size))


def tap_rows(pic, k):
    """The output rows p whose tap k reads an X row (not padding): range(first, last + 1)."""
    base = k * pic.dilation  # tap k of output p reads Xpad[p*stride + base]
    first = max(0, -(-(pic.left - base) // pic.stride))
    last = min(pic.out_len - 1, (pic.left + pic.in_len - 1 - base) // pic.stride)
    return range(first, max(first, last + 1))


def readers(pic, c, most):
    """The pairs (p, k), p < OutLen and k < KernelSize, with p*stride + k*dilation = c,
    in order of p, as (how many, the first `most` of them, the last one). In O(most):
    the k that fit form one arithmetic progression, whatever KernelSize."""
    s, d = pic.stride, pic.dilation
    g = math.gcd(s, d)
    if c % g:
        return 0, [], None
    step = s // g  # k*d = c (mod s): k = k0 (mod s/g)
    k0 = (c // g) * pow(d // g, -1, step) % step if step > 1 else 0
    lo = max(0, -(-(c - (pic.out_len - 1) * s) // d))  # p <= OutLen - 1
    hi = min(pic.size - 1, c // d)  # p >= 0
    first = lo + (k0 - lo) % step  # the smallest k, of the largest p
    if first > hi:
        return 0, [], None
    count = (hi - first) // step + 1
    top = first + (count - 1) * step  # the largest k, of the smallest p
    pairs = [((c - k * d) // s, k) for k in range(top, top - min(count, most) * step, -step)]
    return count, pairs, ((c - first * d) // s, first)


def taps_not_shown(pic):
    """'taps k8 to k11 not shown' (or 'tap k8 not shown')."""
    first, last = DRAW_TAPS // 2, pic.size - DRAW_TAPS // 2 - 1
    return "tap k{} not shown".format(first) if first == last else \
        "taps k{} to k{} not shown".format(first, last)


def terms_count(count):
    """'no term', '1 term', '7 terms'."""
    return "no term" if not count else "1 term" if count == 1 else "{} terms".format(count)


def term_sum(terms, count):
    """'a + b + c', or the first 3, '...' and the last 2 of count terms; '0' for none."""
    if not count:
        return "0"
    if count <= SUM_TERMS:
        return " + ".join(terms)
    return " + ".join(terms[:3] + ["..."] + terms[-2:])


def kernel_sums(pic):
    """The lines that write out dK[:, :, k] for each drawn tap."""
    lines = []
    for k in drawn_taps(pic.size):
        if k is None:
            lines.append("... " + taps_not_shown(pic))
            continue
        rows = tap_rows(pic, k)
        pick = list(rows) if len(rows) <= SUM_TERMS else list(rows[:3]) + list(rows[-2:])
        terms = ["G[{}]*X[{}]".format(p, p * pic.stride + k * pic.dilation - pic.left)
                 for p in pick]
        pads = pic.out_len - len(rows)
        lines.append("dK[:, :, {}] = {}   ({}{})".format(
            k, term_sum(terms, len(rows)), terms_count(len(rows)),
            "; {} padding zero{} 0".format(pads, " adds" if pads == 1 else "s add") if pads
            else ""))
    return lines


def input_sums(pic):
    """The lines that write out dX[j] for the first and last SUM_ROWS X rows drawn."""
    rows = [c for c in pic.columns if c is not None and pic.left <= c < pic.left + pic.in_len]
    if len(rows) > 2 * SUM_ROWS:
        rows = rows[:SUM_ROWS] + [None] + rows[-SUM_ROWS:]
    lines = []
    for c in rows:
        if c is None:
            lines.append("...")
            continue
        count, pairs, last = readers(pic, c, SUM_TERMS)
        terms = ["G[{}]*W[{}]".format(p, k) for p, k in pairs]
        if count > SUM_TERMS:  # the first 3, '...', the last one
            text = " + ".join(terms[:3] + ["...", "G[{}]*W[{}]".format(*last)])
        else:
            text = term_sum(terms, count)
        lines.append("dX[{}] = {}   ({})".format(c - pic.left, text, terms_count(count)))
    return lines


# ---- the grid, the caption and the notes


def grad_grid(pic, kind):
    """The picture as rows of cells, one cell per drawn column (pic.columns): 'Xpad'
    (the row's index), 'X' (the X row, or 'pad'), then for kernel_grad one row per drawn
    tap, 'kK', with 'pP' where output row p reads that column through tap k ('...' where
    the tap's reach runs through columns or rows not drawn; None for taps not drawn); for
    input_grad the rows 'read by' with the pairs 'pPkK' that read each column, in order of
    p ('+N' for N more), and 'terms' (how many, '-' under padding, whose gradient is
    dropped)."""
    grid = [("Xpad", ["..." if c is None else str(c) for c in pic.columns]),
            ("X", ["..." if c is None else str(c - pic.left)
                   if pic.left <= c < pic.left + pic.in_len else "pad" for c in pic.columns])]
    if kind == "kernel_grad":
        drawn = [p for p in pic.rows if p is not None]
        for k in drawn_taps(pic.size):
            if k is None:
                grid.append(None)
                continue
            at = {p * pic.stride + k * pic.dilation: p for p in drawn}
            first, last = k * pic.dilation, (pic.out_len - 1) * pic.stride + k * pic.dilation
            cells = []
            for i, c in enumerate(pic.columns):
                if c is None:
                    inside = first < pic.columns[i + 1] and last > pic.columns[i - 1]
                    cells.append("..." if inside else "")
                else:
                    cells.append("p{}".format(at[c]) if c in at else "")
            grid.append(("k{}".format(k), cells))
        return grid
    stacks = [readers(pic, c, STACK) if c is not None else (0, [], None)
              for c in pic.columns]
    depth = max([1] + [min(count, STACK) for count, _, _ in stacks])
    for level in range(depth):
        cells = []
        for c, (count, pairs, _) in zip(pic.columns, stacks, strict=True):
            if c is None:
                cells.append("..." if level == 0 else "")
            elif count > STACK and level == STACK - 1:
                cells.append("+{}".format(count - STACK + 1))
            elif level < len(pairs):
                cells.append("p{}k{}".format(*pairs[level]))
            else:
                cells.append("")
        grid.append(("read by" if level == 0 else "", cells))
    grid.append(("terms", ["..." if c is None else "-" if not pic.left <= c < pic.left +
                           pic.in_len else str(count)
                           for c, (count, _, _) in zip(pic.columns, stacks, strict=True)]))
    return grid


def grad_caption(pic, kind):
    """The formula with its numbers, then conv_picture's two lines."""
    s, d = pic.stride, pic.dilation
    if kind == "kernel_grad":
        head = ["kernel_grad: dK[oc, ic, k] = sum over p of G[p, oc] * Xpad[p*{s} + k*{d},"
                " ic]".format(s=s, d=d), "under tap k, the rows it reads, each marked pP with"
                " the output row p that reads it there; padding rows add 0"]
    else:
        head = ["input_grad: dX[j, ic] = sum over oc, and over the pairs (p, k) with"
                " p*{s} + k*{d} = j + {l}, of G[p, oc] * W[oc, ic, k]".format(
                    s=s, d=d, l=pic.left), "under X row j, the pairs pPkK (output row p, tap"
                " k) that read it; padding rows are read too, but have no dX"]
    return head + conv_caption(pic)


def grad_notes(pic, grid, kind):
    """The lines under the picture: the sums written out, then what each mark means."""
    marks = set(cell for row in grid if row for cell in row[1])
    g = "G[p] is G[p, oc] (all 1 for the gradient of sum(Y), else the G line's)"
    notes = (kernel_sums(pic) + [g + ", X[j] is X[j, ic]"] if kind == "kernel_grad" else
             input_sums(pic) + [g + ", W[k] is W[oc, ic, k], each term summed over oc"])
    if None in pic.rows:
        notes.append("{} output rows p{} to p{} are not drawn{}".format(
            pic.out_len - 2 * EDGE_ROWS, EDGE_ROWS, pic.out_len - EDGE_ROWS - 1,
            "" if kind == "kernel_grad" else " as lines, but every pair is counted"))
    if "pad" in marks:
        notes.append("pad: a padding zero")
    if "0" in grid[-1][1] and kind == "input_grad":
        notes.append("terms 0: no output reads this X row, dX is 0 there")
    if any(cell.startswith("+") for row in grid if row for cell in row[1]):
        notes.append("+N: N more pairs read this row")
    if None in pic.columns:
        notes.append("...: Xpad rows not drawn")
    return notes


def grad_text(pic, grid, kind):
    """--draw: the caption, the grid in fixed-width columns, and the notes."""
    width = max([3] + [len(cell) for row in grid if row for cell in row[1]])
    labels = max(len(row[0]) for row in grid if row)
    lines = grad_caption(pic, kind)
    for row in grid:
        if row is None:
            lines.append("{:<{}} {}".format("...", labels, taps_not_shown(pic)))
        else:
            lines.append(("{:<{}}".format(row[0], labels) + "".join(
                " {:>{}}".format(cell, width) for cell in row[1])).rstrip())
    return "\n".join(lines + grad_notes(pic, grid, kind)) + "\n"


def grad_svg(pic, grid, kind):
    """--svg: the grid of grad_text as an image, its text wrapped at the grid's width
    (SVG_TEXT_WIDTH px at least). The X row's cells are <rect> of class 'pad' or 'input'
    (data-col, the Xpad row); each mark pP (kernel_grad) or pPkK (input_grad) is a <rect>
    of class 'term' with data-row p, data-tap k and data-col, in tap k's colour."""
    width = max([3] + [len(cell) for row in grid if row for cell in row[1]])
    cell_w, row_h = SVG_CHAR * width + 12, 28
    left = SVG_MARGIN + SVG_CHAR * max(len(row[0]) for row in grid if row) + 12
    notes = grad_notes(pic, grid, kind)
    wide = max(left + len(pic.columns) * cell_w - SVG_MARGIN, SVG_TEXT_WIDTH)
    caption, notes_lines = wrap(grad_caption(pic, kind), wide), wrap(notes, wide)
    skipped = "... " + taps_not_shown(pic)
    wide = max(wide, text_width(caption + notes_lines + [skipped]))
    body, y = svg_lines(SVG_MARGIN, SVG_MARGIN + 14, caption)
    y -= 10
    for row in grid:
        if row is None:
            body.append(svg_text(SVG_MARGIN, y + 17, skipped))
            y += row_h
            continue
        label, cells = row
        body.append(svg_text(SVG_MARGIN, y + 17, label) if label else "")
        xs = [left + i * cell_w for i in range(len(cells))]
        marked = [i for i, cell in enumerate(cells) if cell.startswith("p")]
        if label.startswith("k") and marked:  # the tap's reach, along its marks
            body.append('<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="#999999"'
                        ' stroke-width="2"/>'.format(xs[marked[0]] + cell_w // 2, y + 12,
                                                     xs[marked[-1]] + cell_w // 2, y + 12))
        for i, (c, cell) in enumerate(zip(pic.columns, cells, strict=True)):
            box = 'x="{}" y="{}" width="{}" height="22" data-col="{}"'.format(
                xs[i] + 2, y + 1, cell_w - 4, c)
            centre = xs[i] + cell_w // 2
            if label == "X" and c is not None:
                kind_ = "pad" if cell == "pad" else "input unread" if grid[-1][1][i] == "0" \
                    and kind == "input_grad" else "input"
                body.append('<rect class="{}" {} {}/>'.format(kind_, box, SVG_BOXES[kind_]))
                body.append(svg_text(centre, y + 17, cell, 'text-anchor="middle"'))
            elif cell.startswith("p"):
                p, k = (int(cell[1:]), int(label[1:])) if kind == "kernel_grad" else (
                    int(n) for n in cell[1:].split("k"))
                fill, ink = SVG_COLOURS[k % len(SVG_COLOURS)]
                body.append('<rect class="term" {} data-row="{}" data-tap="{}" fill="{}"'
                            ' stroke="#333333"/>'.format(box, p, k, fill))
                body.append(svg_text(centre, y + 17, cell, 'text-anchor="middle" fill="{}"'
                                     .format(ink)))
            elif cell:
                body.append(svg_text(centre, y + 17, cell, 'text-anchor="middle"' + (
                    ' fill="#555555" font-size="11"' if label == "Xpad" else "")))
        y += 20 if label == "Xpad" else row_h
    parts, y = svg_lines(SVG_MARGIN, y + 22, notes_lines)
    body += parts
    taps = sorted(set(int(label[1:]) for label, _ in filter(None, grid[2:])
                      if label.startswith("k")) if kind == "kernel_grad" else set(
        int(cell.split("k")[1]) for row in grid[2:] for cell in row[1] if cell.startswith("p")))
    unread = kind == "input_grad" and "0" in grid[-1][1]
    legend = ([(SVG_BOXES["pad"], "padding zero")] if "pad" in grid[1][1] else []) + [
        (SVG_BOXES["input"], "X row")] + (
        [(SVG_BOXES["input unread"], "X row no output reads")] if unread else []) + [
        ('fill="{}" stroke="#333333"'.format(SVG_COLOURS[k][0]), "tap k{}".format(k))
        for k in taps if k < len(SVG_COLOURS)]
    part, height = svg_legend(SVG_MARGIN, y - 8, legend, wide)
    body.append(part)
    y += height
    if pic.size > len(SVG_COLOURS):
        parts, y = svg_lines(SVG_MARGIN, y + 10, wrap([
            "the colours repeat after k{}; every cell says its tap".format(
                len(SVG_COLOURS) - 1)], wide))
        body += parts
    title = "convkit {} --draw: {}".format(kind, "the rows of X that each tap's gradient adds"
                                           if kind == "kernel_grad" else
                                           "the taps that read each row of X")
    return svg_document(wide + 2 * SVG_MARGIN, y + SVG_MARGIN, title,
                        "\n".join(grad_caption(pic, kind) + notes), body)
