"""The company's standard contract (P2.3): clause sections that Legal maintains."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from ..choices import ClauseKind
from ..placeholders import check_placeholders


class ContractTemplate(index.Indexed, ClusterableModel):
    """A standard lease contract in one language; contracts copy its clauses, filled in.

    Changing a template never changes a contract already drafted from it: each
    contract keeps its own copy of the clauses (the version Legal approves).
    """

    name = models.CharField(_("name"), max_length=150)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    title = models.CharField(
        _("contract title"), max_length=150, help_text=_("Printed at the top of the contract.")
    )
    active = models.BooleanField(
        _("in use"),
        default=True,
        help_text=_("Only templates in use are offered for new contracts."),
    )

    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("contract template")
        verbose_name_plural = _("contract templates")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name


class TemplateClause(Orderable):
    """One clause of the template; its text may use the documented placeholders."""

    template = ParentalKey(ContractTemplate, related_name="clauses", on_delete=models.CASCADE)
    kind = models.CharField(_("kind"), max_length=20, choices=ClauseKind.choices)
    title = models.CharField(_("title"), max_length=150)
    text = models.TextField(
        _("text"),
        validators=[check_placeholders],
        help_text=_(
            "Placeholders such as {customer}, {units}, {rent_total} or {delivery_date} are "
            "filled in from the contract; saving a name that is not one of them shows every "
            "name allowed."
        ),
    )

    class Meta(Orderable.Meta):
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self):
        return self.title
