"""The rules of the house that a reader cannot see file by file (docs/architecture.md)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

APPS = Path(__file__).resolve().parent.parent / "reseau"
ROLE_PROPERTIES = {"is_secretariat", "is_coordinator", "is_focal_point", "is_partner"}
ROLE_VALUES = {"secretariat", "coordinator", "focal_point", "partner"}
TEMPLATE_ROLE_READ = re.compile(r"\.(is_secretariat|is_coordinator|is_focal_point|is_partner|role)\b")


def _is_access_module(path: Path) -> bool:
    """Who may do what is decided in access modules and in the accounts app, nowhere else."""
    relative = path.relative_to(APPS)
    return relative.parts[0] == "accounts" or path.name == "access.py" or "access" in relative.parts[1:-1]


def _application_files(pattern: str) -> list[Path]:
    return [
        path
        for path in sorted(APPS.rglob(pattern))
        if "tests" not in path.parts and "migrations" not in path.parts and not _is_access_module(path)
    ]


def _role_reads(source: str) -> list[str]:
    """Reads of a user's role: ``x.is_secretariat``… and ``x.role == "coordinator"`` or ``Role.X``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute) and node.attr in ROLE_PROPERTIES:
            found.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            reads_role = any(isinstance(o, ast.Attribute) and o.attr == "role" for o in operands)
            names_a_role = any(
                (isinstance(o, ast.Constant) and o.value in ROLE_VALUES)
                or (isinstance(o, ast.Attribute) and isinstance(o.value, ast.Name) and o.value.id == "Role")
                for o in operands
            )
            if reads_role and names_a_role:
                found.append(f"line {node.lineno}: role comparison")
    return found


def test_the_role_check_sees_a_role_read() -> None:
    source = "if request.user.is_coordinator or user.role == Role.SECRETARIAT or user.role == 'partner':\n    pass\n"
    assert len(_role_reads(source)) == 3


def test_the_role_check_ignores_other_roles_and_questions() -> None:
    source = "if contact.role == ProjectPartner.Role.LEAD and access.can_edit(user):\n    pass\n"
    assert _role_reads(source) == []


@pytest.mark.parametrize("path", _application_files("*.py"), ids=lambda p: str(p.relative_to(APPS)))
def test_python_outside_access_modules_reads_no_role(path: Path) -> None:
    assert _role_reads(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", _application_files("*.html"), ids=lambda p: str(p.relative_to(APPS)))
def test_templates_read_no_role(path: Path) -> None:
    reads = [
        f"line {number}: {match.group(0)}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for match in TEMPLATE_ROLE_READ.finditer(line)
        if "user" in line[max(0, match.start() - 40) : match.start()]
    ]
    assert reads == []


# A stored file has no local path on an object store (S3): code reads, writes and deletes it
# through the storage API only, so several app servers can share one library.
STORED_FILE_PATH = re.compile(r"\.file\.path\b|storage\.path\(|\bMEDIA_ROOT\b|\.file\.url\b|storage\.url\(")


def test_a_stored_files_path_is_never_used_the_storage_api_is() -> None:
    found = [
        f"{path.relative_to(APPS)} line {number}: {match.group(0)}"
        for path in sorted(APPS.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        for match in STORED_FILE_PATH.finditer(line)
    ]
    assert found == []
