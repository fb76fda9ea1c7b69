"""make pictures: the README's SVG pictures, drawn by the package's commands themselves
(`python -m convkit NAME ... --svg FILE`).

  python3 tools/pictures.py [DIR]      (default: docs/)

tests/test_pictures.py draws them again into a temporary folder and compares them byte
for byte with the committed ones, so they cannot drift from the code.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PICTURES = [  # file, command, its flags, its input
    ("convolve-stride2-pad1-dil2.svg", "convolve",
     ["--stride", "2", "--padding", "1", "--dilation", "2"],
     "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\n[1, 10, 100]\n"),  # the README's --draw example
    ("receptive-field-lesson.svg", "receptive_field", [],
     "[9, 9, 3]\n[2, 3, 4]\n"),  # the lesson's stack, samples/receptive_field/01-lesson.in
]


def generate(folder):
    """Write every picture into folder; returns their file names."""
    env = dict(os.environ, PYTHONPATH=ROOT + os.pathsep + os.environ.get("PYTHONPATH", ""))
    for name, command, flags, text in PICTURES:
        subprocess.run([sys.executable, "-m", "convkit", command] + flags
                       + ["--svg", os.path.abspath(os.path.join(folder, name))],
                       input=text.encode(), stdout=subprocess.DEVNULL, check=True, env=env)
    return [name for name, _, _, _ in PICTURES]


if __name__ == "__main__":
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "docs")
    for name in generate(folder):
        print("wrote", os.path.join(folder, name))
