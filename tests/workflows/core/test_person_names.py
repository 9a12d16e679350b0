"""Every person is shown by full name, never by username: listings, inspect pages and the
CSV/XLSX exports of every registered snippet viewset.

The viewsets and their user fields are enumerated from Wagtail's snippet registry, not
listed here: a listing column or an export field added tomorrow is tested tomorrow.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.ui.tables import BaseColumn
from wagtail.snippets.models import get_snippet_models

from tests.factories import UserFactory
from tests.workflows.core.test_every_command import FACTORIES, factory_for
from workflows.core.columns import PersonColumnMixin, PersonDisplay
from workflows.core.exports import SafeExportMixin
from workflows.core.filters import PeopleFilterSet
from workflows.core.people import is_person_field, person_name

FULL_NAME = "陳美玲"
USERNAME = "cs_lead_zq"


def viewsets():
    return [model.snippet_viewset for model in get_snippet_models()]


def label(viewset):
    return viewset.model._meta.label_lower


def built_view(viewset, name):
    """The viewset's view `name` ("index_view", "inspect_view") as constructed for a request."""
    view_function = getattr(viewset, name)
    view = view_function.view_class(**view_function.view_initkwargs)
    view.request = RequestFactory().get("/")
    view.request.user = AnonymousUser()
    return view


def export_fields(viewset):
    fields = viewset.list_export if isinstance(viewset.list_export, (list, tuple)) else []
    return [f for f in fields if isinstance(f, str) and is_person_field(viewset.model, f)]


def column_field(column):
    accessor = getattr(column, "accessor", None)
    return accessor if isinstance(accessor, str) else column.name


def person_columns(viewset):
    """(column, field) of every listing column showing a user field."""
    view = built_view(viewset, "index_view")
    return [
        (column, column_field(column))
        for column in view.columns
        if isinstance(column, BaseColumn) and is_person_field(viewset.model, column_field(column))
    ]


def inspect_fields(viewset):
    if not viewset.inspect_view_enabled:
        return []
    view = built_view(viewset, "inspect_view")
    return [f for f in view.get_fields() if is_person_field(viewset.model, f)]


EXPORTING = [v for v in viewsets() if export_fields(v)]
LISTING = [v for v in viewsets() if person_columns(v)]
INSPECTING = [v for v in viewsets() if inspect_fields(v)]


def test_the_enumeration_finds_the_people():
    exported = {label(v) for v in EXPORTING}
    assert {"complaints.complaint", "consultations.consultation"} <= exported
    assert {"people.staffprofile", "quality.survey"} <= {label(v) for v in LISTING}
    assert {"complaints.complaint", "customers.customer"} <= {label(v) for v in INSPECTING}


def test_person_name():
    assert person_name(None) == ""
    assert person_name(UserFactory.build(username="x", first_name="美玲", last_name="陳")) == (
        "美玲 陳"
    )
    assert person_name(UserFactory.build(username="nameless", first_name="")) == "nameless"


def test_person_field():
    from workflows.complaints.models import Complaint

    assert is_person_field(Complaint, "investigator")
    assert not is_person_field(Complaint, "reference")
    assert not is_person_field(Complaint, "no_such_field")


@pytest.mark.parametrize("viewset", EXPORTING, ids=label)
def test_every_export_naming_a_person_is_a_safe_export(viewset):
    assert issubclass(viewset.index_view_class, SafeExportMixin), label(viewset)


@pytest.mark.parametrize("viewset", LISTING, ids=label)
def test_every_listing_column_of_a_person_shows_the_full_name(viewset):
    for column, field in person_columns(viewset):
        assert isinstance(column, PersonColumnMixin), f"{label(viewset)}.{field}"


@pytest.fixture
def person(db):
    return UserFactory(username=USERNAME, first_name=FULL_NAME, last_name="")


@pytest.fixture
def admin_client(client, db):
    admin = UserFactory(username="names_admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def record_naming(viewset, fields, person):
    """A record of the viewset's model (from its factory) with `fields` set to `person`,
    those the record's constraints allow (a customer's suggestion has no proposer account)."""
    record = factory_for(viewset.model)()
    rows = viewset.model._default_manager.filter(pk=record.pk)
    named = []
    for field in fields:
        try:
            with transaction.atomic():
                rows.update(**{field: person})
        except IntegrityError:
            continue
        named.append(field)
    if not named:
        pytest.skip(f"{label(viewset)}: its factory's record takes no account in {fields}")
    return record


def with_factory(group):
    return [v for v in group if label(v) in FACTORIES]


def content(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


@pytest.mark.parametrize("viewset", with_factory(EXPORTING), ids=label)
def test_every_export_shows_people_by_full_name(viewset, person, admin_client):
    record_naming(viewset, export_fields(viewset), person)
    response = admin_client.get(reverse(viewset.get_url_name("list")) + "?export=csv")
    assert response.status_code == 200
    text = content(response)
    assert FULL_NAME in text
    assert USERNAME not in text


@pytest.mark.parametrize("viewset", with_factory(LISTING), ids=label)
def test_every_listing_shows_people_by_full_name(viewset, person, admin_client):
    record_naming(viewset, [f for _, f in person_columns(viewset)], person)
    response = admin_client.get(reverse(viewset.get_url_name("list")))
    assert response.status_code == 200
    assert FULL_NAME in content(response)
    assert USERNAME not in content(response)


@pytest.mark.parametrize("viewset", with_factory(INSPECTING), ids=label)
def test_every_inspect_page_shows_people_by_full_name(viewset, person, admin_client):
    record = record_naming(viewset, inspect_fields(viewset), person)
    response = admin_client.get(reverse(viewset.get_url_name("inspect"), args=[record.pk]))
    assert response.status_code == 200
    assert FULL_NAME in content(response)
    assert USERNAME not in content(response)


def test_an_empty_person_field_reads_as_a_dash():
    assert PersonDisplay(None).render_html() == "—"
    assert PersonDisplay(UserFactory.build(username="x", first_name="陳美玲")).render_html() == (
        "陳美玲"
    )


def test_user_filters_and_form_fields_offer_full_names(person):
    from tests.workflows.complaints.factories import ComplaintFactory
    from workflows.complaints.models import Complaint

    # A filter offers the people who appear in the field (test_person_filters.py).
    Complaint.objects.filter(pk=ComplaintFactory().pk).update(investigator=person)
    filterset = type(
        "F",
        (PeopleFilterSet,),
        {"Meta": type("Meta", (), {"model": Complaint, "fields": ["investigator"]})},
    )()
    labels = [label for _, label in filterset.form.fields["investigator"].choices]
    assert FULL_NAME in labels
    assert USERNAME not in labels
    form_field = Complaint._meta.get_field("investigator")
    from wagtail.admin.forms.models import formfield_for_dbfield

    assert FULL_NAME in [label for _, label in formfield_for_dbfield(form_field).choices]


def test_templates_name_people_by_the_person_filter():
    from django.template import Context, Template

    user = UserFactory.build(username=USERNAME, first_name=FULL_NAME)
    assert Template("{% load people %}{{ user|person }}").render(Context({"user": user})) == (
        FULL_NAME
    )


def test_no_code_or_template_names_a_person_by_hand():
    """`person_name` (and `|person` in templates) is the one way to name a user."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    copies = [
        str(path.relative_to(root))
        for folder in ("workflows", "site", "fixtures", "templates")
        for path in (root / folder).rglob("*")
        if path.suffix in {".py", ".html", ".txt"}
        and path.name != "people.py"
        and re.search(r"get_full_name(\(\) or|\|default)", path.read_text(encoding="utf-8"))
    ]
    assert copies == []
