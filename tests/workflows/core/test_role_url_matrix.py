"""Every admin URL, as every role: who gets a page (200), compared with the table below.

The URLs are enumerated from Django's resolver at test time (Wagtail's choosers,
bulk actions, reports, history and exports, and every app's own views) and filled
with the ids of real records, one of each model, made by the factories. Each role
(tests/conftest.py `staff`) requests each URL with GET. The table says, per URL
pattern, which roles get 200; every other role must get something else (403, 404,
a redirect). A URL pattern nobody put in the table fails the test: tomorrow's
endpoints are checked without anyone remembering to. No URL answers 5xx to anyone.

The table is written by hand, not computed from the roles code: a change in who
sees what shows here as a failing line to read.

Records: a complaint sent to After-sales, an employee's anonymous suggestion sent
to Sales (both scoped to their department), and one record of every other model.
"""

import os

import pytest

from workflows.complaints.choices import Department
from workflows.core import roles
from workflows.core.transitions import process_models, transition_specs

from .role_url_matrix import admin_urls
from .test_every_command import FACTORIES, factory_for

ROLE_CODES = {
    roles.MARKETING: "MK",
    roles.CUSTOMER_SERVICE: "CS",
    roles.SALES: "SA",
    roles.LEGAL: "LE",
    roles.AFTER_SALES: "AS",
    roles.FINANCE: "FI",
    roles.HR: "HR",
    roles.SUPERVISION: "SU",
    roles.MANAGEMENT: "MG",
    "admin": "AD",
}


def expected_codes(value):
    return set(ROLE_CODES.values()) if value == "*" else set(value.split())


@pytest.fixture
def records(staff, home_page, website_channel):
    from django.contrib.auth.models import Group
    from wagtail.models import Site

    from tests.workflows.complaints.factories import ComplaintFactory
    from tests.workflows.fleet.factories import EquipmentCategoryFactory, EquipmentModelFactory
    from tests.workflows.suggestions.factories import SuggestionFactory
    from workflows.core.models import OutboundMessage
    from workflows.suggestions.choices import SuggestionState

    made = {label: factory_for_label(label).create() for label in FACTORIES}
    made["complaints.complaint"] = ComplaintFactory(department=Department.AFTER_SALES)
    suggestion = SuggestionFactory(
        employee=True, anonymous_to_assessors=True, department=roles.SALES
    )
    type(suggestion).objects.filter(pk=suggestion.pk).update(state=SuggestionState.CLASSIFIED)
    made["suggestions.suggestion"] = suggestion
    made["contact.consultationchannel"] = website_channel
    made["fleet.equipmentmodel"] = EquipmentModelFactory()
    made["fleet.equipmentcategory"] = EquipmentCategoryFactory()
    made["page"] = home_page
    made["user"] = staff["admin"]
    made["group"] = Group.objects.get(name=roles.SALES)
    made["site"] = Site.objects.get(is_default_site=True)
    made["message"] = OutboundMessage.objects.create(
        channel="email",
        recipient_address="someone@example.com",
        subject="s",
        body="b",
        dedupe_key="matrix",
    )
    made["transition"] = {
        model._meta.label_lower: next(iter(transition_specs(model))) for model in process_models()
    }
    return made


def factory_for_label(label):
    from django.apps import apps

    return factory_for(apps.get_model(label))


def observe(client, user, records):
    client.force_login(user)
    client.raise_request_exception = False
    seen = {}
    urls = admin_urls(records)
    # Logging out ends the session: that URL goes last.
    for key, url in sorted(urls, key=lambda pair: pair[0] == "logout/"):
        response = client.get(url)
        seen[key] = response.status_code
    return seen


@pytest.mark.django_db
def test_every_role_gets_exactly_the_pages_the_table_gives_it(client, staff, records):
    observed = {}
    for role, user in staff.items():
        code = ROLE_CODES[role]
        for key, status in observe(client, user, records).items():
            observed.setdefault(key, {})[code] = status
        client.logout()
    if os.environ.get("RSD_PRINT_MATRIX"):
        for key, by_role in observed.items():
            ok = " ".join(c for c in ROLE_CODES.values() if by_role.get(c) == 200)
            bad = {c: s for c, s in by_role.items() if s >= 500}
            print(f"MATRIX {key!r}: {ok!r},{'  # 5xx ' + str(bad) if bad else ''}")
    errors = [
        f"{key}: {c} got {s}"
        for key, by in observed.items()
        for c, s in by.items()
        if s >= 500 and key not in DELIBERATE_ERRORS
    ]
    unknown = sorted(set(observed) - set(EXPECTED))
    wrong = [
        f"{key}: expected 200 for {sorted(expected_codes(EXPECTED[key]))}, got 200 for "
        f"{sorted(c for c, s in by.items() if s == 200)}"
        for key, by in observed.items()
        if key in EXPECTED
        and {c for c, s in by.items() if s == 200} != expected_codes(EXPECTED[key])
    ]
    assert not errors, "server errors:\n" + "\n".join(errors)
    assert not unknown, "URL patterns missing from the table:\n" + "\n".join(unknown)
    assert not wrong, "\n".join(wrong)


#: Wagtail's own "test the error page" view raises on purpose.
DELIBERATE_ERRORS = {"failwhale/"}

EXPECTED = {
    "": "*",
    "test404/": "*",
    "api/main/^pages/": "*",
    "api/main/^pages/<int:pk>/": "MK AD",
    "api/main/^pages/find/": "",
    "api/main/^pages/<int:pk>/action/<str:action_name>/": "",
    "api/main/^documents/": "*",
    "api/main/^documents/<int:pk>/": "",
    "api/main/^documents/find/": "",
    "api/main/^images/": "*",
    "api/main/^images/<int:pk>/": "",
    "api/main/^images/find/": "",
    "failwhale/": "",
    "pages/": "MK AD",
    "pages/<int:parent_page_id>/": "MK AD",
    "pages/<int:parent_page_id>/results/": "MK AD",
    "bulk/complaints/complaint/delete/": "CS AS SU MG",
    "bulk/complaints/rentcredit/delete/": "FI SU MG AD",
    "bulk/complaints/servicetask/delete/": "AS SU MG AD",
    "bulk/consultations/consultation/delete/": "CS SA SU MG",
    "bulk/consultations/consultation/transition-close/": "CS AD",
    "bulk/consultations/consultation/transition-take_over/": "SA AD",
    "bulk/contact/consultationchannel/delete/": "MK SU MG AD",
    "bulk/customers/customer/delete/": "CS SA LE AS FI SU MG AD",
    "bulk/fleet/equipmentcategory/delete/": "MK CS SA AS SU MG AD",
    "bulk/fleet/equipmentmodel/delete/": "MK CS SA AS SU MG AD",
    "bulk/fleet/equipmentunit/delete/": "CS SA AS SU MG",
    "bulk/fleet/equipmentunit/transition-make_available/": "AS AD",
    "bulk/fleet/equipmentunit/transition-release/": "AS AD",
    "bulk/fleet/equipmentunit/transition-reserve/": "AS AD",
    "bulk/fleet/equipmentunit/transition-send_out/": "AS AD",
    "bulk/followups/followup/delete/": "CS SU MG",
    "bulk/leasing/contract/delete/": "CS SA LE AS FI SU MG AD",
    "bulk/leasing/contract/transition-approve/": "LE AD",
    "bulk/leasing/contract/transition-reopen/": "SA AD",
    "bulk/leasing/contract/transition-submit_for_review/": "SA AD",
    "bulk/leasing/contracttemplate/delete/": "SA LE SU MG AD",
    "bulk/leasing/leaseplan/delete/": "SA LE SU MG AD",
    "bulk/leasing/leaseplan/transition-accept/": "SA AD",
    "bulk/leasing/leaseplan/transition-expire/": "SA LE SU MG AD",
    "bulk/leasing/leaseplan/transition-revise/": "SA AD",
    "bulk/leasing/leaseplan/transition-send/": "SA AD",
    "bulk/leasing/requirement/delete/": "SA SU MG AD",
    "bulk/suggestions/suggestion/delete/": "CS SA SU MG",
    "bulk/suggestions/suggestion/transition-mark_reward_due/": "CS SA SU MG AD",
    "bulk/suggestions/suggestion/transition-start_evaluation/": "CS SA SU MG AD",
    "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/": "",  # noqa: E501
    "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>/<int:parent_page_id>/preview/": "MK AD",  # noqa: E501
    "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/": "MK AD",
    "pages/create/<slug:app_label>/<slug:model_name>": "*",
    "pages/usage/<slug:content_type_app_name>/<slug:content_type_model_name>/results/": "MK AD",
    "pages/<int:page_id>/usage/": "MK AD",
    "pages/<int:page_id>/edit/": "MK AD",
    "pages/<int:page_id>/edit/preview/": "MK AD",
    "pages/<int:page_id>/view_draft/": "MK AD",
    "pages/<int:parent_page_id>/add_subpage/": "MK AD",
    "pages/<int:page_id>/delete/": "MK AD",
    "pages/<int:page_id>/unpublish/": "MK AD",
    "pages/<int:page_id>/convert_alias/": "",
    "pages/search/": "MK AD",
    "pages/search/results/": "MK AD",
    "pages/<int:page_to_move_id>/move/": "MK AD",
    "pages/<int:page_to_move_id>/move/<int:destination_id>/confirm/": "*",
    "pages/<int:page_to_move_id>/set_position/": "",
    "pages/<int:page_id>/copy/": "MK AD",
    "pages/workflow/action/<int:page_id>/<slug:action_name>/<int:task_state_id>/": "",
    "pages/workflow/collect_action_data/<int:page_id>/<slug:action_name>/<int:task_state_id>/": "",
    "pages/workflow/confirm_cancellation/<int:page_id>/": "*",
    "pages/workflow/preview/<int:page_id>/<int:task_id>/": "",
    "pages/<int:page_id>/privacy/": "MK AD",
    "pages/<int:page_id>/lock/": "",
    "pages/<int:page_id>/unlock/": "",
    "pages/<int:page_id>/revisions/": "",
    "pages/<int:page_id>/revisions/<int:revision_id>/view/": "",
    "pages/<int:page_id>/revisions/<int:revision_id>/revert/": "",
    "pages/<int:page_id>/revisions/<int:revision_id>/unschedule/": "",
    "pages/^(?P<pk>\\d+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": "MK AD",  # noqa: E501
    "pages/<int:page_id>/workflow_history/": "MK AD",
    "pages/<int:page_id>/workflow_history/detail/<int:workflow_state_id>/": "",
    "pages/<int:page_id>/history/": "MK AD",
    "pages/<int:page_id>/history/results/": "MK AD",
    "choose-page/": "*",
    "choose-page/<int:parent_page_id>/": "*",
    "choose-page/search/": "*",
    "choose-page/chosen-multiple/": "*",
    "choose-external-link/": "*",
    "choose-email-link/": "*",
    "choose-phone-link/": "*",
    "choose-anchor-link/": "*",
    "tag-autocomplete/": "*",
    "tag-autocomplete/<slug:app_name>/<slug:model_name>/": "",
    "collections/": "AD",
    "collections/add/": "AD",
    "collections/<int:pk>/": "",
    "collections/<int:pk>/delete/": "",
    "collections/<int:collection_id>/privacy/": "",
    "workflows/list/": "AD",
    "workflows/list/results/": "AD",
    "workflows/add/": "AD",
    "workflows/enable/<int:pk>/": "",
    "workflows/disable/<int:pk>/": "",
    "workflows/edit/<int:pk>/": "",
    "workflows/usage/<int:pk>/": "",
    "workflows/usage/<int:pk>/results/": "",
    "workflows/remove/<int:page_pk>/": "",
    "workflows/remove/<int:page_pk>/<int:workflow_pk>/": "",
    "workflows/tasks/add/<str:app_label>/<str:model_name>/": "",
    "workflows/tasks/select_type/": "",
    "workflows/tasks/index/": "AD",
    "workflows/tasks/index/results/": "AD",
    "workflows/tasks/edit/<int:pk>/": "",
    "workflows/tasks/disable/<int:pk>/": "",
    "workflows/tasks/enable/<int:pk>/": "",
    "workflows/task_chooser/": "*",
    "workflows/task_chooser/results/": "*",
    "workflows/task_chooser/create/": "*",
    "workflows/task_chooser/<int:task_id>/": "",
    "reports/locked/": "MK AD",
    "reports/locked/results/": "MK AD",
    "reports/workflow/": "MK AD",
    "reports/workflow/results/": "MK AD",
    "reports/workflow_tasks/": "MK AD",
    "reports/workflow_tasks/results/": "MK AD",
    "reports/site-history/": "*",
    "reports/site-history/results/": "*",
    "reports/aging-pages/": "MK AD",
    "reports/aging-pages/results/": "MK AD",
    "reports/page-types-usage/": "MK AD",
    "reports/page-types-usage/results/": "MK AD",
    "account/": "*",
    "dismissibles/": "*",
    "editing-sessions/ping/<str:app_label>/<str:model_name>/<str:object_id>/<int:session_id>/": "",
    "editing-sessions/release/<int:session_id>/": "",
    "block-preview/": "",
    "reports/overdue/": "*",
    "messages/<int:pk>/read/": "",
    "fleet/availability/": "CS SA AS SU MG AD",
    "reports/complaints/": "CS SU MG AD",
    "forms/": "MK AD",
    "forms/results/": "MK AD",
    "forms/submissions/<int:page_id>/": "",
    "forms/submissions/<int:page_id>/results/": "",
    "forms/submissions/<int:page_id>/delete/": "",
    "redirects/": "AD",
    "redirects/results/": "AD",
    "redirects/add/": "AD",
    "redirects/<int:redirect_id>/": "",
    "redirects/<int:redirect_id>/delete/": "",
    "redirects/import/": "AD",
    "redirects/import/process/": "",
    "settings/<slug:app_name>/<slug:model_name>/": "",
    "settings/<slug:app_name>/<slug:model_name>/<int:pk>/": "",
    "settings/<slug:app_name>/<slug:model_name>/<int:pk>/preview/": "",
    "embeds/chooser/": "*",
    "embeds/chooser/upload/": "*",
    "snippets/": "",
    "documents/": "MK AD",
    "documents/results/": "MK AD",
    "documents/add/": "MK AD",
    "documents/edit/<int:document_id>/": "",
    "documents/delete/<int:document_id>/": "",
    "documents/multiple/add/": "MK AD",
    "documents/multiple/<int:doc_id>/": "",
    "documents/multiple/create_from_uploaded_document/<int:uploaded_file_id>/": "",
    "documents/multiple/<int:doc_id>/delete/": "",
    "documents/multiple/delete_upload/<int:uploaded_file_id>/": "",
    "documents/usage/<int:document_id>/": "",
    "images/": "MK AD",
    "images/results/": "MK AD",
    "images/<int:image_id>/": "",
    "images/<int:image_id>/delete/": "",
    "images/<int:image_id>/generate_url/": "",
    "images/<int:image_id>/generate_url/output/": "",
    "images/<int:image_id>/preview/<str:filter_spec>/": "",
    "images/add/": "MK AD",
    "images/usage/<int:image_id>/": "",
    "images/multiple/add/": "MK AD",
    "images/multiple/<int:image_id>/": "",
    "images/multiple/create_from_uploaded_image/<int:uploaded_file_id>/": "",
    "images/multiple/<int:image_id>/delete/": "",
    "images/multiple/delete_upload/<int:uploaded_file_id>/": "",
    "snippets/contact/consultationchannel/": "MK SU MG AD",
    "snippets/contact/consultationchannel/results/": "MK SU MG AD",
    "snippets/contact/consultationchannel/add/": "MK AD",
    "snippets/contact/consultationchannel/edit/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/delete/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/usage/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/history/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/history-results/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/reorder/<int:pk>/": "",
    "snippets/contact/consultationchannel/copy/<int:pk>/": "MK AD",
    "snippets/contact/consultationchannel/history/<int:pk>/revisions/<int:revision_id>/revert/": "",
    "snippets/contact/consultationchannel/history/(?P<pk>.+)/revisions/compare/(?P<revision_id_a>live|earliest|\\d+)\\.\\.\\.(?P<revision_id_b>live|latest|\\d+)/$": "",  # noqa: E501
    "snippets/contact/consultationchannel/history/<int:pk>/revisions/<int:revision_id>/unschedule/": "",  # noqa: E501
    "snippets/contact/consultationchannel/unpublish/<int:pk>/": "MK AD",
    "snippets/choose/contact/consultationchannel/": "MK SU MG AD",
    "snippets/choose/contact/consultationchannel/results/": "MK SU MG AD",
    "snippets/choose/contact/consultationchannel/chosen/<str:pk>/": "MK SU MG AD",
    "snippets/choose/contact/consultationchannel/chosen-multiple/": "MK SU MG AD",
    "snippets/choose/contact/consultationchannel/create/": "",
    "snippets/consultations/consultation/": "CS SA SU MG AD",
    "snippets/consultations/consultation/results/": "CS SA SU MG AD",
    "snippets/consultations/consultation/add/": "CS AD",
    "snippets/consultations/consultation/edit/<int:pk>/": "CS AD",
    "snippets/consultations/consultation/delete/<int:pk>/": "",
    "snippets/consultations/consultation/usage/<int:pk>/": "CS AD",
    "snippets/consultations/consultation/history/<int:pk>/": "CS AD",
    "snippets/consultations/consultation/history-results/<int:pk>/": "CS AD",
    "snippets/consultations/consultation/inspect/<int:pk>/": "CS SA SU MG AD",
    "snippets/consultations/consultation/transition/<str:pk>/<slug:name>/": "CS AD",
    "snippets/choose/consultations/consultation/": "CS SA SU MG AD",
    "snippets/choose/consultations/consultation/results/": "CS SA SU MG AD",
    "snippets/choose/consultations/consultation/chosen/<str:pk>/": "CS SA SU MG AD",
    "snippets/choose/consultations/consultation/chosen-multiple/": "CS SA SU MG AD",
    "snippets/choose/consultations/consultation/create/": "",
    "snippets/customers/customer/": "CS SA LE AS FI SU MG AD",
    "snippets/customers/customer/results/": "CS SA LE AS FI SU MG AD",
    "snippets/customers/customer/add/": "SA AD",
    "snippets/customers/customer/edit/<int:pk>/": "SA AD",
    "snippets/customers/customer/delete/<int:pk>/": "AD",
    "snippets/customers/customer/usage/<int:pk>/": "SA AD",
    "snippets/customers/customer/history/<int:pk>/": "SA AD",
    "snippets/customers/customer/history-results/<int:pk>/": "SA AD",
    "snippets/customers/customer/inspect/<int:pk>/": "CS SA LE AS FI SU MG AD",
    "snippets/customers/customer/import/": "SA AD",
    "snippets/customers/customer/import/template/": "SA AD",
    "snippets/choose/customers/customer/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/customers/customer/results/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/customers/customer/chosen/<str:pk>/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/customers/customer/chosen-multiple/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/customers/customer/create/": "",
    "snippets/fleet/equipmentunit/": "CS SA AS SU MG AD",
    "snippets/fleet/equipmentunit/results/": "CS SA AS SU MG AD",
    "snippets/fleet/equipmentunit/add/": "AS AD",
    "snippets/fleet/equipmentunit/edit/<int:pk>/": "AS AD",
    "snippets/fleet/equipmentunit/delete/<int:pk>/": "",
    "snippets/fleet/equipmentunit/usage/<int:pk>/": "AS AD",
    "snippets/fleet/equipmentunit/history/<int:pk>/": "AS AD",
    "snippets/fleet/equipmentunit/history-results/<int:pk>/": "AS AD",
    "snippets/fleet/equipmentunit/inspect/<int:pk>/": "CS SA AS SU MG AD",
    "snippets/fleet/equipmentunit/transition/<str:pk>/<slug:name>/": "",
    "snippets/fleet/equipmentunit/import/": "AS AD",
    "snippets/fleet/equipmentunit/import/template/": "AS AD",
    "snippets/choose/fleet/equipmentunit/": "CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentunit/results/": "CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentunit/chosen/<str:pk>/": "CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentunit/chosen-multiple/": "CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentunit/create/": "",
    "snippets/fleet/equipmentmodel/": "MK CS SA AS SU MG AD",
    "snippets/fleet/equipmentmodel/results/": "MK CS SA AS SU MG AD",
    "snippets/fleet/equipmentmodel/add/": "AS AD",
    "snippets/fleet/equipmentmodel/edit/<int:pk>/": "MK SA AS AD",
    "snippets/fleet/equipmentmodel/delete/<int:pk>/": "AD",
    "snippets/fleet/equipmentmodel/usage/<int:pk>/": "MK SA AS AD",
    "snippets/fleet/equipmentmodel/history/<int:pk>/": "MK SA AS AD",
    "snippets/fleet/equipmentmodel/history-results/<int:pk>/": "MK SA AS AD",
    "snippets/fleet/equipmentmodel/inspect/<int:pk>/": "MK CS SA AS SU MG AD",
    "snippets/fleet/equipmentmodel/import/": "AS AD",
    "snippets/fleet/equipmentmodel/import/template/": "AS AD",
    "snippets/choose/fleet/equipmentmodel/": "MK CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentmodel/results/": "MK CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentmodel/chosen/<str:pk>/": "MK CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentmodel/chosen-multiple/": "MK CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentmodel/create/": "",
    "snippets/fleet/equipmentcategory/": "MK CS SA AS SU MG AD",
    "snippets/fleet/equipmentcategory/results/": "MK CS SA AS SU MG AD",
    "snippets/fleet/equipmentcategory/add/": "AS AD",
    "snippets/fleet/equipmentcategory/edit/<int:pk>/": "AS AD",
    "snippets/fleet/equipmentcategory/delete/<int:pk>/": "AD",
    "snippets/fleet/equipmentcategory/usage/<int:pk>/": "AS AD",
    "snippets/fleet/equipmentcategory/history/<int:pk>/": "AS AD",
    "snippets/fleet/equipmentcategory/history-results/<int:pk>/": "AS AD",
    "snippets/choose/fleet/equipmentcategory/": "MK CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentcategory/results/": "MK CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentcategory/chosen/<str:pk>/": "MK CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentcategory/chosen-multiple/": "MK CS SA AS SU MG AD",
    "snippets/choose/fleet/equipmentcategory/create/": "",
    "snippets/leasing/requirement/": "SA SU MG AD",
    "snippets/leasing/requirement/results/": "SA SU MG AD",
    "snippets/leasing/requirement/add/": "SA AD",
    "snippets/leasing/requirement/edit/<int:pk>/": "SA AD",
    "snippets/leasing/requirement/delete/<int:pk>/": "AD",
    "snippets/leasing/requirement/usage/<int:pk>/": "SA AD",
    "snippets/leasing/requirement/history/<int:pk>/": "SA AD",
    "snippets/leasing/requirement/history-results/<int:pk>/": "SA AD",
    "snippets/leasing/requirement/inspect/<int:pk>/": "SA SU MG AD",
    "snippets/choose/leasing/requirement/": "SA SU MG AD",
    "snippets/choose/leasing/requirement/results/": "SA SU MG AD",
    "snippets/choose/leasing/requirement/chosen/<str:pk>/": "SA SU MG AD",
    "snippets/choose/leasing/requirement/chosen-multiple/": "SA SU MG AD",
    "snippets/choose/leasing/requirement/create/": "",
    "snippets/leasing/leaseplan/": "SA LE SU MG AD",
    "snippets/leasing/leaseplan/results/": "SA LE SU MG AD",
    "snippets/leasing/leaseplan/add/": "SA AD",
    "snippets/leasing/leaseplan/edit/<int:pk>/": "SA AD",
    "snippets/leasing/leaseplan/delete/<int:pk>/": "SA AD",
    "snippets/leasing/leaseplan/usage/<int:pk>/": "SA AD",
    "snippets/leasing/leaseplan/history/<int:pk>/": "SA AD",
    "snippets/leasing/leaseplan/history-results/<int:pk>/": "SA AD",
    "snippets/leasing/leaseplan/inspect/<int:pk>/": "SA LE SU MG AD",
    "snippets/leasing/leaseplan/transition/<str:pk>/<slug:name>/": "",
    "snippets/leasing/leaseplan/print/<int:pk>/": "SA LE SU MG AD",
    "snippets/choose/leasing/leaseplan/": "SA LE SU MG AD",
    "snippets/choose/leasing/leaseplan/results/": "SA LE SU MG AD",
    "snippets/choose/leasing/leaseplan/chosen/<str:pk>/": "SA LE SU MG AD",
    "snippets/choose/leasing/leaseplan/chosen-multiple/": "SA LE SU MG AD",
    "snippets/choose/leasing/leaseplan/create/": "",
    "snippets/leasing/contract/": "CS SA LE AS FI SU MG AD",
    "snippets/leasing/contract/results/": "CS SA LE AS FI SU MG AD",
    "snippets/leasing/contract/add/": "SA AD",
    "snippets/leasing/contract/edit/<int:pk>/": "SA AD",
    "snippets/leasing/contract/delete/<int:pk>/": "SA AD",
    "snippets/leasing/contract/usage/<int:pk>/": "SA AD",
    "snippets/leasing/contract/history/<int:pk>/": "SA AD",
    "snippets/leasing/contract/history-results/<int:pk>/": "SA AD",
    "snippets/leasing/contract/inspect/<int:pk>/": "CS SA LE AS FI SU MG AD",
    "snippets/leasing/contract/transition/<str:pk>/<slug:name>/": "",
    "snippets/leasing/contract/print/<int:pk>/": "CS SA LE AS FI SU MG AD",
    "snippets/leasing/contract/units/<int:pk>/": "SA AD",
    "snippets/leasing/contract/signed/<int:pk>/": "",
    "snippets/choose/leasing/contract/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/leasing/contract/results/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/leasing/contract/chosen/<str:pk>/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/leasing/contract/chosen-multiple/": "CS SA LE AS FI SU MG AD",
    "snippets/choose/leasing/contract/create/": "",
    "snippets/leasing/contracttemplate/": "SA LE SU MG AD",
    "snippets/leasing/contracttemplate/results/": "SA LE SU MG AD",
    "snippets/leasing/contracttemplate/add/": "LE AD",
    "snippets/leasing/contracttemplate/edit/<int:pk>/": "LE AD",
    "snippets/leasing/contracttemplate/delete/<int:pk>/": "AD",
    "snippets/leasing/contracttemplate/usage/<int:pk>/": "LE AD",
    "snippets/leasing/contracttemplate/history/<int:pk>/": "LE AD",
    "snippets/leasing/contracttemplate/history-results/<int:pk>/": "LE AD",
    "snippets/leasing/contracttemplate/inspect/<int:pk>/": "SA LE SU MG AD",
    "snippets/choose/leasing/contracttemplate/": "SA LE SU MG AD",
    "snippets/choose/leasing/contracttemplate/results/": "SA LE SU MG AD",
    "snippets/choose/leasing/contracttemplate/chosen/<str:pk>/": "SA LE SU MG AD",
    "snippets/choose/leasing/contracttemplate/chosen-multiple/": "SA LE SU MG AD",
    "snippets/choose/leasing/contracttemplate/create/": "",
    "snippets/suggestions/suggestion/": "*",
    "snippets/suggestions/suggestion/results/": "*",
    "snippets/suggestions/suggestion/add/": "*",
    "snippets/suggestions/suggestion/edit/<int:pk>/": "CS AD",
    "snippets/suggestions/suggestion/delete/<int:pk>/": "",
    "snippets/suggestions/suggestion/usage/<int:pk>/": "CS AD",
    "snippets/suggestions/suggestion/history/<int:pk>/": "CS SA SU MG AD",
    "snippets/suggestions/suggestion/history-results/<int:pk>/": "CS SA SU MG AD",
    "snippets/suggestions/suggestion/inspect/<int:pk>/": "CS SA SU MG AD",
    "snippets/suggestions/suggestion/transition/<str:pk>/<slug:name>/": "",
    "snippets/suggestions/suggestion/reward/<int:pk>/": "",
    "snippets/choose/suggestions/suggestion/": "*",
    "snippets/choose/suggestions/suggestion/results/": "*",
    "snippets/choose/suggestions/suggestion/chosen/<str:pk>/": "CS SA SU MG AD",
    "snippets/choose/suggestions/suggestion/chosen-multiple/": "*",
    "snippets/choose/suggestions/suggestion/create/": "",
    "snippets/followups/followup/": "CS SU MG AD",
    "snippets/followups/followup/results/": "CS SU MG AD",
    "snippets/followups/followup/add/": "CS AD",
    "snippets/followups/followup/edit/<int:pk>/": "CS AD",
    "snippets/followups/followup/delete/<int:pk>/": "",
    "snippets/followups/followup/usage/<int:pk>/": "CS AD",
    "snippets/followups/followup/history/<int:pk>/": "CS AD",
    "snippets/followups/followup/history-results/<int:pk>/": "CS AD",
    "snippets/followups/followup/inspect/<int:pk>/": "CS SU MG AD",
    "snippets/followups/followup/transition/<str:pk>/<slug:name>/": "CS AD",
    "snippets/followups/followup/open/<int:pk>/<slug:kind>/": "CS AD",
    "snippets/choose/followups/followup/": "CS SU MG AD",
    "snippets/choose/followups/followup/results/": "CS SU MG AD",
    "snippets/choose/followups/followup/chosen/<str:pk>/": "CS SU MG AD",
    "snippets/choose/followups/followup/chosen-multiple/": "CS SU MG AD",
    "snippets/choose/followups/followup/create/": "",
    "snippets/complaints/complaint/": "*",
    "snippets/complaints/complaint/results/": "*",
    "snippets/complaints/complaint/add/": "CS AD",
    "snippets/complaints/complaint/edit/<int:pk>/": "CS AD",
    "snippets/complaints/complaint/delete/<int:pk>/": "",
    "snippets/complaints/complaint/usage/<int:pk>/": "CS AD",
    "snippets/complaints/complaint/history/<int:pk>/": "CS AD",
    "snippets/complaints/complaint/history-results/<int:pk>/": "CS AD",
    "snippets/complaints/complaint/inspect/<int:pk>/": "CS AS SU MG AD",
    "snippets/complaints/complaint/transition/<str:pk>/<slug:name>/": "",
    "snippets/complaints/complaint/evidence/<int:pk>/": "",
    "snippets/choose/complaints/complaint/": "*",
    "snippets/choose/complaints/complaint/results/": "*",
    "snippets/choose/complaints/complaint/chosen/<str:pk>/": "CS AS SU MG AD",
    "snippets/choose/complaints/complaint/chosen-multiple/": "*",
    "snippets/choose/complaints/complaint/create/": "",
    "snippets/complaints/rentcredit/": "FI SU MG AD",
    "snippets/complaints/rentcredit/results/": "FI SU MG AD",
    "snippets/complaints/rentcredit/add/": "",
    "snippets/complaints/rentcredit/edit/<int:pk>/": "",
    "snippets/complaints/rentcredit/delete/<int:pk>/": "",
    "snippets/complaints/rentcredit/usage/<int:pk>/": "",
    "snippets/complaints/rentcredit/history/<int:pk>/": "",
    "snippets/complaints/rentcredit/history-results/<int:pk>/": "",
    "snippets/complaints/rentcredit/inspect/<int:pk>/": "FI SU MG AD",
    "snippets/complaints/rentcredit/transition/<str:pk>/<slug:name>/": "FI AD",
    "snippets/choose/complaints/rentcredit/": "FI SU MG AD",
    "snippets/choose/complaints/rentcredit/results/": "FI SU MG AD",
    "snippets/choose/complaints/rentcredit/chosen/<str:pk>/": "FI SU MG AD",
    "snippets/choose/complaints/rentcredit/chosen-multiple/": "FI SU MG AD",
    "snippets/choose/complaints/rentcredit/create/": "",
    "snippets/complaints/servicetask/": "AS SU MG AD",
    "snippets/complaints/servicetask/results/": "AS SU MG AD",
    "snippets/complaints/servicetask/add/": "",
    "snippets/complaints/servicetask/edit/<int:pk>/": "",
    "snippets/complaints/servicetask/delete/<int:pk>/": "",
    "snippets/complaints/servicetask/usage/<int:pk>/": "",
    "snippets/complaints/servicetask/history/<int:pk>/": "",
    "snippets/complaints/servicetask/history-results/<int:pk>/": "",
    "snippets/complaints/servicetask/inspect/<int:pk>/": "AS SU MG AD",
    "snippets/complaints/servicetask/transition/<str:pk>/<slug:name>/": "AS AD",
    "snippets/choose/complaints/servicetask/": "AS SU MG AD",
    "snippets/choose/complaints/servicetask/results/": "AS SU MG AD",
    "snippets/choose/complaints/servicetask/chosen/<str:pk>/": "AS SU MG AD",
    "snippets/choose/complaints/servicetask/chosen-multiple/": "AS SU MG AD",
    "snippets/choose/complaints/servicetask/create/": "",
    "outbox/": "CS SA LE AS FI HR SU MG AD",
    "outbox/results/": "CS SA LE AS FI HR SU MG AD",
    "outbox/new/": "",
    "outbox/edit/<int:pk>/": "",
    "outbox/delete/<int:pk>/": "",
    "outbox/history/<int:pk>/": "",
    "outbox/history-results/<int:pk>/": "",
    "outbox/usage/<int:pk>/": "",
    "outbox/inspect/<int:pk>/": "CS SU MG AD",
    "sites/": "AD",
    "sites/results/": "AD",
    "sites/new/": "AD",
    "sites/edit/<int:pk>/": "AD",
    "sites/delete/<int:pk>/": "AD",
    "sites/history/<int:pk>/": "AD",
    "sites/history-results/<int:pk>/": "AD",
    "sites/usage/<int:pk>/": "AD",
    "sites/copy/<int:pk>/": "AD",
    "users/": "AD",
    "users/results/": "AD",
    "users/new/": "AD",
    "users/edit/<int:pk>/": "AD",
    "users/delete/<int:pk>/": "",
    "users/history/<int:pk>/": "AD",
    "users/history-results/<int:pk>/": "AD",
    "users/usage/<int:pk>/": "AD",
    "users/copy/<int:pk>/": "AD",
    "groups/": "AD",
    "groups/results/": "AD",
    "groups/new/": "AD",
    "groups/edit/<int:pk>/": "AD",
    "groups/delete/<int:pk>/": "AD",
    "groups/history/<int:pk>/": "AD",
    "groups/history-results/<int:pk>/": "AD",
    "groups/usage/<int:pk>/": "AD",
    "documents/chooser/": "*",
    "documents/chooser/results/": "*",
    "documents/chooser/chosen/<str:pk>/": "",
    "documents/chooser/chosen-multiple/": "*",
    "documents/chooser/create/": "MK AD",
    "images/chooser/": "*",
    "images/chooser/results/": "*",
    "images/chooser/chosen/<str:pk>/": "",
    "images/chooser/chosen-multiple/": "*",
    "images/chooser/create/": "MK AD",
    "images/chooser/<int:image_id>/select_format/": "",
    "sprite/": "*",
    "login/": "",
    "password_reset/": "*",
    "password_reset/done/": "*",
    "password_reset/confirm/<uidb64>/<token>/": "*",
    "password_reset/complete/": "*",
    "jsi18n/": "*",
    "^.*/$": "",
    "logout/": "",
}
