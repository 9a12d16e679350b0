from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The public website's page types: home, consultation channels, standard pages."""

    name = "home"
    label = "home"
    verbose_name = _("Website pages")

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail_localize.models import Translation

        from .page_text import page_saved
        from .translation import convert_new_simplified_translation

        post_save.connect(page_saved, dispatch_uid="home.page_text")
        post_save.connect(
            convert_new_simplified_translation,
            sender=Translation,
            dispatch_uid="home.convert_new_simplified_translation",
        )
