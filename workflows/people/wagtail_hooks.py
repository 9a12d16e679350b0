from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .panels import TrainingPanel
from .viewsets import PeopleViewSetGroup

register_snippet(PeopleViewSetGroup)


@hooks.register("construct_homepage_panels")
def add_training_panel(request, panels):
    if request.user.has_perm("people.run_trainingsession"):
        panels.append(TrainingPanel(request.user))
