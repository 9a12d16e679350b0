"""Words fixed when a module is imported stay in the language of the first request.

A class attribute or module constant translated with `gettext` (not `gettext_lazy`) is
translated once, at import, in whatever language is active then: the receivables report
read 應收帳款 to a Simplified Chinese reader. The project's modules are read, not
listed: every call of an eager gettext outside a function body fails here.
"""

import ast
from pathlib import Path

from django.conf import settings

EAGER = {"gettext", "ngettext", "pgettext", "npgettext"}
FOLDERS = ("workflows", "site", "forms", "fixtures")


def eager_names(tree):
    return {
        alias.asname or alias.name
        for node in tree.body
        if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation"
        for alias in node.names
        if alias.name in EAGER
    }


def calls_at_import(tree, names):
    """Line numbers of calls to `names` that run when the module is imported: in the
    module or a class body, a function's default values included, not in a function body."""
    found = []

    def visit(node):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                for default in [*child.args.defaults, *child.args.kw_defaults]:
                    if default is not None:
                        visit_expression(default)
                continue
            if isinstance(child, ast.Lambda):
                continue
            if is_call(child):
                found.append(child.lineno)
            visit(child)

    def visit_expression(node):
        for child in ast.walk(node):
            if is_call(child):
                found.append(child.lineno)

    def is_call(node):
        return (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in names
        )

    visit(tree)
    return found


def project_modules():
    root = Path(settings.BASE_DIR)
    for folder in FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_the_scan_finds_an_eager_class_attribute():
    tree = ast.parse(
        "from django.utils.translation import gettext as _\n"
        "class Report:\n"
        "    title = _('Receivables')\n"
        "    def get(self, label=_('x')):\n"
        "        return _('fine')\n"
    )
    assert calls_at_import(tree, eager_names(tree)) == [3, 4]


def test_no_module_translates_at_import():
    found = []
    for path in project_modules():
        tree = ast.parse(path.read_text())
        names = eager_names(tree)
        if names:
            found += [f"{path}:{line}" for line in calls_at_import(tree, names)]
    assert len(list(project_modules())) > 100
    assert not found, "use gettext_lazy here:\n" + "\n".join(found)
