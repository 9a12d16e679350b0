"""Roles as code (DESIGN.md, "Roles"): each department a group with exactly its permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from tests.factories import ConsultationFactory
from workflows.consultations import services
from workflows.core import roles

pytestmark = pytest.mark.django_db

CONSULTATIONS = "wagtailsnippets_consultations_consultation"
USER_MANAGEMENT = [
    "wagtailusers_users:index",
    "wagtailusers_users:add",
    "wagtailusers_groups:index",
]


def dotted(permission):
    return f"{permission.content_type.app_label}.{permission.codename}"


def snapshot():
    """Everything sync_roles decides, in comparable form."""
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "model": sorted(
            (group.name, dotted(p))
            for group in Group.objects.prefetch_related("permissions__content_type")
            for p in group.permissions.all()
        ),
        "pages": sorted(
            GroupPagePermission.objects.values_list("group__name", "page_id", "permission_id")
        ),
        "collections": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection_id", "permission_id"
            )
        ),
    }


class TestSyncingTheRoles:
    def test_running_it_twice_gives_the_same_result(self):
        roles.sync_roles()
        first = snapshot()
        roles.sync_roles()

        assert snapshot() == first

    def test_it_restores_a_permission_removed_by_hand_and_removes_one_added(self):
        group = Group.objects.get(name=roles.SALES)
        group.permissions.remove(Permission.objects.get(codename="take_over_consultation"))
        group.permissions.add(Permission.objects.get(codename="delete_consultation"))

        roles.sync_roles()

        granted = {p.codename for p in group.permissions.all()}
        assert "take_over_consultation" in granted
        assert "delete_consultation" not in granted

    @pytest.mark.parametrize("role", list(roles.ROLE_PERMISSIONS))
    def test_every_role_group_exists(self, role):
        assert Group.objects.filter(name=role).exists()

    def test_nobody_but_an_administrator_may_manage_users_or_groups(self):
        roles.sync_roles()
        forbidden = Permission.objects.filter(content_type__app_label__in=["auth", "wagtailusers"])

        assert not Group.objects.filter(permissions__in=forbidden).exists()
        assert not GroupCollectionPermission.objects.filter(permission__in=forbidden).exists()
        assert not GroupPagePermission.objects.filter(permission__in=forbidden).exists()

    @pytest.mark.parametrize(
        "permission",
        sorted(
            {p for perms in roles.ROLE_PERMISSIONS.values() for p in perms}
            | {p for perms in roles.COLLECTION_PERMISSIONS.values() for p in perms}
            | {
                f"wagtailcore.{c}"
                for codenames in roles.PAGE_PERMISSIONS.values()
                for c in codenames
            }
        ),
    )
    def test_each_declared_permission_exists(self, permission):
        app_label, codename = permission.split(".", 1)

        assert Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).exists()

    def test_a_misspelt_permission_is_an_error_not_silence(self, monkeypatch):
        declared = roles.app_declarations()
        monkeypatch.setattr(
            roles,
            "app_declarations",
            lambda: {**declared, "x": {roles.HR: ["consultations.approve_consultation"]}},
        )

        with pytest.raises(LookupError, match="approve_consultation"):
            roles.sync_roles()


class TestMarketing:
    def test_keeps_the_website_pages_settings_channels_images_and_documents(self):
        group = Group.objects.get(name=roles.MARKETING)
        root = Page.get_first_root_node()
        granted = {dotted(p) for p in group.permissions.all()}

        assert "wagtailadmin.access_admin" in granted
        assert {p for p in granted if p.startswith("contact.")} == {
            "contact.change_contactsettings",
            "contact.add_consultationchannel",
            "contact.change_consultationchannel",
            "contact.delete_consultationchannel",
            "contact.publish_consultationchannel",
            "contact.view_consultationchannel",
        }
        assert {
            (gpp.page_id, gpp.permission.codename)
            for gpp in GroupPagePermission.objects.filter(group=group)
        } == {
            (root.pk, c)
            for c in ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
        }
        assert {
            dotted(gcp.permission) for gcp in GroupCollectionPermission.objects.filter(group=group)
        } == {
            "wagtailimages.add_image",
            "wagtailimages.change_image",
            "wagtailimages.choose_image",
            "wagtaildocs.add_document",
            "wagtaildocs.change_document",
            "wagtaildocs.choose_document",
        }

    def test_has_no_permission_on_consultations_nor_on_messages(self):
        group = Group.objects.get(name=roles.MARKETING)

        assert not group.permissions.filter(
            content_type__app_label__in=["consultations", "core"]
        ).exists()

    def test_opens_the_admin_and_the_channels(self, client, staff):
        client.force_login(staff[roles.MARKETING])

        assert client.get(reverse("wagtailadmin_home")).status_code == 200
        assert (
            client.get(reverse("wagtailsnippets_contact_consultationchannel:list")).status_code
            == 200
        )

    def test_cannot_open_the_consultations(self, client, staff):
        client.force_login(staff[roles.MARKETING])

        response = client.get(reverse(f"{CONSULTATIONS}:list"))

        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")


@pytest.mark.parametrize("role", list(roles.ROLE_PERMISSIONS))
def test_no_role_opens_user_management(client, staff, role):
    client.force_login(staff[role])

    for name in USER_MANAGEMENT:
        response = client.get(reverse(name))
        assert response.status_code in (302, 403), (role, name)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home"), (role, name)


def test_an_administrator_does_open_user_management(client, staff):
    client.force_login(staff["admin"])

    for name in USER_MANAGEMENT:
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize("role", [roles.MANAGEMENT, roles.SUPERVISION])
class TestReadingEverything:
    """Management and Supervision read every consultation but move none."""

    def test_can_view_consultations(self, client, staff, role):
        consultation = ConsultationFactory()
        client.force_login(staff[role])

        assert client.get(reverse(f"{CONSULTATIONS}:list")).status_code == 200
        assert (
            client.get(reverse(f"{CONSULTATIONS}:inspect", args=[consultation.pk])).status_code
            == 200
        )

    def test_cannot_edit_them(self, client, staff, role):
        consultation = ConsultationFactory()
        client.force_login(staff[role])

        response = client.get(reverse(f"{CONSULTATIONS}:edit", args=[consultation.pk]))

        assert response.status_code in (302, 403)

    def test_cannot_run_any_transition(self, client, staff, role):
        received = ConsultationFactory()
        handed = services.hand_to_sales(
            ConsultationFactory(),
            user=staff[roles.CUSTOMER_SERVICE],
            salesperson=staff[roles.SALES],
            sales_need="吊車",
        )
        client.force_login(staff[role])

        for consultation, name in [
            (received, "answer"),
            (received, "promise_reply"),
            (received, "hand_to_sales"),
            (handed, "take_over"),
        ]:
            url = reverse(f"{CONSULTATIONS}:transition", args=[consultation.pk, name])
            assert client.get(url).status_code == 403, name
            response = client.post(url, {"from_state": consultation.state, "reply": "x"})
            assert response.status_code == 403, name
        received.refresh_from_db()
        handed.refresh_from_db()
        assert (received.state, handed.state) == ("received", "handed_to_sales")


class TestDeclarations:
    def test_core_knows_no_other_apps_permissions(self):
        """Each app declares its own permissions in its roles.py; core merges them."""
        own = {p.split(".")[0] for perms in roles.CORE_PERMISSIONS.values() for p in perms}

        assert own <= {"core", "wagtailadmin"}

    def test_every_app_declaration_is_merged(self):
        merged = roles.declared_permissions()

        assert "leasing.review_contract" in merged[roles.LEGAL]
        assert "contact.change_contactsettings" in merged[roles.MARKETING]
        assert "suggestions.add_suggestion" in merged[roles.FINANCE]
