"""Customers: the companies and people the company leases to (P2.1)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from .choices import CustomerKind
from .phones import phone_digits_expression

tax_number_validator = RegexValidator(
    r"^[0-9]{8}$", _("A unified business number (統一編號) is 8 digits, e.g. 12345675.")
)


def phone_digits_field():
    """The phone's digits, kept by the database, for finding the same number typed otherwise."""
    return models.GeneratedField(
        expression=phone_digits_expression("phone"),
        output_field=models.CharField(max_length=30),
        db_persist=True,
        db_index=True,
        verbose_name=_("phone digits"),
    )


class Customer(index.Indexed, ClusterableModel):
    """A company or an individual, with the people to talk to there.

    The tax number identifies a company: two customers never share one (the
    database refuses it). Same phone numbers and email addresses only warn: two
    branches of one company may share a switchboard. Every customer can be
    reached: a phone number or an email address is required.
    """

    kind = models.CharField(
        _("kind"), max_length=20, choices=CustomerKind.choices, default=CustomerKind.COMPANY
    )
    name = models.CharField(_("name"), max_length=200)
    tax_number = models.CharField(
        _("tax number"),
        max_length=20,
        blank=True,
        validators=[tax_number_validator],
        help_text=_("Unified business number (統一編號) of a company."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    phone_digits = phone_digits_field()
    email = models.EmailField(_("email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    source_consultation = models.ForeignKey(
        "consultations.Consultation",
        verbose_name=_("from consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="customers",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    #: Stored in E.164, shown and exported in the local format (core.imports.values).
    phone_fields = ("phone",)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("tax_number"),
        index.SearchField("phone"),
        index.SearchField("email"),
        index.AutocompleteField("name"),
        index.AutocompleteField("tax_number"),
        index.AutocompleteField("phone"),
        index.AutocompleteField("email"),
        index.FilterField("kind"),
        index.FilterField("name"),
    ]

    class Meta:
        verbose_name = _("customer")
        verbose_name_plural = _("customers")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                "tax_number",
                condition=~models.Q(tax_number=""),
                name="customer_tax_number_unique",
                violation_error_message=_("Another customer already has this tax number."),
            ),
        ]
        indexes = [models.Index(Lower("email"), name="customer_email_lower")]

    def __str__(self):
        return self.name

    def get_admin_url(self):
        return reverse("wagtailsnippets_customers_customer:inspect", args=[self.pk])

    def clean(self):
        super().clean()
        self.tax_number = (self.tax_number or "").strip()
        if not (self.phone or "").strip() and not (self.email or "").strip():
            raise ValidationError(
                {"phone": _("Give a phone number or an email address of the customer.")},
                code="no_contact",
            )


class CustomerContact(Orderable):
    """A person at the customer: who to call about what."""

    customer = ParentalKey(Customer, related_name="contacts", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(pgettext_lazy("job", "title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    phone_digits = phone_digits_field()
    email = models.EmailField(_("email"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        indexes = [models.Index(Lower("email"), name="customer_contact_email_lower")]

    def __str__(self):
        return self.name
