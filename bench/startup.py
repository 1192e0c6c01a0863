"""`python -m bench.startup`: how long the `kansrijk` command takes to start, whole process.

Times `kansrijk --help` and `kansrijk solve` on a 10-pair assignment file, each as a new
process, beside `python -c pass` measured in the same run (the interpreter's own start).
Prints the median of N runs in seconds and as a ratio to `python -c pass`; the targets are
0.3 s for `--help` and 0.8 s for `solve`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGETS_S = {"kansrijk --help": 0.3, "kansrijk solve (10 pairs)": 0.8}


def ten_pair_problem() -> dict[str, object]:
    """An assignment problem with 5 volunteers, 5 families and 10 candidate pairs."""
    pairs = [(a, t) for a in range(5) for t in range(5) if (a + t) % 5 < 2]
    return {
        "kind": "assignment",
        "agents": [{"id": f"v{a}", "capacity": 1} for a in range(5)],
        "tasks": [{"id": f"f{t}", "priority": t % 4} for t in range(5)],
        "edges": [{"agent": f"v{a}", "task": f"f{t}", "score": 10 + a + t} for a, t in pairs],
    }


def median_seconds(command: list[str], runs: int, cwd: Path) -> float:
    """The median wall time of running the command as a new process."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=cwd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    """Measure and print the start-up times and their ratios."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    kansrijk = str(Path(sys.executable).parent / "kansrijk")
    with tempfile.TemporaryDirectory() as folder:
        cwd = Path(folder)
        (cwd / "p10.json").write_text(json.dumps(ten_pair_problem()))
        commands = {
            "python -c pass": [sys.executable, "-c", "pass"],
            "kansrijk --help": [kansrijk, "--help"],
            "kansrijk solve (10 pairs)": [kansrijk, "solve", "p10.json", "--out", "s.json"],
        }
        measured = {name: median_seconds(cmd, runs, cwd) for name, cmd in commands.items()}
    reference = measured["python -c pass"]
    print(f"start-up, whole process, median of {runs} runs")
    print(f"{'command':<28}{'seconds':>9}{'× python -c pass':>19}{'target':>9}")
    for name, seconds in measured.items():
        target = f"{TARGETS_S[name]:.1f} s" if name in TARGETS_S else ""
        print(f"{name:<28}{seconds:>9.3f}{seconds / reference:>19.1f}{target:>9}")


if __name__ == "__main__":
    main()
