"""Published contact details and consultation channels (P1.1, P9.1).

Marketing keeps these correct without a developer: the contact details are a
site setting, the channels ordered snippets that are published like pages.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import DraftStateMixin, Orderable, RevisionMixin
from wagtail.search import index

from workflows.core.languages import InLanguageMixin, TextInLanguage, visitor_language


@register_setting(icon="site")
class ContactSettings(InLanguageMixin, ClusterableModel, BaseGenericSetting):
    """The company's contact details, shown on every public page.

    The company name, address, opening hours and default description are
    Traditional Chinese; `texts` hold them in the other languages. Loaded for a
    request (`settings.contact.ContactSettings` in the templates) they are in
    the request's language; loaded without one (printed contracts, messages)
    they are as written.
    """

    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    hotline = models.CharField(_("service hotline"), max_length=50, blank=True)
    email = models.EmailField(_("service email"), blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    complaint_hotline = models.CharField(_("complaint hotline"), max_length=50, blank=True)
    complaint_email = models.EmailField(_("complaint mailbox"), blank=True)
    default_description = models.CharField(
        _("default page description"),
        max_length=300,
        blank=True,
        help_text=_("Shown by search engines and link previews for pages without a description."),
    )
    share_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image for link previews"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("company_name"),
        FieldRowPanel([FieldPanel("hotline"), FieldPanel("email")]),
        FieldPanel("address"),
        FieldPanel("opening_hours"),
        FieldRowPanel([FieldPanel("complaint_hotline"), FieldPanel("complaint_email")]),
        FieldPanel("default_description"),
        FieldPanel("share_image"),
        InlinePanel(
            "texts",
            heading=_("In other languages"),
            label=_("Language"),
            help_text=_(
                "Company name, address, opening hours and description for the Simplified "
                "Chinese and English pages. What is left empty is shown as above; in "
                "Simplified Chinese, converted from the Traditional Chinese."
            ),
        ),
    ]

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    @classmethod
    def load(cls, request_or_site=None):
        contact = super().load(request_or_site=request_or_site)
        if request_or_site is None or not hasattr(request_or_site, "META"):
            return contact
        language = visitor_language()
        attr_name = f"{cls.get_cache_attr_name()}_{language}"
        if not hasattr(request_or_site, attr_name):
            setattr(request_or_site, attr_name, contact.in_language(language))
        return getattr(request_or_site, attr_name)


class ContactText(TextInLanguage):
    """The contact details' texts in another language of the website."""

    TEXT_FIELDS = ("company_name", "address", "opening_hours", "default_description")

    contact = ParentalKey(ContactSettings, on_delete=models.CASCADE, related_name="texts")
    company_name = models.CharField(_("company name"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    default_description = models.CharField(
        _("default page description"), max_length=300, blank=True
    )

    class Meta(TextInLanguage.Meta):
        verbose_name = _("contact details in another language")
        verbose_name_plural = _("contact details in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "language"], name="one_contact_text_per_language"
            )
        ]

    def __str__(self):
        return f"{self.contact_id} {self.language}"


class ChannelKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    CHAT = "chat", _("Online chat")
    WEBSITE = "website", _("Website message")
    OTHER = "other", _("Other")


class ConsultationChannelQuerySet(models.QuerySet):
    def published(self):
        return self.filter(live=True).order_by("sort_order", "pk").prefetch_related("texts")


class ConsultationChannel(
    InLanguageMixin, DraftStateMixin, RevisionMixin, Orderable, index.Indexed, ClusterableModel
):
    """A way customers reach the company, with its contact details and reply promise.

    `reply_within_hours` is the default deadline Customer Service promises for a
    consultation arriving on this channel that cannot be answered on the spot (P1.3).
    """

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=ChannelKind.choices)
    contact_detail = models.CharField(
        _("contact detail"),
        max_length=200,
        blank=True,
        help_text=_("The number, address or link a customer uses, as it should be shown."),
    )
    link = models.CharField(
        _("link"),
        max_length=300,
        blank=True,
        validators=[
            RegexValidator(
                r"^(tel:|mailto:|https?://)\S+$",
                _("Enter a link starting with tel:, mailto:, http:// or https://."),
            )
        ],
        help_text=_("Optional: tel:, mailto: or https:// link opened when the channel is clicked."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Optional: the page opened when the channel is clicked, e.g. the online message form."
        ),
    )
    service_hours = models.CharField(_("service hours"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    reply_within_hours = models.PositiveIntegerField(
        _("reply promised within (hours)"),
        default=24,
        help_text=_("Default deadline for a reply that cannot be given on the spot."),
    )

    objects = ConsultationChannelQuerySet.as_manager()

    search_fields = [
        index.SearchField("name"),
        index.SearchField("contact_detail"),
        index.AutocompleteField("name"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("consultation channel")
        verbose_name_plural = _("consultation channels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reply_within_hours__gte=1),
                name="channel_reply_within_at_least_one_hour",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def href(self):
        if self.link:
            return self.link
        if self.kind == ChannelKind.PHONE and self.contact_detail:
            return "tel:" + "".join(ch for ch in self.contact_detail if ch.isdigit() or ch == "+")
        if self.kind == ChannelKind.EMAIL and self.contact_detail:
            return "mailto:" + self.contact_detail
        return ""


class ChannelText(TextInLanguage):
    """A channel's name, hours and description in another language of the website."""

    TEXT_FIELDS = ("name", "service_hours", "description")

    channel = ParentalKey(ConsultationChannel, on_delete=models.CASCADE, related_name="texts")
    name = models.CharField(_("name"), max_length=100, blank=True)
    service_hours = models.CharField(_("service hours"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta(TextInLanguage.Meta):
        verbose_name = _("channel text in another language")
        verbose_name_plural = _("channel texts in other languages")
        constraints = [
            models.UniqueConstraint(
                fields=["channel", "language"], name="one_channel_text_per_language"
            )
        ]

    def __str__(self):
        return f"{self.channel_id} {self.language}"
