"""The public equipment catalogue (P2.1 from the public side).

One `CataloguePage` lists the models After-sales keeps and Marketing
publishes, by category, with photo, specification and "from" prices; each
model has its own address under it (`/catalogue/<code>/`) with a "request a
quote" form that becomes a website consultation for Customer Service.

Models and categories are shown in the visitor's language (`in_visitor_language`:
the texts written for it, else OpenCC's Simplified Chinese or the stored
Traditional Chinese), read in the same queries however many are shown; the
quote request itself names the model as stored, as staff read it.
"""

from http import HTTPMethod

from django.db import models
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from forms.pages.flow import IntakeFlow, IntakeUnavailable
from forms.quote import QuoteForm
from home.caching import CacheablePageMixin
from home.i18n import local_url
from workflows.consultations.services import receive_consultation, submitted_consultation
from workflows.core.languages import visitor_language
from workflows.fleet.models import EquipmentModel

LIST_PHOTO = "fill-480x320"
DETAIL_PHOTO = "max-960x640"


def published_models():
    """Published models with their category and both's texts in the other languages."""
    return (
        EquipmentModel.objects.filter(published=True)
        .select_related("category")
        .prefetch_related("texts", "category__texts")
    )


def in_visitor_language(equipment_models):
    """The models (and their categories) with their texts in the visitor's language."""
    language = visitor_language()
    return [equipment_model.in_language(language) for equipment_model in equipment_models]


def with_photos(queryset, *renditions):
    """Photos and their renditions in two queries, however many models are shown."""
    images = get_image_model().objects.prefetch_renditions(*renditions)
    return queryset.prefetch_related(Prefetch("photo", queryset=images))


class CataloguePage(IntakeFlow, CacheablePageMixin, RoutablePageMixin, Page):
    """Published models by category; a page per model with the "request a quote" form."""

    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)
    quote_intro = models.TextField(
        _("quote form introduction"),
        blank=True,
        help_text=_("Shown above the request-a-quote form of every model."),
    )
    thank_you_text = RichTextField(
        _("thank-you text"),
        blank=True,
        help_text=_("Shown after a quote request is sent, above the reference number."),
    )
    channel = models.ForeignKey(
        "contact.ConsultationChannel",
        verbose_name=_("channel"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The channel quote requests are filed under (default: the website channel)."),
    )

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    # The model pages take the quote form's POST.
    allowed_http_methods = [*CacheablePageMixin.allowed_http_methods, HTTPMethod.POST]

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("quote_intro"),
        FieldPanel("thank_you_text"),
    ]
    settings_panels = [*Page.settings_panels, FieldPanel("channel")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("equipment catalogue page")
        verbose_name_plural = _("equipment catalogue pages")

    form_class = QuoteForm
    form_template = "catalogue/catalogue_model.html"
    session_key = "intake_quote"
    thanks_template = "catalogue/catalogue_page_thanks.html"

    def is_publicly_cacheable(self, request, response):
        # The intake flow marks the form and thank-you pages never to be cached:
        # they carry the visitor's CSRF token, errors and reference.
        never = "no-store" in response.get("Cache-Control", "")
        return not never and super().is_publicly_cacheable(request, response)

    def get_channel(self):
        from contact.models import ChannelKind, ConsultationChannel

        if self.channel_id:
            return self.channel
        return ConsultationChannel.objects.published().filter(kind=ChannelKind.WEBSITE).first()

    def categories(self):
        """[(category, [models])] of the published models, in catalogue order."""
        grouped = {}
        for equipment_model in in_visitor_language(with_photos(published_models(), LIST_PHOTO)):
            grouped.setdefault(equipment_model.category, []).append(equipment_model)
        return list(grouped.items())

    def model_url(self, equipment_model, request=None):
        return local_url(self, request) + self.reverse_subpage("model", args=[equipment_model.code])

    @path("", name="index")
    def index_view(self, request):
        return self.render(request, context_overrides={"categories": self.categories()})

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        return self.render_thanks(request)

    @path("<str:code>/", name="model")
    def model_view(self, request, code):
        queryset = with_photos(published_models(), DETAIL_PHOTO, LIST_PHOTO)
        equipment_model = get_object_or_404(queryset.prefetch_related("accessories"), code=code)
        # The request reaches Customer Service with the model as stored: staff read it so.
        return self.process_form(
            request,
            form_kwargs={"equipment_model": equipment_model},
            context={
                "equipment_model": equipment_model.in_language(),
                "form_url": self.model_url(equipment_model, request),
            },
        )

    def find_submitted(self, submission_token):
        return submitted_consultation(submission_token)

    def create_record(self, request, data):
        channel = self.get_channel()
        if channel is None:
            raise IntakeUnavailable(_("Requests cannot be received at the moment. Please call us."))
        return receive_consultation(channel=channel, **data)
