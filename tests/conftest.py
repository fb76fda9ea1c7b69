import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def pytest_configure(config):
    config.addinivalue_line("markers", "gallery: every learner file through the checker's "
                            "stress (make check-gallery); skipped unless -m gallery")


def pytest_collection_modifyitems(config, items):
    import pytest
    if "gallery" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="the whole gallery: make check-gallery (-m gallery)")
    for item in items:
        if "gallery" in item.keywords:
            item.add_marker(skip)


def pytest_make_parametrize_id(config, val, argname):
    """Short ids for long parameters: pytest puts the test's id in the environment of
    every child (PYTEST_CURRENT_TEST), and Linux refuses one variable over 128 KiB."""
    if isinstance(val, (str, bytes)) and len(val) > 60:
        text = val if isinstance(val, str) else val.decode("latin-1")
        return "{}...({} chars)".format(text[:40], len(val))
    return None
