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
        "fleet.view_equipmentcategory",
        "fleet.view_equipmentmodel",
        "fleet.change_equipmentmodel",
        "fleet.publish_model",
    ],
    CUSTOMER_SERVICE: [
        *ADMIN_ACCESS,
        *OWN_MESSAGES,
        "consultations.add_consultation",
        "consultations.change_consultation",
        "consultations.view_consultation",
        "consultations.handle_consultation",
        "customers.view_customer",
        "fleet.view_equipmentcategory",
        "fleet.view_equipmentmodel",
        "fleet.view_equipmentunit",
    ],
    SALES: [
        *ADMIN_ACCESS,
        *OWN_MESSAGES,
        "consultations.view_consultation",
        "consultations.take_over_consultation",
        "customers.add_customer",
        "customers.change_customer",
        "customers.view_customer",
        "fleet.view_equipmentcategory",
        "fleet.view_equipmentmodel",
        "fleet.change_equipmentmodel",
        "fleet.set_rates",
        "fleet.view_equipmentunit",
    ],
    LEGAL: [*ADMIN_ACCESS, *OWN_MESSAGES, "customers.view_customer"],
    AFTER_SALES: [
        *ADMIN_ACCESS,
        *OWN_MESSAGES,
        "customers.view_customer",
        "fleet.add_equipmentcategory",
        "fleet.change_equipmentcategory",
        "fleet.view_equipmentcategory",
        "fleet.add_equipmentmodel",
        "fleet.change_equipmentmodel",
        "fleet.view_equipmentmodel",
        "fleet.edit_specification",
        "fleet.add_equipmentunit",
        "fleet.change_equipmentunit",
        "fleet.view_equipmentunit",
        "fleet.manage_unit_state",
    ],
    FINANCE: [*ADMIN_ACCESS, *OWN_MESSAGES, "customers.view_customer"],
    HR: [*ADMIN_ACCESS, *OWN_MESSAGES],
    SUPERVISION: [*ADMIN_ACCESS, *OWN_MESSAGES, "core.change_servicelevelsettings"],
    MANAGEMENT: [*ADMIN_ACCESS, *OWN_MESSAGES, "core.change_servicelevelsettings"],
}

#: Every employee files suggestions in the admin, follows their own and evaluates those sent
#: to their department (P9.7, P7.1; workflows/suggestions/README.md).
EVERY_EMPLOYEE = [
    "suggestions.add_suggestion",
    "suggestions.view_suggestion",
    "suggestions.evaluate_suggestion",
]
#: Suggestions and customer follow-up, per role (workflows/suggestions, workflows/followups).
SUGGESTIONS_AND_FOLLOW_UPS = {
    CUSTOMER_SERVICE: [
        "suggestions.change_suggestion",
        "suggestions.classify_suggestion",
        "followups.add_followup",
        "followups.change_followup",
        "followups.view_followup",
        "followups.handle_followup",
    ],
    HR: ["suggestions.give_reward"],
    SUPERVISION: ["suggestions.evaluate_any_suggestion"],
    MANAGEMENT: [
        "suggestions.evaluate_any_suggestion",
        "suggestions.change_suggestionsettings",
        "followups.change_followupsettings",
    ],
}
for _role, _perms in ROLE_PERMISSIONS.items():
    _perms.extend([*EVERY_EMPLOYEE, *SUGGESTIONS_AND_FOLLOW_UPS.get(_role, [])])

#: Complaints (workflows/complaints/README.md): every department investigates what is assigned
#: to it; Customer Service records, assigns, tells and closes; Finance applies rent credits,
#: After-sales carries out service tasks; Supervision and Management set the deadlines.
COMPLAINT_DEPARTMENTS = [MARKETING, CUSTOMER_SERVICE, SALES, LEGAL, AFTER_SALES, FINANCE, HR]
COMPLAINTS = {
    CUSTOMER_SERVICE: [
        "complaints.add_complaint",
        "complaints.change_complaint",
        "complaints.handle_complaint",
        "complaints.view_all_complaints",
    ],
    FINANCE: ["complaints.view_rentcredit", "complaints.apply_rent_credit"],
    AFTER_SALES: ["complaints.view_servicetask", "complaints.complete_service_task"],
    SUPERVISION: ["complaints.change_complaintsettings"],
    MANAGEMENT: ["complaints.change_complaintsettings"],
}
for _role in COMPLAINT_DEPARTMENTS:
    ROLE_PERMISSIONS[_role].extend(
        ["complaints.view_complaint", "complaints.investigate_complaint"]
    )
for _role, _perms in COMPLAINTS.items():
    ROLE_PERMISSIONS[_role].extend(_perms)

#: Leasing (workflows/leasing/README.md): Sales records requirements, builds plans and drafts,
#: submits, signs and cancels contracts; Legal keeps the templates and reviews contracts (P2.4);
#: the departments that follow a signed contract up read contracts (P2.5).
LEASING = {
    SALES: [
        "leasing.add_requirement",
        "leasing.change_requirement",
        "leasing.view_requirement",
        "leasing.add_leaseplan",
        "leasing.change_leaseplan",
        "leasing.delete_leaseplan",
        "leasing.view_leaseplan",
        "leasing.handle_plan",
        "leasing.add_contract",
        "leasing.change_contract",
        "leasing.delete_contract",
        "leasing.view_contract",
        "leasing.submit_contract",
        "leasing.sign_contract",
        "leasing.cancel_contract",
        "leasing.view_contracttemplate",
    ],
    LEGAL: [
        "leasing.add_contracttemplate",
        "leasing.change_contracttemplate",
        "leasing.view_contracttemplate",
        "leasing.view_leaseplan",
        "leasing.view_contract",
        "leasing.review_contract",
    ],
    CUSTOMER_SERVICE: ["leasing.view_contract"],
    AFTER_SALES: ["leasing.view_contract"],
    FINANCE: ["leasing.view_contract"],
}
for _role, _perms in LEASING.items():
    ROLE_PERMISSIONS[_role].extend(_perms)

#: Roles that read every record of the project's own apps.
READ_EVERYTHING = {SUPERVISION, MANAGEMENT}
PROJECT_APPS = (
    "core",
    "consultations",
    "contact",
    "home",
    "intake",
    "customers",
    "fleet",
    "catalogue",
    "suggestions",
    "followups",
    "complaints",
    "leasing",
)

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
