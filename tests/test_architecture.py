"""The shape of the code (docs/architecture.md): the apps' import order, small modules, no import
cycle, one file name per kind of module, extension points filled only from `extensions.py`, and
every permission a role holds checked where its action happens."""

import ast
import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Permission

from accounts.roles import ROLE_PERMISSIONS

# The import order: an app imports only the apps before it (config may import all).
APPS = ("core", "accounts", "indicators", "proposals", "projects", "reviews", "reports", "api")
ROOT = Path(settings.BASE_DIR)
MAX_LINES = 400
MAX_SHARE = 0.30

# One file name per kind of module: these names say "views", "urls", "forms"… in another way.
ODD_NAMES = re.compile(
    r"^(\w+_(views|urls|forms|services|selectors|rules)|(views|urls|forms|services|selectors|rules)"
    r"_\w+|editors|overview)\.py$"
)

# The functions that fill an extension point, and the module where each is declared (the only
# other place allowed to call it is an app's extensions.py).
HOOK_FILLERS = {
    "register_action": "accounts.audit",
    "register_links": "accounts.links",
    "register_personal_data": "accounts.privacy.exports",
    "register_erasure": "accounts.privacy.erasure",
    "register_retention": "accounts.privacy.retention",
    "register_resolver": "indicators.sources",
    "register_headline": "indicators.dashboard.headlines",
    "register_condition": "proposals.lifecycle.services",
    "register_effect": "proposals.lifecycle.services",
    "register_step_page": "proposals.lifecycle.services",
}


def _modules():
    """{module name: path} of every source module of the apps, migrations aside."""
    found = {}
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(parts)] = path
    return found


MODULES = _modules()
TREES = {name: ast.parse(path.read_text()) for name, path in MODULES.items()}


def _imported(module, tree):
    """The first-party modules `module` imports, at any depth of its code."""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            names = [f"{base}.{alias.name}" for alias in node.names]
            if any(name not in MODULES for name in names):
                names.append(base)  # some names are the package's own, not its submodules
        else:
            continue
        for name in names:
            while name and name not in MODULES:
                name = name.rpartition(".")[0]
            if name and name != module:
                targets.add(name)
    return targets


IMPORTS = {module: _imported(module, tree) for module, tree in TREES.items()}


def test_no_app_imports_an_app_above_it():
    upward = [
        f"{module} imports {target}"
        for module, targets in IMPORTS.items()
        for target in targets
        if APPS.index(target.split(".")[0]) > APPS.index(module.split(".")[0])
    ]
    assert upward == []


def test_no_two_modules_import_each_other_even_indirectly():
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(node):  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(IMPORTS[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in sorted(IMPORTS):
        if module not in index:
            visit(module)
    assert cycles == []


def test_no_module_passes_400_lines():
    long = {
        name: count
        for name, path in MODULES.items()
        if (count := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}


def test_no_app_holds_more_than_30_percent_of_the_code():
    lines = defaultdict(int)
    for name, path in MODULES.items():
        lines[name.split(".")[0]] += len(path.read_text().splitlines())
    total = sum(lines.values())
    assert {
        app: round(count / total, 2) for app, count in lines.items() if count / total > MAX_SHARE
    } == {}


def _is_kind(module, kind):
    return kind in module.split(".")


def test_views_and_template_tags_are_imported_by_no_other_module():
    """Views import helpers (selectors, services, rules, core…), never the reverse: only the
    urls import views, and only Django imports template tag libraries."""
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in IMPORTS.items()
        for target in targets
        if (_is_kind(target, "views") and not module.endswith("urls"))
        or (_is_kind(target, "templatetags") and not _is_kind(module, "templatetags"))
    )
    assert wrong == []


def test_each_kind_of_module_has_one_name():
    odd = sorted(
        str(path.relative_to(ROOT))
        for path in MODULES.values()
        if ODD_NAMES.match(path.name) and path.parent.name != "views"  # views/editors.py is views
    )
    assert odd == []


def test_extension_points_are_filled_only_from_extensions_modules():
    callers = []
    for module, tree in TREES.items():
        if module.endswith(".extensions"):
            continue
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in HOOK_FILLERS and HOOK_FILLERS[name] != module:
                callers.append(f"{module}: {name}")
    assert callers == []


def test_every_app_connects_its_extensions_from_its_app_config():
    for app in APPS[1:]:
        ready = (ROOT / app / "apps.py").read_text()
        assert "extensions.connect()" in ready, app


def _granted():
    return sorted(
        {permission for permissions in ROLE_PERMISSIONS.values() for permission in permissions}
    )


@pytest.mark.django_db
def test_every_permission_a_role_holds_exists():
    existing = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    assert [permission for permission in _granted() if permission not in existing] == []


def test_every_permission_a_role_holds_is_checked_where_its_action_happens():
    """A model's view/add/change/delete permission is checked by the admin, where the model must
    be registered; any other permission must be asked for in the code (`has_perm("app.code")`),
    so that taking it from a role takes the action away."""
    source = "\n".join(
        path.read_text() for name, path in MODULES.items() if name != "accounts.roles"
    )
    registered = {
        f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry
    }
    unchecked = []
    for permission in _granted():
        app, codename = permission.split(".")
        action, _, model = codename.partition("_")
        if action in ("view", "add", "change", "delete") and f"{app}.{model}" in registered:
            continue
        if f'has_perm("{permission}")' not in source:
            unchecked.append(permission)
    assert unchecked == []
