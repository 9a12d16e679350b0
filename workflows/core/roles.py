"""Roles as code (DESIGN.md, "Roles"): each department is a Wagtail group.

The roles are named here; what each may do is declared by each app in its own
`roles.py` and merged here, so this module knows no other app's permissions.
`sync_roles()` creates the groups and sets their permissions to exactly what
is declared; it runs after every `migrate` and is safe to run again. No
group receives a permission on users or groups: only administrators
(superusers) manage accounts.
"""

from importlib import import_module

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.translation import gettext_lazy as _

MARKETING = "Marketing"
CUSTOMER_SERVICE = "Customer Service"
SALES = "Sales"
LEGAL = "Legal"
AFTER_SALES = "After-sales"
FINANCE = "Finance"
HR = "HR"
SUPERVISION = "Supervision"
MANAGEMENT = "Management"
#: Heads of department, besides their department's own group: they draft their department's
#: training plan in the staff section (P8.3); HR approves and publishes it.
DEPARTMENT_HEADS = "Department heads"

ROLE_LABELS = {
    MARKETING: _("Marketing"),
    CUSTOMER_SERVICE: _("Customer Service"),
    SALES: _("Sales"),
    LEGAL: _("Legal"),
    AFTER_SALES: _("After-sales"),
    FINANCE: _("Finance"),
    HR: _("HR"),
    SUPERVISION: _("Supervision"),
    MANAGEMENT: _("Management"),
    DEPARTMENT_HEADS: _("Department heads"),
}

#: Every role, in the order the admin lists them.
ROLES = list(ROLE_LABELS)

#: The departments: every role but the department heads, who belong to one of them as well.
DEPARTMENT_LABELS = {role: label for role, label in ROLE_LABELS.items() if role != DEPARTMENT_HEADS}

WAGTAIL_STARTER_GROUPS = ["Editors", "Moderators"]
ADMIN_ACCESS = ["wagtailadmin.access_admin"]
OWN_MESSAGES = ["core.view_outboundmessage"]

#: The shared machinery's own permissions per role; each process app declares its own in
#: its `roles.py` (`PERMISSIONS = {role: ["app_label.codename", ...]}`), merged below.
CORE_PERMISSIONS = {
    MARKETING: [*ADMIN_ACCESS],
    CUSTOMER_SERVICE: [*ADMIN_ACCESS, *OWN_MESSAGES],
    SALES: [*ADMIN_ACCESS, *OWN_MESSAGES],
    LEGAL: [*ADMIN_ACCESS, *OWN_MESSAGES],
    AFTER_SALES: [*ADMIN_ACCESS, *OWN_MESSAGES],
    FINANCE: [*ADMIN_ACCESS, *OWN_MESSAGES],
    HR: [*ADMIN_ACCESS, *OWN_MESSAGES],
    SUPERVISION: [*ADMIN_ACCESS, *OWN_MESSAGES, "core.change_servicelevelsettings"],
    MANAGEMENT: [*ADMIN_ACCESS, *OWN_MESSAGES, "core.change_servicelevelsettings"],
    DEPARTMENT_HEADS: [*ADMIN_ACCESS],
}

#: Roles that read every record of the project's own apps.
READ_EVERYTHING = {SUPERVISION, MANAGEMENT}


def project_apps():
    """The project's own app configs (those whose code lives in this repository)."""
    from django.conf import settings

    root = str(settings.BASE_DIR)
    return [
        config
        for config in apps.get_app_configs()
        if str(config.path).startswith(root) and "site-packages" not in str(config.path)
    ]


def app_declarations():
    """{app label: its PERMISSIONS} for every project app with a `roles` module."""
    declarations = {"core": CORE_PERMISSIONS}
    for config in project_apps():
        if config.label == "core":
            continue
        try:
            module = import_module(f"{config.name}.roles")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.roles":
                raise
            continue
        declarations[config.label] = module.PERMISSIONS
    return declarations


def merge(declarations):
    """{role: [permission, ...]}: every app's declaration for each role, in order, once."""
    merged = {role: [] for role in ROLES}
    for app_label, declared in declarations.items():
        for role, permissions in declared.items():
            if role not in merged:
                raise LookupError(f"{app_label}.roles names an unknown role {role!r}")
            merged[role].extend(p for p in permissions if p not in merged[role])
    return merged


def declared_permissions():
    return merge(app_declarations())


def __getattr__(name):
    # `ROLE_PERMISSIONS` is computed from the apps' declarations when first read.
    if name == "ROLE_PERMISSIONS":
        return declared_permissions()
    raise AttributeError(name)


#: Page tree permissions (on the root page) and media permissions (root collection).
#: The staff section is not governed from here: only grants made inside it count there
#: (HR, department heads: `learning.staff_section`), so Marketing's grant on the root
#: reaches the public pages only.
PAGE_PERMISSIONS = {
    MARKETING: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    MARKETING: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
    # Course material in the staff section (P8.2).
    HR: [
        "wagtailimages.add_image",
        "wagtailimages.change_image",
        "wagtailimages.choose_image",
        "wagtaildocs.add_document",
        "wagtaildocs.change_document",
        "wagtaildocs.choose_document",
    ],
}


def _permission(dotted):
    app_label, codename = dotted.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise LookupError(f"Role permission {dotted} does not exist") from None


def permissions_for(role, declared=None):
    declared = declared if declared is not None else declared_permissions()
    perms = {_permission(p) for p in declared[role]}
    if role in READ_EVERYTHING:
        perms.update(
            Permission.objects.filter(
                content_type__app_label__in=[c.label for c in project_apps()],
                codename__startswith="view_",
            )
        )
    return perms


@transaction.atomic
def sync_roles():
    """Create the role groups and set their permissions exactly as declared."""
    from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page
    from wagtail.snippets.models import create_extra_permissions

    # Permissions are created after each app's migrations; this may run first.
    for config in apps.get_app_configs():
        create_permissions(config, verbosity=0)
    create_extra_permissions(apps.get_app_config("wagtailsnippets"))
    # Wagtail's starter groups are replaced by the departments below.
    Group.objects.filter(name__in=WAGTAIL_STARTER_GROUPS, user__isnull=True).delete()
    groups = {}
    declared = declared_permissions()
    for role in ROLES:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions_for(role, declared))
        groups[role] = group

    root_page = Page.get_first_root_node()
    for role, codenames in PAGE_PERMISSIONS.items():
        wanted = {_permission(f"wagtailcore.{c}") for c in codenames}
        GroupPagePermission.objects.filter(group=groups[role]).exclude(
            permission__in=wanted
        ).delete()
        if root_page is not None:
            for perm in wanted:
                GroupPagePermission.objects.get_or_create(
                    group=groups[role], page=root_page, permission=perm
                )

    root_collection = Collection.get_first_root_node()
    for role, dotted in COLLECTION_PERMISSIONS.items():
        wanted = {_permission(p) for p in dotted}
        GroupCollectionPermission.objects.filter(group=groups[role]).exclude(
            permission__in=wanted
        ).delete()
        if root_collection is not None:
            for perm in wanted:
                GroupCollectionPermission.objects.get_or_create(
                    group=groups[role], collection=root_collection, permission=perm
                )
    return groups


def sync_roles_after_migrate(sender, **kwargs):
    sync_roles()
