"""Content blocks editors combine into the body of the public pages."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

# Editors write prose, not layout: no headings (they have their own block) and no embeds.
PARAGRAPH_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
        # A layout choice, not words a visitor reads: kept out of search and the page text.
        search_index=False,
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "home/blocks/heading_block.html"


class FigureBlock(blocks.StructBlock):
    image = ImageBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), max_length=250, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/figure_block.html"


class CallToActionBlock(blocks.StructBlock):
    """A short invitation with a button to another page, e.g. the consultation form."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    page = blocks.PageChooserBlock(label=_("page"))
    button_label = blocks.CharBlock(label=_("button label"), max_length=60)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "home/blocks/call_to_action_block.html"


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"), icon="pilcrow", features=PARAGRAPH_FEATURES
    )
    image = FigureBlock()
    call_to_action = CallToActionBlock()


# Sections of the home page. Marketing adds, removes and reorders them; each has
# its own template under templates/home/blocks/.


class HeroBlock(blocks.StructBlock):
    """The first screen: a promise, a picture and the one thing to do next."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)
    image = ImageBlock(label=_("image"), required=False)
    page = blocks.PageChooserBlock(label=_("call to action page"), required=False)
    button_label = blocks.CharBlock(label=_("button label"), max_length=60, required=False)
    secondary_page = blocks.PageChooserBlock(label=_("second link page"), required=False)
    secondary_label = blocks.CharBlock(label=_("second link label"), max_length=60, required=False)

    class Meta:
        icon = "image"
        label = _("Hero")
        template = "home/blocks/hero_block.html"


class ServiceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = blocks.TextBlock(label=_("text"))
    page = blocks.PageChooserBlock(label=_("page"), required=False)

    class Meta:
        icon = "pick"
        label = _("Service")


class ServicesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    services = blocks.ListBlock(ServiceBlock(), label=_("services"))

    class Meta:
        icon = "list-ul"
        label = _("Services")
        template = "home/blocks/services_block.html"


class FeaturedEquipmentBlock(blocks.StructBlock):
    """Models from the catalogue, with photo and starting price, linking to their pages."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    equipment = blocks.ListBlock(
        SnippetChooserBlock("fleet.EquipmentModel", label=_("equipment model")),
        label=_("equipment models"),
    )
    catalogue = blocks.PageChooserBlock(
        label=_("catalogue page"), page_type="catalogue.CataloguePage", required=False
    )

    class Meta:
        icon = "snippet"
        label = _("Featured equipment")
        template = "home/blocks/featured_equipment_block.html"

    def get_context(self, value, parent_context=None):
        from catalogue.models import LIST_PHOTO, in_visitor_language, published_models, with_photos

        context = super().get_context(value, parent_context=parent_context)
        wanted = [model.pk for model in value["equipment"] if model is not None]
        shown = {
            m.pk: m
            for m in in_visitor_language(
                with_photos(published_models().filter(pk__in=wanted), LIST_PHOTO)
            )
        }
        context["equipment_models"] = [shown[pk] for pk in wanted if pk in shown]
        catalogue = value["catalogue"]
        context["catalogue"] = catalogue.localized if catalogue is not None else None
        return context


class ChannelsBlock(blocks.StructBlock):
    """The published consultation channels, each with its action (P1.1)."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    text = blocks.TextBlock(label=_("text"), required=False)

    class Meta:
        icon = "mail"
        label = _("Consultation channels")
        template = "home/blocks/channels_block.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=80)
    text = blocks.TextBlock(label=_("text"))

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    """How a lease works, from the first enquiry to the return of the equipment."""

    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    steps = blocks.ListBlock(StepBlock(), label=_("steps"))

    class Meta:
        icon = "list-ol"
        label = _("How it works")
        template = "home/blocks/steps_block.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("quote"))
    name = blocks.CharBlock(label=_("name"), max_length=80)
    company = blocks.CharBlock(label=_("company"), max_length=120, required=False)

    class Meta:
        icon = "openquote"
        label = _("Customer quote")


class QuotesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    quotes = blocks.ListBlock(QuoteBlock(), label=_("quotes"))

    class Meta:
        icon = "openquote"
        label = _("Customer quotes")
        template = "home/blocks/quotes_block.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=200)
    answer = blocks.RichTextBlock(label=_("answer"), features=PARAGRAPH_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")


class FaqBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("heading"), max_length=120)
    questions = blocks.ListBlock(QuestionBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        label = _("Frequently asked questions")
        template = "home/blocks/faq_block.html"


class HomeBodyBlock(BodyBlock):
    hero = HeroBlock()
    services = ServicesBlock()
    featured_equipment = FeaturedEquipmentBlock()
    channels = ChannelsBlock()
    steps = StepsBlock()
    quotes = QuotesBlock()
    faq = FaqBlock()
