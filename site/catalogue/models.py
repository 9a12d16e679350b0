"""The public equipment catalogue (P2.1 from the public side).

One `CataloguePage` lists the models After-sales keeps and Marketing
publishes, by category, with photo, specification and "from" prices; each
model has its own address under it (`/catalogue/<code>/`) with a "request a
quote" form that becomes a website consultation for Customer Service.
"""

from http import HTTPMethod

from django.db import models
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from forms.quote import SESSION_KEY, handle_quote_request, never_cached
from home.caching import CacheablePageMixin
from workflows.fleet.models import EquipmentModel

LIST_PHOTO = "fill-480x320"
DETAIL_PHOTO = "max-960x640"
NEVER_CACHE = "_catalogue_never_cache"


def published_models():
    return EquipmentModel.objects.filter(published=True).select_related("category")


def with_photos(queryset, *renditions):
    """Photos and their renditions in two queries, however many models are shown."""
    images = get_image_model().objects.prefetch_renditions(*renditions)
    return queryset.prefetch_related(Prefetch("photo", queryset=images))


class CataloguePage(CacheablePageMixin, RoutablePageMixin, Page):
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

    def is_publicly_cacheable(self, request, response):
        # A page with a form carries the visitor's CSRF token and errors.
        return not getattr(request, NEVER_CACHE, False) and super().is_publicly_cacheable(
            request, response
        )

    def get_channel(self):
        from contact.models import ChannelKind, ConsultationChannel

        if self.channel_id:
            return self.channel
        return ConsultationChannel.objects.published().filter(kind=ChannelKind.WEBSITE).first()

    def categories(self):
        """[(category, [models])] of the published models, in catalogue order."""
        grouped = {}
        for equipment_model in with_photos(published_models(), LIST_PHOTO):
            grouped.setdefault(equipment_model.category, []).append(equipment_model)
        return list(grouped.items())

    def model_url(self, equipment_model):
        return self.url + self.reverse_subpage("model", args=[equipment_model.code])

    @path("", name="index")
    def index_view(self, request):
        return self.render(request, context_overrides={"categories": self.categories()})

    @path("thanks/", name="thanks")
    def thanks_view(self, request):
        setattr(request, NEVER_CACHE, True)
        response = TemplateResponse(
            request,
            "catalogue/catalogue_page_thanks.html",
            {**self.get_context(request), "reference": request.session.get(SESSION_KEY, "")},
        )
        return never_cached(response)

    @path("<str:code>/", name="model")
    def model_view(self, request, code):
        setattr(request, NEVER_CACHE, True)
        queryset = with_photos(published_models(), DETAIL_PHOTO, LIST_PHOTO)
        equipment_model = get_object_or_404(queryset.prefetch_related("accessories"), code=code)

        def render(form, status):
            context = {
                **self.get_context(request),
                "equipment_model": equipment_model,
                "form": form,
                "form_url": self.model_url(equipment_model),
            }
            response = TemplateResponse(
                request, "catalogue/catalogue_model.html", context, status=status
            )
            return never_cached(response)

        return handle_quote_request(
            request,
            equipment_model=equipment_model,
            channel=self.get_channel(),
            render=render,
            thanks_url=self.url + self.reverse_subpage("thanks"),
        )
