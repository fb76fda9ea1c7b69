"""--svg: the pieces of every picture's SVG image, and writing it to a file."""
import argparse
import os
import stat
import textwrap

SVG_MARGIN = 10  # px around the picture
SVG_CHAR = 8  # px per character of the 12 px monospace text, a little more than it takes
SVG_TEXT_WIDTH = 480  # px: lines of text wrap at the figure's width, or at this if it is less
SVG_FONT = "DejaVu Sans Mono, Menlo, Consolas, monospace"  # on every <text>: some renderers
# (MuPDF) do not inherit a font from the <svg> element
SVG_COLOURS = (("#E69F00", "#000000"), ("#56B4E9", "#000000"), ("#009E73", "#000000"),
               ("#F0E442", "#000000"), ("#0072B2", "#ffffff"), ("#D55E00", "#000000"),
               ("#CC79A7", "#000000"))  # fill, text on it: Okabe-Ito, safe for colour blindness
SVG_BOXES = {  # the cells that are not taps: fill and outline
    "pad": 'fill="#d9d9d9" stroke="#777777"',
    "input": 'fill="#ffffff" stroke="#333333"',
    "input unread": 'fill="#ffffff" stroke="#333333" stroke-dasharray="3 2"',
    "feeds": 'fill="#0072B2" stroke="#0072B2"',
    "node": 'fill="#ffffff" stroke="#777777"',
}


def svg_path(text):
    """--svg's value: a file name, of a regular file or none yet; a usage error (exit 2)
    for '' or '-', a terminal, FIFO, socket or device (/dev/stderr, /dev/null), or the
    file that stdin, stdout or stderr is."""
    if text == "-":
        raise argparse.ArgumentTypeError("give a file name, not '-': stdout holds the answer")
    if not text:
        raise argparse.ArgumentTypeError("give a file name, not an empty one")
    problem = not_a_picture_file(text)
    if problem:
        raise argparse.ArgumentTypeError(problem)
    return text


def not_a_picture_file(path):
    """Why path cannot take the picture (see svg_path), or None."""
    try:
        there = os.stat(path)
    except OSError:  # no such file yet: writing it says what else is wrong
        return None
    if not stat.S_ISREG(there.st_mode):
        return "{}: not a regular file (a terminal, FIFO or device): give a file's name".format(
            path)
    for fd, name in ((0, "stdin"), (1, "stdout"), (2, "stderr")):
        try:
            stream = os.fstat(fd)
        except OSError:  # closed
            continue
        if (there.st_dev, there.st_ino) == (stream.st_dev, stream.st_ino):
            return "{}: that is the file {} {}: give another".format(
                path, name, "reads" if fd == 0 else "writes")
    return None


def xml_escape(text):
    """Text for an XML element or attribute; anything not ASCII as a character reference."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").encode("ascii", "xmlcharrefreplace").decode("ascii")


def svg_text(x, y, text, attributes=""):
    """A <text> element at (x, y), the baseline's left end (or centre, with text-anchor)."""
    return '<text x="{}" y="{}" font-family="{}"{}>{}</text>'.format(
        x, y, SVG_FONT, " " + attributes if attributes else "", xml_escape(text))


def text_width(lines):
    """px that the longest of lines takes, at SVG_CHAR a character."""
    return SVG_CHAR * max([0] + [len(line) for line in lines])


def wrap(texts, width):
    """The lines of texts wrapped at spaces to at most width px (a word longer than that
    stays whole on its own line): joined again with single spaces, each is its text."""
    lines = []
    for text in texts:
        lines.extend(textwrap.wrap(text, max(1, width // SVG_CHAR), break_long_words=False,
                                   break_on_hyphens=False) or [""])
    return lines


def svg_lines(x, y, lines, step=18):
    """One <text> a line, the first one's baseline at y; returns (the elements, the y under
    the last one)."""
    parts = [svg_text(x, y + i * step, line) for i, line in enumerate(lines)]
    return parts, y + len(lines) * step


def svg_legend(x, y, items, width=None):
    """Legend swatches: items (the swatch's fill and stroke, its label), in rows no wider
    than width px (one row without width); returns (the elements, their height in px)."""
    parts, start, height = [], x, 20
    for paint, label in items:
        wide = 22 + SVG_CHAR * len(label)
        if width is not None and x > start and x + wide > start + width:
            x, y, height = start, y + 24, height + 24  # the next row
        parts.append('<rect class="legend" x="{}" y="{}" width="16" height="16" {}/>'.format(
            x, y, paint))
        parts.append(svg_text(x + 22, y + 13, label))
        x += wide + 16
    return "\n".join(parts), height


def svg_document(width, height, title, desc, body):
    """A whole SVG image: fixed size, a viewBox, a white background, role="img" with its
    <title> and <desc> for screen readers, no scripts, no external fonts."""
    return "\n".join([
        '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}"'
        ' role="img" aria-labelledby="svg-title svg-desc" font-family="DejaVu Sans Mono, Menlo,'
        ' Consolas, monospace" font-size="12">'.format(w=width, h=height),
        '<title id="svg-title">{}</title>'.format(xml_escape(title)),
        '<desc id="svg-desc">{}</desc>'.format(xml_escape(desc)),
        '<rect class="background" width="100%" height="100%" fill="#ffffff"/>']
        + [part for part in body if part] + ["</svg>"]) + "\n"


def write_svg(path, text):
    """Write the image to path; a file that cannot be written is one line (ValueError).
    Only a regular file, and not the one stdin reads or stdout writes: /dev/stdout would mix
    the image into the answer, stdin's file would lose the input, a FIFO would wait."""
    problem = not_a_picture_file(path)  # checked again: it may have changed since
    if problem:
        raise ValueError("--svg " + problem)
    try:
        with open(path, "w", encoding="ascii", newline="\n") as f:
            f.write(text)
    except OSError as err:
        raise ValueError("--svg {}: cannot write it: {}".format(path, err.strerror or err))


def case_svg(task, case):
    """The SVG image of a case in the grader's format (a dict of its input lines, no
    flags): the picture that task.picture(case) gives as text."""
    if task.name == "receptive_field":
        from convkit import stack_picture
        from convkit.exercises.receptive_field import layers_of
        return stack_picture.stack_svg(layers_of(case))
    from convkit.exercises import conv_cases
    return conv_cases.draw_case(task, case, image=True)


def write_case_svg(task, case, path):
    """The checker's --svg FILE: case_svg(task, case) written to path, with write_svg's
    checks (a file that cannot be written: ValueError, one line)."""
    write_svg(path, case_svg(task, case))
