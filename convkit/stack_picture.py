"""--draw and --svg for receptive_field: a WaveNet-style picture of the stack, each level's
positions that feed the one output position, from the output at the top down to the input
span at the bottom, R columns wide."""
import numpy as np

from convkit.field import fields_and_jumps
from convkit.program import to_stderr
from convkit.svg import (
    SVG_BOXES,
    SVG_CHAR,
    SVG_MARGIN,
    SVG_TEXT_WIDTH,
    svg_document,
    svg_legend,
    svg_lines,
    svg_text,
    text_width,
    wrap,
)

DRAW_WIDTH = 120  # --draw and --svg cut wider pictures in the middle
DRAW_CELLS = 10 ** 6  # rows x R: bigger stacks are not drawn (a line says so)
DRAW_LAYERS = 1000  # more layers are not drawn: each costs a few numpy calls however narrow
DRAW_LEVELS = 16  # more rows than this: the top and bottom 8 are drawn, a line between
TEXT_WIDTH = 320  # px at least for the caption: a narrow stack's lines wrap at this
EDGE_DRAW = 200  # --svg draws the edges between the nodes when there are no more; past
# that, a band from each level's span of nodes that feed to the span they read


def draw(layers):
    """--draw: picture_text on stderr."""
    to_stderr(picture_text(layers))


def picture_text(layers):
    """A WaveNet-style picture: for each layer's output, top to bottom, the positions that
    feed the one output position ('o'; '.' is a position that does not), and the input
    span at the bottom, R columns wide. A node is drawn at the last input column it sees,
    so the output sits at the right edge."""
    picture = stack_picture(layers)
    if isinstance(picture, str):  # too big to draw; the answer still goes to stdout
        return "--draw: {}\n".format(picture)
    rows, width = picture
    label_width = max(len(row[0]) for row in rows if row)
    lines = []
    for row in rows:
        if row is None:
            lines.append("{:<{}}  {}".format("...", label_width, elided_rows(rows)))
        else:
            lines.append("{:<{}} |{}|".format(row[0], label_width, row[2]))
    half = (DRAW_WIDTH - 3) // 2
    lines.append("{:<{}}  R = {} columns{}".format("", label_width, width, (
        "; cut to {} at '...', {} columns not shown".format(2 * half + 3, width - 2 * half)
        if width > DRAW_WIDTH else "")))
    return "\n".join(lines) + "\n"


def stack_picture(layers):
    """What --draw and --svg show: (rows, R), rows from the output (j = len(layers)) down
    to the input (j = 0) as (label, j, marks), None where rows are left out; marks: 'o'
    a node that feeds the one output, '.' one that does not, ' ' no node, cut to the
    first and last columns at '...' when R > DRAW_WIDTH. Or, for a stack too big to
    draw, a line that says so: the work is about rows x R cells, bounded by DRAW_CELLS."""
    field, jump = fields_and_jumps(layers)
    width, levels = field[-1], len(layers) + 1
    if levels * width > DRAW_CELLS:
        return "not drawn: {} rows x R = {} columns is {} cells, more than the {} it draws"\
            .format(levels, width, levels * width, DRAW_CELLS)
    if len(layers) > DRAW_LAYERS:
        return "not drawn: {} layers, more than the {} it draws".format(len(layers),
                                                                        DRAW_LAYERS)
    shown = set(range(levels)) if levels <= DRAW_LEVELS else set(
        list(range(DRAW_LEVELS // 2)) + list(range(levels - DRAW_LEVELS // 2, levels)))
    half = (DRAW_WIDTH - 3) // 2
    feeding = np.ones(1, dtype=bool)  # the nodes of the current level that feed the output
    rows = []
    for j in range(len(layers), -1, -1):  # from the output down to the input
        if j in shown:
            row = np.full(width, ord(" "), dtype=np.uint8)  # node q at q*jump + field-1:
            row[field[j] - 1::jump[j]] = np.where(feeding, ord("o"), ord("."))
            marks = row.tobytes().decode("ascii")
            rows.append(("input" if j == 0 else "layer {} out".format(j), j, marks if
                         width <= DRAW_WIDTH else marks[:half] + "..." + marks[-half:]))
        elif j + 1 in shown:
            rows.append(None)  # the rows left out, once
        if j:  # node q of this level reads nodes q*stride + k*dilation of the level below
            feeding = feeding_below(feeding, layers[j - 1],
                                    (width - field[j - 1]) // jump[j - 1] + 1)
    return rows, width


def feeding_below(feeding, layer, count):
    """The `count` nodes of the level below that feed: node i does when some node q that
    feeds reads it, i = q*stride + k*dilation for a tap k < kernel_size. Running sums
    over each residue of i mod dilation: O(count) work, whatever the kernel size."""
    stride, dilation, size = layer.stride, layer.dilation, layer.kernel_size
    rows = -(-count // dilation)  # column r of a (rows, dilation) grid: nodes r, r+d, r+2d, ...
    placed = np.zeros(rows * dilation, dtype=np.int32)
    placed[:len(feeding) * stride:stride] = feeding  # placed[q*stride] = feeding[q]
    sums = np.zeros((rows + 1, dilation), dtype=np.int32)  # sums[t] = placed rows 0..t-1
    np.cumsum(placed.reshape(rows, dilation), axis=0, out=sums[1:])
    window = sums[1:] - sums[np.maximum(np.arange(1, rows + 1) - size, 0)]  # the taps' nodes
    return window.reshape(-1)[:count] > 0  # (count,): i - k*dilation for k < size


def elided_rows(rows):
    """The line that stands for the rows left out."""
    i = rows.index(None)
    top, bottom = rows[i - 1][1] - 1, rows[i + 1][1] + 1
    return "{} rows not shown: layer {} out to layer {} out".format(
        top - bottom + 1, top, bottom)


def stack_svg(layers):
    """--svg: the picture of draw() as an image, WaveNet-style. One <rect> per drawn
    node: class 'feeds' (filled) for 'o', 'node' (hollow) for '.', with data-level j and
    data-pos, its input column; a line from each drawn node that feeds to each drawn
    node it reads, when there are at most EDGE_DRAW of them, else a band from each
    level's span of nodes that feed to the span they read."""
    picture = stack_picture(layers)
    title = "convkit receptive_field --draw: which positions feed one output of a stack of {}" \
        " layers".format(len(layers))
    if isinstance(picture, str):
        lines = wrap([picture], SVG_TEXT_WIDTH)  # a line that says why it is not drawn
        body, y = svg_lines(SVG_MARGIN, SVG_MARGIN + 14, lines)
        return svg_document(2 * SVG_MARGIN + text_width(lines), y + SVG_MARGIN - 8,
                            title, picture, body)
    rows, width = picture
    field, jump = fields_and_jumps(layers)
    half = (DRAW_WIDTH - 3) // 2
    cut = width > DRAW_WIDTH

    def column(pos):  # where input column pos is drawn, or None if it is cut away
        if not cut or pos < half:
            return pos
        return pos - width + 2 * half + 3 if pos >= width - half else None

    cell, row_h = 12, 44
    drawn = {row[1]: row for row in rows if row}
    edges = []  # node q of level j at q*jump[j] + field[j]-1 reads, for k < kernel_size,
    for j, (_, _, marks) in drawn.items():  # the node at (q*stride + k*dilation)*jump[j-1]
        if j - 1 not in drawn:  # + field[j-1]-1 below: (j, column above, column below)
            continue
        layer, step = layers[j - 1], layers[j - 1].dilation * jump[j - 1]
        for i, mark in enumerate(marks):
            if mark != "o" or len(edges) > EDGE_DRAW:
                continue
            pos = i if i < half or not cut else i - 2 * half - 3 + width
            base = pos - field[j] + field[j - 1]  # the node that tap 0 reads
            for low, high in ((0, width),) if not cut else ((0, half), (width - half, width)):
                first = max(0, -(-(low - base) // step))  # the taps that land in [low, high)
                last = min(layer.kernel_size - 1, (high - 1 - base) // step)
                edges.extend((j, i, column(base + k * step))
                             for k in range(first, min(last, first + EDGE_DRAW) + 1))
    spans = len(edges) > EDGE_DRAW  # too many to follow: each level's span instead
    caption = "R = {}: the positions of each level that feed the one output{}".format(
        width, "; {} edges, too many to follow: a band joins the span of each level's"
        " positions that feed to the span they read".format("more than {}".format(EDGE_DRAW))
        if spans else "")
    left = SVG_MARGIN + SVG_CHAR * max(len(row[0]) for row in rows if row) + 12
    right = left + len(rows[-1][2]) * cell  # the grid's right edge
    notes = {j: span_note(row[2], cut) for j, row in drawn.items()}
    footer = "R = {} columns{}".format(width, "; cut at '...', {} columns not shown".format(
        width - 2 * half) if cut else "")
    wide = max(right + 10 + text_width(notes.values()) - SVG_MARGIN, TEXT_WIDTH)
    caption_lines, footer_lines = wrap([caption], wide), wrap([footer], wide)
    wide = max(wide, text_width(caption_lines + footer_lines + ["... " + elided_rows(rows)]
                                if None in rows else caption_lines + footer_lines))
    body, y = svg_lines(SVG_MARGIN, SVG_MARGIN + 14, caption_lines)
    y += 8
    level_y, nodes, firsts = {}, [], {}
    for row in rows:
        if row is None:
            body.append(svg_text(SVG_MARGIN, y + 9, "... " + elided_rows(rows)))
            y += row_h
            continue
        label, j, marks = row
        level_y[j] = y
        body.append(svg_text(SVG_MARGIN, y + 9, label))
        body.append(svg_text(right + 10, y + 9, notes[j], 'fill="#555555"'))
        feeding = [i for i, mark in enumerate(marks) if mark == "o"]
        firsts[j] = (feeding[0], feeding[-1])
        for i, mark in enumerate(marks):
            if mark in "o." and not (cut and half <= i < half + 3):  # not the cut's '...'
                pos = i if i < half or not cut else i - 2 * half - 3 + width
                kind = "feeds" if mark == "o" else "node"
                nodes.append('<rect class="{}" x="{}" y="{}" width="10" height="10"'
                             ' data-level="{}" data-pos="{}" {}/>'.format(
                                 kind, left + i * cell + 1, y, j, pos, SVG_BOXES[kind]))
        if cut:
            body.append(svg_text(left + (half + 1) * cell + 6, y + 9, "...",
                                 'text-anchor="middle"'))
        y += row_h
    if spans:  # a band from each level's feeding span down to the span it reads
        for j, (a, b) in firsts.items():
            if j - 1 in firsts:
                c, d = firsts[j - 1]
                body.append('<polygon class="span" points="{},{} {},{} {},{} {},{}"'
                            ' fill="#0072B2" fill-opacity="0.15" stroke="#0072B2"'
                            ' stroke-opacity="0.5"/>'.format(
                                left + a * cell + 1, level_y[j] + 10,
                                left + b * cell + 11, level_y[j] + 10,
                                left + d * cell + 11, level_y[j - 1],
                                left + c * cell + 1, level_y[j - 1]))
    else:
        body.append('<g stroke="#0072B2" stroke-opacity="0.45">\n{}\n</g>'.format("\n".join(
            '<line class="edge" x1="{}" y1="{}" x2="{}" y2="{}"/>'.format(
                left + i * cell + 6, level_y[j] + 10, left + below * cell + 6, level_y[j - 1])
            for j, i, below in edges)) if edges else "")
    body += nodes
    body.append(svg_text(left, y - 12, "0"))
    body.append(svg_text(right - 2, y - 12, str(width - 1), 'text-anchor="end"'))
    parts, y = svg_lines(SVG_MARGIN, y + 10, footer_lines)
    body += parts
    part, height = svg_legend(SVG_MARGIN, y - 4, [
        (SVG_BOXES["feeds"], "feeds the output"), (SVG_BOXES["node"], "does not")], wide)
    body.append(part)
    desc = "{}. Each row is one level of the stack, the output at the top, the input at the" \
        " bottom; a filled box is a position that feeds the output, a hollow one a position" \
        " that does not. {}.".format(caption, footer)
    return svg_document(wide + 2 * SVG_MARGIN, y + height + SVG_MARGIN, title, desc, body)


def span_note(marks, cut):
    """'27 of 33 feed': of a level's nodes drawn, how many feed the output."""
    feeding, nodes = marks.count("o"), marks.count("o") + marks.count(".")
    return "{} of {} feed".format(feeding, nodes) + (" (drawn)" if cut else "")
