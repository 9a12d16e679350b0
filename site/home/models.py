"""Page types of the public website.

The tree is one `HomePage` at the root of each site, with the channel page,
standard pages (about us, terms, privacy) and other apps' pages (the intake
forms) below it. Every page shows the consultation channels and the contact
details through `base.html` (P1.1, P9.1).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from contact.channels import published_channels

from .blocks import BodyBlock, HomeBodyBlock
from .caching import CacheablePageMixin
from .navigation import Menu, MenuName
from .page_text import PageText

__all__ = ["ChannelIndexPage", "HomePage", "Menu", "MenuName", "PageText", "StandardPage"]

INTRO_FEATURES = ["bold", "italic", "link"]


class HomePage(CacheablePageMixin, Page):
    """The site's front page. Any page type may live below it, including form pages."""

    hero_heading = models.CharField(
        _("hero heading"),
        max_length=200,
        blank=True,
        help_text=_("The large heading at the top of the page; the page title if left empty."),
    )
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    body = StreamField(HomeBodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["wagtailcore.Page"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("hero_heading"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_heading"),
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # A hero section carries the page's main heading; the plain heading gives way to it.
        context["has_hero"] = any(block.block_type == "hero" for block in self.body)
        return context


class ChannelIndexPage(CacheablePageMixin, Page):
    """Every way to reach the company, with details, hours and reply promises (P1.1, P9.1).

    The channels themselves are snippets kept by Marketing; this page only adds
    an introduction, so that a corrected phone number is right everywhere at once.
    """

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    class Meta:
        verbose_name = _("consultation channels page")
        verbose_name_plural = _("consultation channels pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["channels"] = published_channels(request)
        return context


class StandardPage(CacheablePageMixin, Page):
    """A page of text and images: about us, service terms, privacy policy."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences shown under the title."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
