"""Blocks of the course pages (P8.2): text, documents, video, cases, role-play, quiz."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class VideoFileBlock(blocks.StructBlock):
    """A video uploaded as a document (mp4), played in the page."""

    video = DocumentChooserBlock(label=_("video file"))
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=200)

    class Meta:
        icon = "media"
        label = _("Uploaded video")
        template = "learning/blocks/video_file_block.html"


class CaseAnalysisBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    situation = blocks.RichTextBlock(label=_("situation"), features=TEXT_FEATURES)
    analysis = blocks.RichTextBlock(label=_("analysis"), features=TEXT_FEATURES)
    lessons = blocks.RichTextBlock(label=_("lessons"), features=TEXT_FEATURES, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Case analysis")
        template = "learning/blocks/case_analysis_block.html"


class RolePlayLineBlock(blocks.StructBlock):
    role = blocks.CharBlock(label=_("role"), max_length=60)
    line = blocks.TextBlock(label=_("line"))


class RolePlayBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=200)
    setting = blocks.TextBlock(label=_("setting"), required=False)
    lines = blocks.ListBlock(RolePlayLineBlock(), label=_("script"))

    class Meta:
        icon = "openquote"
        label = _("Role-play script")
        template = "learning/blocks/role_play_block.html"


class CourseBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES)
    document = DocumentChooserBlock(label=_("Document"), template="learning/blocks/document.html")
    video = EmbedBlock(label=_("Embedded video"))
    video_file = VideoFileBlock()
    case = CaseAnalysisBlock()
    role_play = RolePlayBlock()


class QuestionBlock(blocks.StructBlock):
    """One multiple-choice question; the right answer never reaches the browser."""

    question = blocks.CharBlock(label=_("question"), max_length=300)
    choices = blocks.ListBlock(blocks.CharBlock(max_length=200), label=_("choices"), min_num=2)
    correct = blocks.IntegerBlock(
        label=_("number of the right choice"), min_value=1, help_text=_("1 for the first choice")
    )

    def clean(self, value):
        value = super().clean(value)
        if value["correct"] > len(value["choices"]):
            raise blocks.StructBlockValidationError(
                block_errors={"correct": ValidationError(_("There is no choice with this number."))}
            )
        return value

    class Meta:
        icon = "help"
        label = _("Question")


class QuizBlock(blocks.StreamBlock):
    question = QuestionBlock()
