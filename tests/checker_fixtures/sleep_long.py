# A convolve file that sleeps, as `sleep 317.5`, a child of its own: for the test that
# kills the checker mid-run and looks for what is left.
import subprocess
subprocess.call(["sleep", "317.5"])
