"""An import-linter contract type that the built-in ones lack: an allow-list of outside packages.

``lint-imports`` loads it from ``[tool.importlinter] contract_types`` (run from the repository
root, as ``make lint`` does). It checks direct imports only: what an allowed package imports
in turn is that package's business.
"""

from __future__ import annotations

import sys
from typing import Any

from grimp import ImportGraph
from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck


class AllowedExternalsContract(Contract):
    """A package imports the standard library, the project and the listed packages only."""

    type_name = "allowed_externals"

    source_package = fields.StringField()
    allowed = fields.ListField(subfield=fields.StringField())

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        """Every import of an outside package that is neither stdlib nor allowed, with lines."""
        package = str(self.source_package)
        allowed = {*self.allowed, *sys.stdlib_module_names}
        found: list[dict[str, Any]] = []
        for module in sorted({package, *graph.find_descendants(package)}):
            for imported in sorted(graph.find_modules_directly_imported_by(module)):
                top = imported.split(".")[0]
                if not graph.is_module_squashed(imported) or top in allowed:
                    continue
                details = graph.get_import_details(importer=module, imported=imported)
                lines = sorted(detail["line_number"] for detail in details)
                found.append({"importer": module, "imported": imported, "lines": lines})
        return ContractCheck(kept=not found, metadata={"found": found})

    def render_broken_contract(self, check: ContractCheck) -> None:
        """One line per import that is not allowed."""
        for item in check.metadata["found"]:
            lines = ", ".join(f"l.{line}" for line in item["lines"])
            output.print_error(
                f"{item['importer']} imports {item['imported']} ({lines}), which is not allowed.",
                bold=False,
            )
            output.new_line()
