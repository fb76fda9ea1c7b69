"""numpy 1.14.1's names that numpy 2 removed, put back as the aliases they were, and
numpy 1.x's print form of scalars: for judging, on a newer numpy, a file written for the
grader's numpy 1.14.1 when the grader's own environment (.venv-grader) is not here.

A real `python FILE` gets it as sitecustomize.py, from PYTHONPATH=<this folder>; the fork
server loads it by path into the child of each case. install() adds each missing name to
numpy when numpy is imported (at once if it already is), and sets numpy's print options
to its 1.x scalar forms (repr(np.int64(5)) == '5', not 'np.int64(5)'). A name that numpy
still has is left alone. Standard library only, Python 3.6+: it runs in the learner's
process.
"""
import builtins
import sys

# name -> how numpy 1.14.1 defined it: a builtin ("builtins.float"), another numpy name
# ("float64"), or a small function below
ALIASES = {
    "float": "builtins.float", "int": "builtins.int", "bool": "builtins.bool",
    "object": "builtins.object", "complex": "builtins.complex", "str": "builtins.str",
    "unicode": "builtins.str", "long": "builtins.int",
    "NaN": "nan", "NAN": "nan", "Inf": "inf", "Infinity": "inf", "PINF": "inf",
    "infty": "inf", "NINF": "-inf", "PZERO": "+0.0", "NZERO": "-0.0",
    "float_": "float64", "complex_": "complex128", "cfloat": "complex128",
    "singlecomplex": "complex64", "longfloat": "longdouble", "clongfloat": "clongdouble",
    "longcomplex": "clongdouble", "string_": "bytes_", "unicode_": "str_",
    "bool8": "bool_", "int0": "intp", "uint0": "uintp", "object0": "object_",
    "bytes0": "bytes_", "str0": "str_", "void0": "void",
    "product": "prod", "cumproduct": "cumprod", "sometrue": "any", "alltrue": "all",
    "round_": "round", "in1d": "isin", "trapz": "trapezoid", "row_stack": "vstack",
    "mat": "asmatrix",
    "asscalar": "asscalar", "asfarray": "asfarray", "rank": "rank", "alen": "alen",
    "msort": "msort",
}


def _functions(np):
    def asscalar(a):
        return a.item()

    def asfarray(a, dtype=np.float64):
        dtype = np.dtype(dtype)
        if not np.issubdtype(dtype, np.inexact):
            dtype = np.dtype(np.float64)
        return np.asarray(a, dtype=dtype)

    def rank(a):
        return np.ndim(a)

    def alen(a):
        return len(np.array(a, ndmin=1))

    def msort(a):
        return np.sort(a, axis=0)

    return {"asscalar": asscalar, "asfarray": asfarray, "rank": rank, "alen": alen,
            "msort": msort}


def patch(np):
    """Give numpy module np the removed names and the 1.x scalar print forms. The names
    added."""
    functions = _functions(np)
    added = []
    for name, target in sorted(ALIASES.items()):
        if name in np.__dict__:
            continue
        if target.startswith("builtins."):
            value = getattr(builtins, target[len("builtins."):])
        elif target in ("+0.0", "-0.0", "-inf"):
            value = float(target)
        elif target in functions:
            value = functions[target]
        elif target in np.__dict__:
            value = np.__dict__[target]
        else:
            continue
        setattr(np, name, value)
        added.append(name)
    try:
        np.set_printoptions(legacy="1.25")  # numpy 2: scalars print as 1.x printed them
    except (TypeError, ValueError):
        pass  # a numpy without that option prints them so already
    return added


class _Finder(object):
    """A meta path finder that patches numpy as soon as it is imported."""

    def find_spec(self, name, path=None, target=None):
        if name != "numpy":
            return None
        import importlib.machinery
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        execute = loader.exec_module

        def exec_module(module):
            execute(module)
            patch(module)
        loader.exec_module = exec_module
        return spec


def install():
    """Patch numpy now if it is imported, else as soon as it is."""
    if "numpy" in sys.modules:
        patch(sys.modules["numpy"])
    else:
        sys.meta_path.insert(0, _Finder())


if __name__ == "sitecustomize":  # a real `python FILE`: site imported this file
    install()
