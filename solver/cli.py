"""The `solve` command: solve a problem file, print or write the JSON solution.

`web/cli.py` adds this command to the `kansrijk` group; it needs no app.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from solver.errors import ProblemError
from solver.problem_file import read_problem, solution_to_json, solve_problem


@click.command("solve")
@click.argument("problem_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--out",
    "solution_file",
    default=None,
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Write the solution here instead of printing it.",
)
def solve(problem_file: Path, solution_file: Path | None) -> None:
    """Solve PROBLEM_FILE (an assignment or placement problem, JSON) exactly."""
    try:
        solution = solve_problem(read_problem(problem_file))
    except (ProblemError, OSError) as error:
        raise click.ClickException(f"{problem_file}: {error}") from None
    answer = solution_to_json(solution)
    text = json.dumps(answer, indent=2)
    if solution_file is None:
        click.echo(text)
    else:
        solution_file.write_text(text + "\n", encoding="utf-8")
        click.echo(f"{answer['status']}: solution written to {solution_file}", err=True)
