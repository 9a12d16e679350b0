"""The URLs of the admin, enumerated from Django's resolver and filled with real ids.

Used by test_role_url_matrix.py; kept apart so that the expected table there stays
a plain table. `admin_urls(records)` yields (key, url): the key is the URL pattern
as the resolver spells it (without the `admin/` prefix); the bulk action pattern is
expanded into one key per model and action, `bulk/<app>/<model>/<action>/`.
"""

import contextlib
import re

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry

PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>|\(\?P<(?P<regex>\w+)>[^)]*\)")


def walk(resolver, prefix="", namespace=None):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name


def admin_patterns():
    return [
        (route[len("admin/") :], name)
        for route, name in walk(get_resolver())
        if route.startswith("admin/")
    ]


def model_of_namespace(name):
    """wagtailsnippets_<app>_<model>:view -> "app.model" (choosers too)."""
    match = re.match(r"wagtailsnippet(?:s|choosers)_(\w+?)_([a-z0-9]+):", name or "")
    return f"{match[1]}.{match[2]}" if match else None


#: The project's own routes whose `pk` is a record of a model (not a page).
OWN_ROUTES = {"servicing_unit_archive": "fleet.equipmentunit"}


class Missing:
    pk = 999999


def record_of(label, records):
    """The record made for `label`; for a model without a factory of its own, any record
    its app's factories made along the way, else an id that does not exist (404 for all)."""
    if label in records:
        return records[label]
    from django.apps import apps

    return apps.get_model(label)._default_manager.order_by("pk").first() or Missing()


def value_for(param, name, records):
    """The value of one URL parameter: a real id where the pattern names its model."""
    label = model_of_namespace(name)
    if param in ("pk", "object_id"):
        if label:
            return record_of(label, records).pk
        if name in OWN_ROUTES:
            return record_of(OWN_ROUTES[name], records).pk
        for prefix, key in (
            ("wagtailusers_users:", "user"),
            ("wagtailusers_groups:", "group"),
            ("wagtailsites:", "site"),
            ("outbox:", "message"),
            ("core_message_read", "message"),
            ("wagtailadmin_workflows:", "none"),
        ):
            if name and name.startswith(prefix):
                return records[key].pk if key != "none" else 999999
        return records["page"].pk
    if param == "user_id":
        return records["user"].pk
    if param in ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk"):
        return records["page"].pk
    if param == "name":
        return records["transition"].get(label, "none")
    if param == "kind":
        return "consultation"
    if param in ("app_label", "app_name", "content_type_app_name"):
        return "suggestions" if "settings" in (name or "") else "home"
    if param in ("model_name", "content_type_model_name"):
        return "suggestionsettings" if "settings" in (name or "") else "homepage"
    if param == "filter_spec":
        return "original"
    if param == "action_name":
        return "approve"
    if param in ("revision_id_a", "revision_id_b"):
        return "earliest" if param.endswith("a") else "latest"
    if param in ("uidb64", "token"):
        return "x"
    return 999999


def fill(route, name, records):
    params = [m["name"] or m["regex"] for m in PARAM.finditer(route)]
    if name and params:
        kwargs = {p: value_for(p, name, records) for p in params}
        with contextlib.suppress(NoReverseMatch):  # regex patterns with unnamed groups
            return "/admin/" + reverse(name, kwargs=kwargs).split("/admin/", 1)[1]
    if name and not params and "(" not in route and "^" not in route:
        return reverse(name)
    if route == "^.*/$":
        return "/admin/no-such-page/"
    if "^" in route:
        path = re.sub(r"\^|\$|\\", "", route).replace("(?P<pk>\\d+)", "1")
        return "/admin/" + path
    return "/admin/" + route


def admin_urls(records):
    """(key, url) for every admin URL pattern; bulk actions per model and action."""
    bulk_action_registry._scan_for_bulk_actions()
    for route, name in admin_patterns():
        if name == "wagtail_bulk_action":
            for app_label, by_model in sorted(bulk_action_registry.actions.items()):
                for model_name, actions in sorted(by_model.items()):
                    record = records.get(f"{app_label}.{model_name}")
                    if record is None:
                        continue
                    for action in sorted(actions):
                        url = reverse(name, args=[app_label, model_name, action])
                        yield f"bulk/{app_label}/{model_name}/{action}/", f"{url}?id={record.pk}"
            continue
        yield route, fill(route, name, records)
