"""Refuse, before trying, work that cannot fit in the memory free on this machine."""


def check_memory(arrays, printed):
    """A note on what the work needs ("about 1.2 GiB"), for a later out-of-memory message;
    ValueError naming the first array that would not fit in the memory free now.

    arrays: (name, shape) of the float64 arrays the work makes; printed: how many numbers
    the answer prints (each a Python float and its text on the way out, ~64 bytes).
    """
    need = []
    for name, shape in arrays:
        count = 1
        for n in shape:
            count *= n
        need.append((8 * count, "{} would be {} float64".format(
            name, " x ".join(str(n) for n in shape))))
    need.append((64 * printed, "the answer would print {} numbers".format(printed)))
    total = sum(size for size, _ in need)
    available = memory_available()
    if available is not None and total > available:
        running = 0
        for size, what in need:  # name the first that would not fit, in the order made
            running += size
            if running > available:
                whole = "" if in_bytes(size) == in_bytes(total) else \
                    " (all the work {})".format(in_bytes(total))
                raise ValueError("out of memory: {}, {}{}: more than the {} free".format(
                    what, in_bytes(size), whole, in_bytes(available)))
    return ": the work needs about {}".format(in_bytes(total))


def memory_available():
    """Bytes of memory free for new work (Linux's MemAvailable), or None where unknown."""
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def in_bytes(size):
    """'1.46 TiB' for a size in bytes."""
    for unit in ("B", "KiB", "MiB", "GiB", "TiB", "PiB"):
        if size < 1024 or unit == "PiB":
            return "{:.3g} {}".format(size, unit)
        size /= 1024.0
