"""--draw and --svg for receptive_field: a WaveNet-style picture of the stack, each level's
positions that feed the one output position, from the output at the top down to the input
span at the bottom, R columns wide."""
import numpy as np

from convkit.field import fields_and_jumps
from convkit.program import to_stderr
from convkit.svg import SVG_BOXES, SVG_CHAR, SVG_MARGIN, svg_document, svg_legend, svg_text

DRAW_WIDTH = 120  # --draw and --svg cut wider pictures in the middle
DRAW_CELLS = 10 ** 6  # rows x R: bigger stacks are not drawn (a line says so)
DRAW_LAYERS = 1000  # more layers are not drawn: each costs a few numpy calls however narrow
DRAW_LEVELS = 16  # more rows than this: the top and bottom 8 are drawn, a line between
EDGE_LIMIT = 3000  # --svg draws the edges between the nodes when there are no more


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
    node it reads, when there are at most EDGE_LIMIT of them."""
    picture = stack_picture(layers)
    title = "convkit receptive_field --draw: which positions feed one output of a stack of {}" \
        " layers".format(len(layers))
    if isinstance(picture, str):
        body = [svg_text(SVG_MARGIN, SVG_MARGIN + 14, picture)]
        return svg_document(2 * SVG_MARGIN + SVG_CHAR * len(picture), 2 * SVG_MARGIN + 20,
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
    left = SVG_MARGIN + SVG_CHAR * max(len(row[0]) for row in rows if row) + 12
    caption = "R = {}: the positions of each level that feed the one output".format(width)
    body, y = [svg_text(SVG_MARGIN, SVG_MARGIN + 14, caption)], SVG_MARGIN + 32
    level_y, nodes = {}, []
    for row in rows:
        if row is None:
            body.append(svg_text(SVG_MARGIN, y + 9, "... " + elided_rows(rows)))
            y += row_h
            continue
        label, j, marks = row
        level_y[j] = y
        body.append(svg_text(SVG_MARGIN, y + 9, label))
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
    edges = []  # node q of level j at q*jump[j] + field[j]-1 reads, for k < kernel_size,
    for row in rows:  # the node at (q*stride + k*dilation)*jump[j-1] + field[j-1]-1 below
        if row is None or row[1] - 1 not in level_y:
            continue
        label, j, marks = row
        layer, step = layers[j - 1], layers[j - 1].dilation * jump[j - 1]
        for i, mark in enumerate(marks):
            if mark != "o" or len(edges) > EDGE_LIMIT:
                continue
            pos = i if i < half or not cut else i - 2 * half - 3 + width
            base = pos - field[j] + field[j - 1]  # the node that tap 0 reads
            for low, high in ((0, width),) if not cut else ((0, half), (width - half, width)):
                first = max(0, -(-(low - base) // step))  # the taps that land in [low, high)
                last = min(layer.kernel_size - 1, (high - 1 - base) // step)
                for k in range(first, min(last, first + EDGE_LIMIT) + 1):
                    edges.append('<line class="edge" x1="{}" y1="{}" x2="{}" y2="{}"/>'.format(
                        left + i * cell + 6, level_y[j] + 10,
                        left + column(base + k * step) * cell + 6, level_y[j - 1]))
    if len(edges) > EDGE_LIMIT:
        edges = []
        caption += "; the edges are not drawn: more than {}".format(EDGE_LIMIT)
        body[0] = svg_text(SVG_MARGIN, SVG_MARGIN + 14, caption)
    body.append('<g stroke="#0072B2" stroke-opacity="0.45">\n{}\n</g>'.format("\n".join(edges))
                if edges else "")
    body += nodes
    body.append(svg_text(left, y - 12, "0"))
    body.append(svg_text(left + (len(rows[-1][2]) - 1) * cell + 10, y - 12, str(width - 1),
                         'text-anchor="end"'))
    footer = "R = {} columns{}".format(width, "; cut at '...', {} columns not shown".format(
        width - 2 * half) if cut else "")
    body.append(svg_text(SVG_MARGIN, y + 10, footer))
    body.append(svg_legend(SVG_MARGIN, y + 24, [
        (SVG_BOXES["feeds"], "feeds the output"), (SVG_BOXES["node"], "does not")]))
    wide = max(left + len(rows[-1][2]) * cell, SVG_MARGIN + SVG_CHAR * len(caption))
    desc = "{}. Each row is one level of the stack, the output at the top, the input at the" \
        " bottom; a filled box is a position that feeds the output, a hollow one a position" \
        " that does not. {}.".format(caption, footer)
    return svg_document(wide + SVG_MARGIN, y + 52, title, desc, body)
