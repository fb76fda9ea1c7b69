"""The project's harness, as a package: isolate (run one command in isolation and say what
happened), harness (the sample suite: find the cases, run them, judge, report) and
__main__ (run_tests.sh's command line). The comparison itself is tools/compare_output.py,
loaded here as compare_output. Standard library only, Python 3.6+.
"""
import importlib.util
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _load_compare_output():
    """tools/compare_output.py as the module compare_output (the one already imported, if
    that is this file)."""
    path = os.path.join(ROOT, "tools", "compare_output.py")
    module = sys.modules.get("compare_output")
    if module is not None and os.path.realpath(getattr(module, "__file__", "") or "") == (
            os.path.realpath(path)):
        return module
    spec = importlib.util.spec_from_file_location("compare_output", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules.setdefault("compare_output", module)
    return module


compare_output = _load_compare_output()
