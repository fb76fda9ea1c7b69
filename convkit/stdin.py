"""A command's stdin, read line by line as the course template reads it, with every check
a message can name: the line's number and name, the layouts allowed, and each axis's size
kept the same across lines ("InChannels is 1 here but 2 in line 1 (data)")."""
import select

from convkit.literal import as_array, parse_literal


class Reader(object):
    """The lines of one stream (sys.stdin, or any text stream), read one at a time.

    lines_read counts the lines consumed so far, blank ones included; axes maps an axis
    name to (size, "line N (name)" that first gave it); ignored is the number of a line an
    optional last line turned out not to be (the first of a second case pasted below).
    """

    def __init__(self, stream):
        self.stream = stream
        self.lines_read = 0
        self.axes = {}
        self.ignored = None

    def where(self, name, number=None):
        """'line N (name)', N the last line read unless given."""
        return "line {} ({})".format(self.lines_read if number is None else number, name)

    def next_line(self):
        """The next line as text, "" at the end. Bytes are decoded one line at a time, so a
        byte that is not UTF-8 is blamed on its own line."""
        stream = self.stream
        try:
            if stream is None:  # stdin closed: convkit NAME <&-
                return ""
            if hasattr(stream, "buffer"):
                line = stream.buffer.readline().decode("utf-8")
            else:
                line = stream.readline()  # a StringIO
        except UnicodeDecodeError as err:
            raise ValueError("not UTF-8 text: byte 0x{:02x} at column {}".format(
                err.object[err.start], err.start + 1))
        except OSError as err:
            raise ValueError("stdin cannot be read: {}".format(err.strerror or err))
        return line.lstrip("\ufeff") if self.lines_read == 0 else line  # an editor's BOM

    def read_line(self, name):
        """(number, text) of the next non-blank line, or None at the end."""
        while True:
            try:
                line = self.next_line()
            except ValueError as err:
                raise ValueError("{}: {}".format(self.where(name, self.lines_read + 1), err))
            except MemoryError:
                raise ValueError("{}: too long to hold in memory".format(
                    self.where(name, self.lines_read + 1)))
            if not line:
                return None
            self.lines_read += 1
            if line.strip():
                return self.lines_read, line

    def read_array(self, name, shapes=(), optional=False, exact=False):
        """The next non-blank line as a float64 array (exact: as the nested Python lists,
        ints kept exact, after the same checks); None at the end if optional.

        shapes: the allowed layouts, in axis names ("InLen x InChannels", "InLen").
        """
        found = self.read_line(name)
        if found is None:
            if optional:
                return None
            raise ValueError("{}: missing, expected {}".format(
                self.where(name, self.lines_read + 1), " or ".join(shapes) or "a list"))
        return self.parse_line(found, name, shapes, exact)

    def read_last_line(self, name, shapes, exact=False):
        """An optional line after the graded ones (G, strides), read only when it is the
        last non-blank line: with a line after it, it starts a second case pasted below the
        first, and it is left, with what follows, to warn_of_more_lines."""
        found = self.read_line(name) if self.ready() else None
        if found is None:
            return None
        try:
            after = self.read_line(name) if self.ready() else None
        except ValueError:  # not text: not blank either
            after = True
        if after is None:
            return self.parse_line(found, name, shapes, exact)
        self.ignored = found[0]
        return None

    def parse_line(self, found, name, shapes, exact=False):
        """The array on a line read, checked against its allowed layouts and the axis
        sizes of the lines before it."""
        where = self.where(name, found[0])
        try:
            value = parse_literal(found[1])
            arr = as_array(value)
        except ValueError as err:
            raise ValueError("{}: {}".format(where, err))
        layouts = [s for s in shapes if len(s.split(" x ")) == arr.ndim]
        if shapes and not layouts:
            raise ValueError("{}: expected {}, got shape {}".format(where, " or ".join(
                "{} dim{} {}".format(len(s.split(" x ")), "s" if " x " in s else "", s)
                for s in shapes), arr.shape))
        for axis, size in zip(layouts[0].split(" x ") if layouts else (), arr.shape,
                              strict=False):
            if size == 0:
                raise ValueError("{}: {} must be at least 1, got 0".format(where, axis))
            seen_size, seen_where = self.axes.setdefault(axis, (size, where))
            if size != seen_size:
                raise ValueError("{}: {} is {} here but {} in {}".format(
                    where, axis, size, seen_size, seen_where))
        return value if exact else arr

    def line_after(self):
        """The number of a non-blank line after the ones read, if stdin holds one now (a
        second case pasted below the first?), else None. Only what stdin holds now is
        read: a grader that keeps it open must not find the command waiting."""
        if self.ignored is not None:
            return self.ignored
        try:
            found = self.read_line("more") if self.ready() else None
        except ValueError:  # not text: not blank either
            return self.lines_read + 1
        return None if found is None else found[0]

    def ready(self):
        """False when reading now would wait for more (a pipe kept open, a terminal)."""
        stream = self.stream
        if stream is None or not hasattr(stream, "buffer"):
            return True  # nothing to wait for: closed, or in memory
        try:
            fd = stream.fileno()
        except (OSError, ValueError, AttributeError):  # in memory (a BytesIO): cannot wait
            return True
        try:
            return bool(select.select([fd], [], [], 0)[0])
        except (OSError, ValueError):  # Windows' select takes sockets only: read, as ever
            return True
