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
