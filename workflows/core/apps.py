from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The machinery every process shares: transitions, audit, deadlines, queue, notifications."""

    name = "workflows.core"
    label = "core"
    verbose_name = _("Service desk")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import roles

        post_migrate.connect(roles.sync_roles_after_migrate, sender=self)
