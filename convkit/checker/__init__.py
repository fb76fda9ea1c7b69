"""The harness and the checker: run_tests.sh's command line (__main__), the sample suite
(harness), judging a learner's own file (solution: samples, then random cases against the
package through fork servers, the first failure shrunk, diagnosed and reported, then the
grader's environment or the static check).

isolate.py and forkserver.py are standard library only and run on Python 3.6 too: the fork
server is a program the grader's Python runs (`python3.6 forkserver.py`), beside isolate.py.
"""
import os

PROJECT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
