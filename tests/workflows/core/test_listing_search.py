"""Every admin listing searches by substring: part of a Chinese name from its middle finds the
record, on SQLite and PostgreSQL alike, and a record without it is not shown.

The listings are found, not listed: every snippet listing and each of its search fields (text
fields of the record or of a record it points to). Word-based full-text search found nothing
for a substring such as 營造 in 大安營造股份有限公司; the listings search the database itself.
"""

import contextlib
from datetime import date
from decimal import Decimal
from importlib import import_module

import factory
import pytest
from django.db import models
from django.urls import NoReverseMatch, reverse
from factory.django import DjangoModelFactory
from wagtail.search.index import class_is_indexed
from wagtail.snippets.models import get_snippet_models

from .test_every_command import FACTORIES

FOUND = "東區大安營造股份有限公司"
MIDDLE = "安營造股"
OTHER = "南港機械租賃行"


#: Listings without a search box, and why: nothing in their rows is free text.
NOT_SEARCHED = {
    "quality.inspectionplan": "process area, department and frequency are all choices",
    "home.menu": "one menu of each kind per language",
}


class EnrolmentFactory(DjangoModelFactory):
    class Meta:
        model = "people.Enrolment"

    session = factory.SubFactory("tests.workflows.people.factories.TrainingSessionFactory")
    employee = factory.SubFactory("tests.factories.UserFactory")


class KPITargetFactory(DjangoModelFactory):
    class Meta:
        model = "quality.KPITarget"

    code = factory.Sequence(lambda n: f"kpi_{n}")
    target = Decimal("90")
    weight = Decimal("1")


class ChecklistItemFactory(DjangoModelFactory):
    class Meta:
        model = "quality.ChecklistItem"

    area = "delivery"
    text = factory.Sequence(lambda n: f"交機前確認 {n}")


class AssessmentBandFactory(DjangoModelFactory):
    class Meta:
        model = "quality.AssessmentBand"

    label = factory.Sequence(lambda n: f"等級 {n}")
    min_score = factory.Sequence(lambda n: Decimal(n % 100))


class BankStatementLineFactory(DjangoModelFactory):
    class Meta:
        model = "billing.BankStatementLine"

    bank_reference = factory.Sequence(lambda n: f"TX{n:08d}")
    booked_on = date(2026, 11, 2)
    amount = Decimal("1000")


#: The factories of the models FACTORIES (process records) does not cover.
MORE_FACTORIES = {
    "people.enrolment": EnrolmentFactory,
    "quality.kpitarget": KPITargetFactory,
    "quality.checklistitem": ChecklistItemFactory,
    "quality.assessmentband": AssessmentBandFactory,
    "billing.bankstatementline": BankStatementLineFactory,
    "people.staffprofile": "tests.workflows.people.factories.StaffProfileFactory",
    "quality.finding": "tests.workflows.quality.factories.FindingFactory",
    "fleet.equipmentmodel": "tests.workflows.fleet.factories.EquipmentModelFactory",
    "fleet.equipmentcategory": "tests.workflows.fleet.factories.EquipmentCategoryFactory",
    "contact.consultationchannel": "tests.site.factories.ConsultationChannelFactory",
}


def label(model):
    return model._meta.label_lower


def factory_for(model):
    made = MORE_FACTORIES.get(label(model)) or FACTORIES.get(label(model))
    assert made, f"add a factory for {label(model)} to MORE_FACTORIES"
    if isinstance(made, str):
        module, name = made.rsplit(".", 1)
        made = getattr(import_module(module), name)
    return made


def listing_view(model):
    viewset = model.snippet_viewset
    return viewset.index_view.view_class(**viewset.index_view.view_initkwargs)


def text_field(model, path):
    """The text field at the end of `path` (customer__name) and the relations leading to it."""
    *relations, name = path.split("__")
    for relation in relations:
        model = model._meta.get_field(relation).related_model
    field = model._meta.get_field(name)
    if isinstance(field, models.CharField | models.TextField) and not field.choices:
        return relations, field
    return relations, None


def search_cases():
    for model in get_snippet_models():
        view = listing_view(model)
        for path in view.search_fields or []:
            if text_field(model, path)[1] is not None:
                yield pytest.param(model, path, id=f"{label(model)}.{path}")


CASES = list(search_cases())
LISTINGS = sorted({label(case.values[0]) for case in CASES})


def test_every_listing_searches_the_database_by_its_own_fields():
    """No listing is left to word-based full-text search or to no search at all."""
    for model in get_snippet_models():
        view = listing_view(model)
        if label(model) in NOT_SEARCHED:
            assert not view.search_fields, f"{label(model)} is searched: take it off NOT_SEARCHED"
            continue
        assert view.search_fields, f"{label(model)}: no search fields"
        if class_is_indexed(model):
            assert view.search_backend_name is None, f"{label(model)}: full-text search"


def test_the_enumeration_finds_the_searches():
    assert {"customers.customer", "fleet.equipmentunit", "leasing.contract"} <= set(LISTINGS)


def holder(record, relations):
    """The record (or the record it points to) that holds the searched field."""
    for relation in relations:
        record = getattr(record, relation)
    return record


def write(record, relations, field, value):
    target = holder(record, relations)
    if field.max_length:
        value = value[: field.max_length]
    type(target)._base_manager.filter(pk=target.pk).update(**{field.name: value})
    return target


def row_links(model, record):
    """The links a listing row has to its record (edit, inspect), those the viewset has."""
    viewset = model.snippet_viewset
    links = []
    for view in ("edit", "inspect"):
        with contextlib.suppress(NoReverseMatch):
            links.append(reverse(viewset.get_url_name(view), args=[record.pk]))
    return links


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "path"), CASES)
def test_a_substring_from_the_middle_of_a_chinese_text_finds_the_record(admin_client, model, path):
    relations, field = text_field(model, path)
    make = factory_for(model)
    found, other = make(), make()
    # The other record first: where both point to the same record (a course page), the
    # text searched for is what it holds.
    other_holder = write(other, relations, field, OTHER)
    found_holder = write(found, relations, field, FOUND)

    url = reverse(model.snippet_viewset.get_url_name("list"))
    page = admin_client.get(url, {"q": MIDDLE}).content.decode()

    assert any(link in page for link in row_links(model, found)), f"{path}: not found"
    if other_holder.pk != found_holder.pk:
        assert not any(link in page for link in row_links(model, other)), f"{path}: too much"
