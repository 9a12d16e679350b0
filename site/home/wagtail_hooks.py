from wagtail.snippets.models import register_snippet

from .viewsets import MenuViewSet

register_snippet(MenuViewSet)
