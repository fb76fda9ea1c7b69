"""pytest's settings for convkit: the test tiers, Hypothesis's profiles, short ids.

Tiers (markers): unmarked tests are make test's, under two minutes on two cores;
`slow` ones (thorough fuzzing, long sweeps, the whole learner gallery) and `grader` ones
(the graded files on Python 3.6 + numpy 1.14.1, .venv-grader) run in make test-all, as CI
does. Hypothesis's "quick" profile is make test's, "thorough" (HYPOTHESIS_PROFILE=thorough)
make test-all's: more examples per property, the same derandomized draws each run.
"""
import os

from hypothesis import HealthCheck, settings

# The tests read the checker's English messages: a developer's Russian locale must not turn
# them Russian (convkit/i18n.py reads LANGUAGE first; the children inherit it). The Russian
# ones are tested with the language set explicitly (tests/test_messages.py).
os.environ["LANGUAGE"] = "en"

settings.register_profile("quick", max_examples=60, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=600, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("mutants", max_examples=250, derandomize=True, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])  # tools/mutants.py
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: thorough and slow; make test-all (CI) runs it")
    config.addinivalue_line("markers", "grader: needs .venv-grader (Python 3.6 + numpy "
                            "1.14.1, the grader's); make test-grader and make test-all")


def pytest_make_parametrize_id(config, val, argname):
    """Short ids for long parameters: pytest puts the test's id in the environment of
    every child (PYTEST_CURRENT_TEST), and Linux refuses one variable over 128 KiB."""
    if isinstance(val, (str, bytes)) and len(val) > 60:
        text = val if isinstance(val, str) else val.decode("latin-1")
        return "{}...({} chars)".format(text[:40], len(val))
    return None
