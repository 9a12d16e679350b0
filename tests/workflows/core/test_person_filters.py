"""A listing filter on a user field offers the people who may act on that field (the roles
its person pickers declare) and anyone who appears in it on a record (someone who left stays
findable), by full name, sorted by name, never every account; sorting a listing by a person
column sorts by the name shown.

The filters are found, not listed: every user filter of every snippet listing's filterset.
"""

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.snippets.models import get_snippet_models

from tests.factories import ConsultationFactory, UserFactory
from tests.workflows.core.test_every_command import FACTORIES, factory_for
from workflows.consultations.models import Consultation
from workflows.core import roles
from workflows.core.filters import PersonChoiceFilter, declared_picker
from workflows.core.people import is_person_field, person_name, person_sort_key

User = get_user_model()


def label(viewset):
    return viewset.model._meta.label_lower


def index_view(viewset, params=None):
    """The viewset's listing view as set up for a GET with `params`."""
    view = viewset.index_view.view_class(**viewset.index_view.view_initkwargs)
    view.setup(RequestFactory().get("/", params or {}))
    view.request.user = AnonymousUser()
    return view


def user_filters(viewset):
    """(name, filter) of each filter of the listing's filterset on a user field."""
    view = index_view(viewset)
    view.locale = None  # collected without a database: no locale filter needed here
    filterset_class = view.filterset_class
    if not isinstance(filterset_class, type):
        return []
    return [
        (name, filter_)
        for name, filter_ in filterset_class.base_filters.items()
        if is_person_field(viewset.model, filter_.field_name or "")
    ]


FILTERING = [
    model.snippet_viewset for model in get_snippet_models() if user_filters(model.snippet_viewset)
]


def test_the_enumeration_finds_the_user_filters():
    found = {f"{label(v)}.{name}" for v in FILTERING for name, _ in user_filters(v)}
    assert {
        "consultations.consultation.handler",
        "consultations.consultation.salesperson",
        "servicing.maintenancevisit.technician",
        "followups.followup.assigned_to",
    } <= found


@pytest.mark.parametrize("viewset", FILTERING, ids=label)
def test_every_user_filter_is_a_person_filter_with_declared_roles(viewset):
    for name, filter_ in user_filters(viewset):
        assert isinstance(filter_, PersonChoiceFilter), f"{label(viewset)}.{name}"
        assert declared_picker(viewset.model, filter_.field_name) is not None, (
            f"{label(viewset)}.{name}: no person picker declares who acts on it"
        )


@pytest.fixture
def people(db):
    return SimpleNamespace(
        outsider=UserFactory(username="no_role", first_name="No", last_name="Role"),
        member={
            role: UserFactory(
                username=f"member-{i}", first_name="Member", last_name=str(i), roles=[role]
            )
            for i, role in enumerate(roles.ROLES)
        },
    )


def built_filterset(viewset):
    return index_view(viewset).filterset_class(
        data={}, queryset=viewset.model._default_manager.all()
    )


def offered(filterset, name):
    field = filterset.form.fields[name]
    return list(field.queryset), [text for _value, text in field.choices][1:]


@pytest.mark.parametrize("viewset", [v for v in FILTERING if label(v) in FACTORIES], ids=label)
def test_user_filters_offer_the_roles_that_act_and_whoever_has_a_record(viewset, people):
    departed = UserFactory(username="left", first_name="Has", last_name="Left", is_active=False)
    record = factory_for(viewset.model)()
    rows = viewset.model._default_manager.filter(pk=record.pk)
    filters = user_filters(viewset)
    rows.update(**{filters[0][1].field_name: departed})

    filterset = built_filterset(viewset)
    for name, filter_ in filters:
        picker = declared_picker(viewset.model, filter_.field_name)
        people_offered, labels = offered(filterset, name)
        key = f"{label(viewset)}.{name}"
        assert people.outsider not in people_offered, key
        for role, member in people.member.items():
            assert (member in people_offered) is (role in picker.roles), (key, role)
        assert labels == sorted(labels), key
        assert all(
            text == person_name(p) for p, text in zip(people_offered, labels, strict=True)
        ), key
    assert departed in offered(filterset, filters[0][0])[0]


def test_a_customer_service_member_is_not_offered_as_a_technician(people):
    from workflows.servicing.models import MaintenanceVisit

    filterset = built_filterset(MaintenanceVisit.snippet_viewset)
    technicians, _labels = offered(filterset, "technician")
    assert people.member[roles.AFTER_SALES] in technicians
    assert people.member[roles.CUSTOMER_SERVICE] not in technicians


def test_the_choices_take_one_query_however_many_people(people):
    def choices():
        filterset = built_filterset(Consultation.snippet_viewset)
        with CaptureQueriesContext(connection) as queries:
            list(filterset.form.fields["handler"].choices)
        return len(queries)

    few = choices()
    for i in range(5):
        ConsultationFactory(handler=UserFactory(username=f"cs-{i}", roles=[roles.CUSTOMER_SERVICE]))
    UserFactory(username="cs-gone", roles=[roles.CUSTOMER_SERVICE], is_active=False)
    assert choices() == few


def test_a_departed_person_with_a_record_is_offered_and_one_without_is_not(people):
    gone = UserFactory(username="gone_cs", roles=[roles.CUSTOMER_SERVICE], is_active=False)
    gone_too = UserFactory(username="gone_cs2", roles=[roles.CUSTOMER_SERVICE], is_active=False)
    ConsultationFactory(handler=gone)

    handlers, _labels = offered(built_filterset(Consultation.snippet_viewset), "handler")

    assert gone in handlers
    assert gone_too not in handlers


def test_people_sort_by_the_name_shown(db):
    UserFactory(username="zz", first_name="", last_name="")
    UserFactory(username="b", first_name="Bea", last_name="Zhou")
    UserFactory(username="a", first_name="陳美玲", last_name="")
    UserFactory(username="c", first_name="Anne", last_name="Young")
    names = [
        person_name(u)
        for u in User.objects.filter(username__in=["zz", "b", "a", "c"]).order_by(person_sort_key())
    ]
    assert names == sorted(names) == ["Anne Young", "Bea Zhou", "zz", "陳美玲"]


def sorted_listing(viewset, ordering):
    view = index_view(viewset, {"ordering": ordering})
    return list(view.order_queryset(viewset.model._default_manager.all()))


def test_sorting_by_a_person_column_sorts_by_name_not_by_account(db):
    # Created first (the lower id), named last.
    zoe = UserFactory(username="zoe", first_name="Zoe", last_name="Wang")
    amy = UserFactory(username="amy", first_name="Amy", last_name="Lin")
    by_zoe = ConsultationFactory(handler=zoe)
    by_amy = ConsultationFactory(handler=amy)
    nobody = ConsultationFactory(handler=None)
    viewset = Consultation.snippet_viewset

    assert sorted_listing(viewset, "handler") == [by_amy, by_zoe, nobody]
    assert sorted_listing(viewset, "-handler") == [by_zoe, by_amy, nobody]
