"""No state of the domain is spelled as a bare string outside its enum (issue 10, point 1).

The scan looks for the places where a stringly typed state hides: a comparison with a
state field (``.status == "active"``), an assignment or keyword setting one
(``status="waiting"``), a dict entry naming one (``{"kind": "buddy"}``), a default of a
parameter called like one, ``.in_(...)`` on one, a literal tuple made only of states, and
the solver's upper-case status names anywhere; templates the same in Jinja syntax. The enum
modules and migrations (which must keep the strings stored in old rows) are exempt.
"""

from __future__ import annotations

import ast
import re
from enum import StrEnum
from pathlib import Path

import pytest

from matching import vocab
from solver import status as solve_status
from solver import unplaced

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("matching", "solver", "web", "scheduler", "seed")
EXEMPT = {
    ROOT / "matching" / "vocab.py",
    ROOT / "solver" / "status.py",
    ROOT / "solver" / "unplaced.py",
}
STATE_FIELDS = {
    "status",
    "kind",
    "role",
    "trigger",
    "solver_status",
    "family_status",
    "volunteer_kind",
    "buddy_gender_wish",
    "gender",
    "end_code",
    "entity",
    "action",
}


def _enums() -> list[type[StrEnum]]:
    modules = (vocab, solve_status, unplaced)
    return [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
    ]


ALL_VALUES = {member.value for enum in _enums() for member in enum}
STATUS_VALUES = {
    member.value for enum in _enums() if enum.__name__.endswith("Status") for member in enum
}
SOLVER_NAMES = {member.value for member in solve_status.SolveStatus}
SOLVER_VALUES = SOLVER_NAMES | {member.value for member in unplaced.UnplacedReason}


def _strings(node: ast.AST | None) -> list[str]:
    """The string constants a node stands for: itself, a tuple's items, both ifexp arms."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [s for item in node.elts for s in _strings(item)]
    if isinstance(node, ast.IfExp):
        return _strings(node.body) + _strings(node.orelse)
    return []


def _names_state(node: ast.AST) -> bool:
    """Whether an expression is a state field: ``x.status``, ``status``, ``col(X.status)``."""
    if isinstance(node, ast.Attribute):
        return node.attr in STATE_FIELDS
    if isinstance(node, ast.Name):
        return node.id in STATE_FIELDS
    if isinstance(node, ast.Call) and node.args and not node.keywords:
        return isinstance(node.func, ast.Name) and _names_state(node.args[0])
    return False


class _Finder(ast.NodeVisitor):
    def __init__(self, values: set[str]) -> None:
        self.values = values
        self.found: list[tuple[int, str]] = []
        self.docstrings: set[int] = set()

    def _flag(self, node: ast.AST, values: list[str], pool: set[str]) -> None:
        for value in values:
            if value in pool:
                self.found.append((getattr(node, "lineno", 0), value))

    def visit_Module(self, node: ast.Module) -> None:
        for scope in ast.walk(node):
            body = getattr(scope, "body", None)
            first = body[0] if isinstance(body, list) and body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                self.docstrings.add(id(first.value))
        self.generic_visit(node)

    def visit_Compare(self, node: ast.Compare) -> None:
        sides = [node.left, *node.comparators]
        if any(_names_state(side) for side in sides):
            for side in sides:
                self._flag(node, _strings(side), self.values)
        self.generic_visit(node)

    def _assigned(self, targets: list[ast.expr], value: ast.expr | None, node: ast.AST) -> None:
        for target in targets:
            if isinstance(target, ast.Tuple) and isinstance(value, ast.Tuple):
                self._assigned(list(target.elts), None, node)
                for sub, item in zip(target.elts, value.elts, strict=False):
                    self._assigned([sub], item, node)
            elif _names_state(target):
                self._flag(node, _strings(value), self.values)
                if isinstance(value, ast.Call):
                    for keyword in value.keywords:
                        if keyword.arg == "default":
                            self._flag(node, _strings(keyword.value), self.values)

    def visit_Assign(self, node: ast.Assign) -> None:
        self._assigned(node.targets, node.value, node)
        self.generic_visit(node)

    def visit_AnnAssign(self, node: ast.AnnAssign) -> None:
        self._assigned([node.target], node.value, node)
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        for keyword in node.keywords:
            if keyword.arg in STATE_FIELDS:
                self._flag(node, _strings(keyword.value), self.values)
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "in_" and _names_state(func.value):
            self._flag(node, [s for arg in node.args for s in _strings(arg)], self.values)
        self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value in STATE_FIELDS:
                self._flag(node, _strings(value), self.values)
            else:
                self._flag(node, _strings(value), STATUS_VALUES - {"active"})
        self.generic_visit(node)

    def visit_arguments(self, node: ast.arguments) -> None:
        named = [*node.posonlyargs, *node.args][-len(node.defaults) :] if node.defaults else []
        pairs = [
            *zip(named, node.defaults, strict=True),
            *zip(node.kwonlyargs, node.kw_defaults, strict=True),
        ]
        for arg, default in pairs:
            if arg.arg in STATE_FIELDS and default is not None:
                self._flag(node, _strings(default), self.values)
        self.generic_visit(node)

    def _sequence(self, node: ast.Tuple | ast.List | ast.Set) -> None:
        values = _strings(node)
        only_states = len(values) == len(node.elts) and set(values) <= STATUS_VALUES
        if len(values) >= 2 and only_states and set(values) != {"active"}:
            self._flag(node, values, STATUS_VALUES)
        self.generic_visit(node)

    visit_Tuple = visit_List = visit_Set = _sequence

    def visit_Constant(self, node: ast.Constant) -> None:
        if id(node) not in self.docstrings:
            self._flag(node, _strings(node), SOLVER_NAMES)

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        """Text inside an f-string is prose, not a state."""


def _python_sources() -> list[Path]:
    return sorted(
        path
        for package in PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if path not in EXEMPT
    )


def bare_states_in_python(source: str, solver: bool = False) -> list[tuple[int, str]]:
    """The (line, value) of every bare state in a Python source, deduplicated.

    The solver knows only its own vocabularies (it imports nothing of the domain), so its
    code is checked against those alone: a problem file's ``"group"`` is not the audit's.
    """
    finder = _Finder(SOLVER_VALUES if solver else ALL_VALUES)
    finder.visit(ast.parse(source))
    return sorted(set(finder.found))


_VALUE = "|".join(sorted(map(re.escape, ALL_VALUES), key=len, reverse=True))
_STATUS = "|".join(sorted(map(re.escape, STATUS_VALUES), key=len, reverse=True))
_FIELDS = "|".join(sorted(STATE_FIELDS))
TEMPLATE_PATTERNS = [
    # row.status == 'closed', 'buddy' != wanted.kind
    re.compile(rf"\b(?:{_FIELDS})\s*(?:==|!=)\s*['\"](?:{_VALUE})['\"]"),
    re.compile(rf"['\"](?:{_VALUE})['\"]\s*(?:==|!=)\s*[\w.]*\b(?:{_FIELDS})\b"),
    # stats.get('status') == 'UNKNOWN'
    re.compile(rf"get\(['\"](?:{_FIELDS})['\"]\)\s*(?:==|!=)\s*['\"](?:{_VALUE})['\"]"),
    # url_for(..., status='waiting'), kind='buddy'
    re.compile(rf"\b(?:{_FIELDS})\s*=\s*'(?:{_VALUE})'"),
    # for status in ['queued', 'sent']
    re.compile(rf"\[\s*['\"](?:{_STATUS})['\"]\s*,"),
    # value="buddy" options and 'buddy'|volunteer_kind filters
    re.compile(rf"value=['\"](?:{_VALUE})['\"]"),
    re.compile(rf"['\"](?:{_VALUE})['\"]\s*\|\s*\w+"),
]


def bare_states_in_template(text: str) -> list[tuple[int, str]]:
    """The (line, snippet) of every bare state in a template."""
    return [
        (number, match.group(0))
        for number, line in enumerate(text.splitlines(), start=1)
        for pattern in TEMPLATE_PATTERNS
        for match in pattern.finditer(line)
    ]


def test_the_scan_catches_every_kind_of_bare_state() -> None:
    """The scanner finds each pattern it claims to find, and passes the enum spelling."""
    caught = (
        'if m.status == "active": pass',
        'x = select(Match).where(col(Match.status) != "ended")',
        'run.status, run.error = "failed", "boom"',
        'Proposal(kind="buddy")',
        'row = {"status": "closed"}',
        'MAP = {"moved": "closed"}',
        'def f(status: str = "waiting") -> None: pass',
        'q = col(MatchingRun.status).in_(("succeeded", "failed"))',
        'BUSY = ("requested", "running")',
        'def g(): return "FEASIBLE"',
        'kind: str = Field(default="buddy")',
    )
    for source in caught:
        assert bare_states_in_python(source), source
    clean = (
        "if m.status == MatchStatus.ACTIVE: pass",
        'FIELDS = ("capacity", "active")',
        'log.info(f"ended OPTIMAL {x}")',
        'def h():\n    """Stops at OPTIMAL."""',
        'column.type == "organisation"',
    )
    for source in clean:
        assert not bare_states_in_python(source), source
    assert bare_states_in_template("{% if row.status == 'closed' %}")
    assert bare_states_in_template("url_for('.people_list', status='waiting')")
    assert bare_states_in_template("{% for s in ['queued', 'sent'] %}")
    assert not bare_states_in_template("{% if row.status == FamilyStatus.CLOSED %}")


@pytest.mark.parametrize("path", _python_sources(), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_bare_state_in_python(path: Path) -> None:
    """Every state in Python code is an enum member."""
    solver = path.is_relative_to(ROOT / "solver")
    found = bare_states_in_python(path.read_text(encoding="utf-8"), solver=solver)
    assert not found, f"{path.relative_to(ROOT)}: bare states at (line, value) {found}"


def test_no_bare_state_in_templates() -> None:
    """Every state in a template comes from the enums that the context processor passes."""
    found = {
        str(path.relative_to(ROOT)): hits
        for path in sorted((ROOT / "web" / "templates").rglob("*.html"))
        if (hits := bare_states_in_template(path.read_text(encoding="utf-8")))
    }
    assert not found, found
