"""Roles as code (DESIGN.md, "Roles"): each department is a Wagtail group.

`sync_roles()` creates the groups and sets their permissions to exactly what
is written here; it runs after every `migrate` and is safe to run again. No
group receives a permission on users or groups: only administrators
(superusers) manage accounts.
"""

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
}

WAGTAIL_STARTER_GROUPS = ["Editors", "Moderators"]
ADMIN_ACCESS = ["wagtailadmin.access_admin"]
OWN_MESSAGES = ["core.view_outboundmessage"]

#: Model permissions per role, "app_label.codename".
ROLE_PERMISSIONS = {
    MARKETING: [
        *ADMIN_ACCESS,
        "contact.change_contactsettings",
        "contact.add_consultationchannel",
        "contact.change_consultationchannel",
        "contact.delete_consultationchannel",
        "contact.publish_consultationchannel",
        "contact.view_consultationchannel",
    ],
    CUSTOMER_SERVICE: [
        *ADMIN_ACCESS,
        *OWN_MESSAGES,
        "consultations.add_consultation",
        "consultations.change_consultation",
        "consultations.view_consultation",
        "consultations.handle_consultation",
    ],
    SALES: [
        *ADMIN_ACCESS,
        *OWN_MESSAGES,
        "consultations.view_consultation",
        "consultations.take_over_consultation",
    ],
    LEGAL: [*ADMIN_ACCESS, *OWN_MESSAGES],
    AFTER_SALES: [*ADMIN_ACCESS, *OWN_MESSAGES],
    FINANCE: [*ADMIN_ACCESS, *OWN_MESSAGES],
    HR: [*ADMIN_ACCESS, *OWN_MESSAGES],
    SUPERVISION: [*ADMIN_ACCESS, *OWN_MESSAGES, "core.change_servicelevelsettings"],
    MANAGEMENT: [*ADMIN_ACCESS, *OWN_MESSAGES, "core.change_servicelevelsettings"],
}

#: Roles that read every record of the project's own apps.
READ_EVERYTHING = {SUPERVISION, MANAGEMENT}
PROJECT_APPS = ("core", "consultations", "contact", "home", "intake")

#: Page tree permissions (on the root page) and media permissions (root collection).
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
}


def _permission(dotted):
    app_label, codename = dotted.split(".", 1)
    try:
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)
    except Permission.DoesNotExist:
        raise LookupError(f"Role permission {dotted} does not exist") from None


def permissions_for(role):
    perms = {_permission(p) for p in ROLE_PERMISSIONS[role]}
    if role in READ_EVERYTHING:
        perms.update(
            Permission.objects.filter(
                content_type__app_label__in=PROJECT_APPS, codename__startswith="view_"
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
    for role in ROLE_PERMISSIONS:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set(permissions_for(role))
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
