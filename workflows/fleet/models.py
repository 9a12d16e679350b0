"""The equipment fleet: the catalogue of models and the units that go out on lease."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable
from wagtail.search import index

from workflows.core.languages import InLanguageMixin, TextInLanguage
from workflows.core.models import ProcessRecord

from .choices import UnitCondition, UnitState

MANAGE_UNITS = "fleet.manage_unit_state"
NOT_NEGATIVE = MinValueValidator(0)


def end_of_day(day):
    """The first moment after `day` in the local time zone: a deadline "on that day"."""
    return datetime.combine(day + timedelta(days=1), time.min, timezone.get_current_timezone())


def has_retired_reason(unit):
    """A unit leaves the fleet for a reason written down (sold, scrapped, stolen...)."""
    return bool((unit.retired_reason or "").strip())


has_retired_reason.message = _("Say why the unit is retired.")


def not_booked_ahead(unit):
    """A unit promised to a contract from today on cannot be retired: that contract needs it."""
    return unit.bookings_from_today() == []


not_booked_ahead.message = _(
    "The unit is booked for a contract from today on; move that booking to another unit first."
)


def has_expected_back_date(unit):
    """Sales can promise dates only if After-sales says when the unit comes back (P4.2)."""
    return unit.expected_back_on is not None and unit.expected_back_on >= timezone.localdate()


has_expected_back_date.message = _("Give the date the unit is expected back, today or later.")


def held_by_a_running_lease(unit):
    """Back on lease only while a contract in force books the unit today; otherwise it is
    made available."""
    from workflows.leasing.choices import CONTRACT_IN_FORCE

    today = timezone.localdate()
    return unit.lease_bookings.filter(
        active=True, start__lte=today, end__gt=today, contract__state__in=CONTRACT_IN_FORCE
    ).exists()


held_by_a_running_lease.message = _(
    "No contract in force books the unit today: make it available instead."
)


class EquipmentCategory(InLanguageMixin, ClusterableModel):
    """A heading of the catalogue; its name has texts in the other languages (`texts`)."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True, allow_unicode=True)

    class Meta:
        verbose_name = _("equipment category")
        verbose_name_plural = _("equipment categories")
        ordering = ["name"]

    def __str__(self):
        return self.name


class EquipmentModel(InLanguageMixin, index.Indexed, ClusterableModel):
    """A model of the catalogue: what a unit is, what it rents for, what must come with it.

    The model name, specification and options are Traditional Chinese; `texts`
    hold them in the other languages for the public catalogue.
    """

    category = models.ForeignKey(
        EquipmentCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="models",
    )
    maker = models.CharField(_("maker"), max_length=100)
    name = models.CharField(_("model"), max_length=100)
    code = models.CharField(
        _("model code"), max_length=50, unique=True, help_text=_("Unique key, used by imports.")
    )
    specification = models.TextField(_("specification"), blank=True)
    configuration_options = models.TextField(
        _("configuration options"), blank=True, help_text=_("One option per line.")
    )
    rate_day = models.DecimalField(
        _("rate per day"), max_digits=12, decimal_places=2, default=0, validators=[NOT_NEGATIVE]
    )
    rate_week = models.DecimalField(
        _("rate per week"), max_digits=12, decimal_places=2, default=0, validators=[NOT_NEGATIVE]
    )
    rate_month = models.DecimalField(
        _("rate per month"), max_digits=12, decimal_places=2, default=0, validators=[NOT_NEGATIVE]
    )
    deposit = models.DecimalField(
        _("deposit"), max_digits=12, decimal_places=2, default=0, validators=[NOT_NEGATIVE]
    )
    maintenance_cycle_days = models.PositiveIntegerField(_("maintenance cycle (days)"), default=30)
    manual = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("operating manual"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    published = models.BooleanField(_("shown in the public catalogue"), default=False)

    search_fields = [
        index.SearchField("name"),
        index.SearchField("maker"),
        index.SearchField("code"),
        index.AutocompleteField("name"),
        index.AutocompleteField("code"),
        index.AutocompleteField("maker"),
        index.FilterField("category"),
        index.FilterField("published"),
        index.FilterField("maker"),
        index.FilterField("name"),
    ]

    class Meta:
        verbose_name = _("equipment model")
        verbose_name_plural = _("equipment models")
        ordering = ["category__name", "maker", "name"]
        permissions = [
            (
                "edit_specification",
                _("Can edit the specification, accessories and manual of equipment models"),
            ),
            ("set_rates", _("Can set the rental rates and deposit of equipment models")),
            ("publish_model", _("Can show equipment models in the public catalogue")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    rate_day__gte=0, rate_week__gte=0, rate_month__gte=0, deposit__gte=0
                ),
                name="equipment_model_amounts_not_negative",
            )
        ]

    def __str__(self):
        return f"{self.maker} {self.name}"

    def clean(self):
        """The public catalogue shows "from" prices: a model is published only with its rates."""
        super().clean()
        if self.published and not (
            self.rate_day > 0 and self.rate_week > 0 and self.rate_month > 0
        ):
            raise ValidationError(
                _(
                    "Set the rates per day, week and month before showing the model in the "
                    "catalogue."
                )
            )

    def in_language(self, language=None):
        """The model, and its category, with their texts in `language` (the active one).

        Read `texts` and `category__texts` with the models (`prefetch_related`).
        """
        translated = super().in_language(language)
        if translated is not self:
            translated.category = self.category.in_language(language)
        return translated

    @property
    def configuration_list(self):
        return [line.strip() for line in self.configuration_options.splitlines() if line.strip()]

    @property
    def currency(self):
        return settings.CURRENCY


class Accessory(Orderable):
    """An accessory every unit of the model must have when it goes out (P3.1, P3.3)."""

    equipment_model = ParentalKey(
        EquipmentModel, related_name="accessories", on_delete=models.CASCADE
    )
    name = models.CharField(_("name"), max_length=100)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)

    class Meta(Orderable.Meta):
        verbose_name = _("accessory")
        verbose_name_plural = _("accessories")

    def __str__(self):
        return self.name


class EquipmentCategoryText(TextInLanguage):
    """A category's name in another language of the website."""

    TEXT_FIELDS = ("name",)

    category = ParentalKey(EquipmentCategory, on_delete=models.CASCADE, related_name="texts")
    name = models.CharField(_("name"), max_length=100, blank=True)

    class Meta(TextInLanguage.Meta):
        verbose_name = _("category name in another language")
        verbose_name_plural = _("category names in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "language"], name="one_category_text_per_language"
            )
        ]

    def __str__(self):
        return f"{self.category_id} {self.language}"


class EquipmentModelText(TextInLanguage):
    """A model's name, specification and options in another language of the website."""

    TEXT_FIELDS = ("name", "specification", "configuration_options")

    equipment_model = ParentalKey(EquipmentModel, on_delete=models.CASCADE, related_name="texts")
    name = models.CharField(_("model"), max_length=100, blank=True)
    specification = models.TextField(_("specification"), blank=True)
    configuration_options = models.TextField(
        _("configuration options"), blank=True, help_text=_("One option per line.")
    )

    class Meta(TextInLanguage.Meta):
        verbose_name = _("model text in another language")
        verbose_name_plural = _("model texts in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["equipment_model", "language"], name="one_model_text_per_language"
            )
        ]

    def __str__(self):
        return f"{self.equipment_model_id} {self.language}"


class EquipmentUnit(index.Indexed, ProcessRecord):
    """One physical unit, known by its asset number; its state says where it is."""

    FINAL_STATES = (UnitState.RETIRED,)

    asset_number = models.CharField(_("asset number"), max_length=50, unique=True)
    serial_number = models.CharField(_("serial number"), max_length=100, blank=True)
    equipment_model = models.ForeignKey(
        EquipmentModel, verbose_name=_("model"), on_delete=models.PROTECT, related_name="units"
    )
    purchase_date = models.DateField(_("purchase date"), null=True, blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    condition = models.CharField(
        _("condition"), max_length=20, choices=UnitCondition.choices, default=UnitCondition.GOOD
    )
    state = FSMField(
        _("state"),
        max_length=20,
        choices=UnitState.choices,
        default=UnitState.AVAILABLE,
        protected=True,
    )
    retired_reason = models.TextField(_("reason for retiring"), blank=True, editable=False)
    retired_at = models.DateTimeField(_("retired at"), null=True, blank=True, editable=False)
    expected_back_on = models.DateField(
        _("expected back on"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("While in service or repair: when the unit is expected to be available."),
    )

    search_fields = [
        index.SearchField("asset_number"),
        index.SearchField("serial_number"),
        index.AutocompleteField("asset_number"),
        index.FilterField("state"),
        index.FilterField("equipment_model"),
        index.FilterField("condition"),
        index.FilterField("due_at"),
        index.FilterField("asset_number"),
        index.FilterField("id"),  # the overdue filter excludes by primary key
        index.AutocompleteField("serial_number"),
    ]

    class Meta:
        verbose_name = _("equipment unit")
        verbose_name_plural = _("equipment units")
        ordering = ["asset_number"]
        permissions = [("manage_unit_state", _("Can move equipment units between states"))]

    def __str__(self):
        return f"{self.asset_number} ({self.equipment_model})"

    def deadline_for(self, state):
        """A unit in service is due back on the date After-sales gave (end of that day)."""
        if state == UnitState.IN_SERVICE and self.expected_back_on is not None:
            return end_of_day(self.expected_back_on) - timezone.now()
        return None

    @classmethod
    def waiting_for(cls, user):
        """After-sales waits for the units in service or repair; nobody waits for the others."""
        if not (user.is_superuser or user.has_perm(MANAGE_UNITS)):
            return cls.objects.none()
        return cls.objects.filter(state=UnitState.IN_SERVICE).select_related(
            "equipment_model__category"
        )

    def bookings_from_today(self):
        from .availability import FAR_FUTURE, bookings_for

        today = timezone.localdate()
        units = type(self).objects.filter(pk=self.pk)
        return bookings_for(units, today, FAR_FUTURE).get(self.pk, [])

    @transition(
        field=state,
        source=UnitState.AVAILABLE,
        target=UnitState.RESERVED,
        permission=MANAGE_UNITS,
        custom={"label": _("Reserve")},
    )
    def reserve(self):
        pass

    reserve.alters_data = True

    @transition(
        field=state,
        source=UnitState.RESERVED,
        target=UnitState.AVAILABLE,
        permission=MANAGE_UNITS,
        custom={"label": _("Release")},
    )
    def release(self):
        pass

    release.alters_data = True

    @transition(
        field=state,
        source=[UnitState.AVAILABLE, UnitState.RESERVED],
        target=UnitState.ON_LEASE,
        permission=MANAGE_UNITS,
        custom={"label": _("Send out on lease")},
    )
    def send_out(self):
        pass

    send_out.alters_data = True

    @transition(
        field=state,
        source=[UnitState.AVAILABLE, UnitState.RESERVED, UnitState.ON_LEASE],
        target=UnitState.IN_SERVICE,
        permission=MANAGE_UNITS,
        conditions=[has_expected_back_date],
        custom={"label": _("Send to service")},
    )
    def send_to_service(self):
        pass

    send_to_service.alters_data = True

    @transition(
        field=state,
        source=UnitState.IN_SERVICE,
        target=UnitState.ON_LEASE,
        permission=MANAGE_UNITS,
        conditions=[held_by_a_running_lease],
        custom={"label": _("Back on lease")},
    )
    def return_to_lease(self):
        pass

    return_to_lease.alters_data = True

    @transition(
        field=state,
        source=[UnitState.ON_LEASE, UnitState.IN_SERVICE],
        target=UnitState.AVAILABLE,
        permission=MANAGE_UNITS,
        custom={"label": _("Make available")},
    )
    def make_available(self):
        pass

    make_available.alters_data = True

    @transition(
        field=state,
        source=[UnitState.AVAILABLE, UnitState.IN_SERVICE],
        target=UnitState.RETIRED,
        permission=MANAGE_UNITS,
        conditions=[has_retired_reason, not_booked_ahead],
        custom={"label": _("Retire"), "style": "danger"},
    )
    def retire(self):
        pass

    retire.alters_data = True
