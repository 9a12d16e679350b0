"""Page types of the staff-only section (P8): HR publishes, every employee reads.

The section is one `StaffIndexPage` below the home page, restricted by Wagtail's page
privacy to logged-in users (`staff_section.ensure_staff_section`). Its pages are never
cacheable: they do not use the public pages' `CacheablePageMixin` and say `no-store`.
"""

import uuid

from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from workflows.people.choices import Topic, Track
from workflows.people.models import DEPARTMENTS

from .blocks import TEXT_FEATURES, CourseBodyBlock, QuizBlock
from .permissions import StaffPagePermissionTester
from .survey import SurveyPageBase, SurveyQuestion, TrainingNeedsAnswer


def private(response):
    """A staff page's response is for this user only: never stored by any cache."""
    patch_cache_control(response, private=True, no_cache=True, no_store=True)
    patch_vary_headers(response, ("Cookie",))
    return response


class StaffPage(Page):
    """Behaviour every staff page shares: private responses, section-only permissions."""

    class Meta:
        abstract = True

    def permissions_for_user(self, user):
        return StaffPagePermissionTester(user, self)

    def serve(self, request, *args, **kwargs):
        return private(super().serve(request, *args, **kwargs))

    @property
    def staff_index(self):
        return StaffIndexPage.objects.ancestor_of(self, inclusive=True).first()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        index_page = self.staff_index
        context["staff_index"] = index_page
        context["staff_menu"] = index_page.get_children().live() if index_page else []
        return context


class StaffIndexPage(RoutablePageMixin, StaffPage):
    """The staff section's front page, with its own navigation and search."""

    intro = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "learning.TrainingPlanIndexPage",
        "learning.CourseIndexPage",
        "learning.TrainingNeedsSurveyPage",
        "learning.CareerTrackPage",
    ]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("staff section")
        verbose_name_plural = _("staff sections")

    def serve(self, request, *args, **kwargs):
        # The routes (search) answer through RoutablePageMixin, not StaffPage.serve.
        return private(super().serve(request, *args, **kwargs))

    @path("")
    def index_route(self, request):
        return self.render(request)

    @path("search/")
    def search(self, request):
        query = request.GET.get("q", "").strip()[:200]
        results = Page.objects.live().descendant_of(self).search(query) if query else []
        return self.render(
            request,
            context_overrides={"query": query, "results": results},
            template="learning/staff_search.html",
        )


class TrainingPlanIndexPage(StaffPage):
    """The training plans, year by year; department heads add their plans below (P8.3)."""

    intro = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)

    parent_page_types = ["learning.StaffIndexPage"]
    subpage_types = ["learning.TrainingPlanPage"]
    max_count = 1

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("training plans")
        verbose_name_plural = _("training plans")


class TrainingPlanPage(StaffPage):
    """The annual training plan HR writes (P8.3): goals, content, method, time, audience."""

    year = models.PositiveSmallIntegerField(_("year"))
    goals = RichTextField(_("goals"), features=TEXT_FEATURES)
    content = RichTextField(_("content"), features=TEXT_FEATURES, blank=True)
    methods = RichTextField(_("methods"), features=TEXT_FEATURES, blank=True)
    schedule = RichTextField(_("schedule"), features=TEXT_FEATURES, blank=True)
    audience = RichTextField(_("audience"), features=TEXT_FEATURES, blank=True)
    adjustments = RichTextField(
        _("adjustments"),
        features=TEXT_FEATURES,
        blank=True,
        help_text=_("How the plan changed after the sessions were evaluated."),
    )

    parent_page_types = ["learning.TrainingPlanIndexPage"]
    subpage_types = ["learning.DepartmentPlanPage"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("goals"),
        FieldPanel("content"),
        FieldPanel("methods"),
        FieldPanel("schedule"),
        FieldPanel("audience"),
        FieldPanel("adjustments"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("goals"),
        index.SearchField("content"),
        index.SearchField("schedule"),
    ]

    class Meta:
        verbose_name = _("annual training plan")
        verbose_name_plural = _("annual training plans")


class DepartmentPlanPage(StaffPage):
    """A department's own training plan, drafted by its head and approved by HR (P8.3)."""

    department = models.CharField(_("department"), max_length=40, choices=DEPARTMENTS)
    needs = RichTextField(_("training needs"), features=TEXT_FEATURES, blank=True)
    plan = RichTextField(_("plan"), features=TEXT_FEATURES)

    parent_page_types = ["learning.TrainingPlanPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("department"),
        FieldPanel("needs"),
        FieldPanel("plan"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("needs"), index.SearchField("plan")]

    class Meta:
        verbose_name = _("department training plan")
        verbose_name_plural = _("department training plans")


class CourseIndexPage(StaffPage):
    """The online learning platform (P8.2): courses listed by topic."""

    intro = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)

    parent_page_types = ["learning.StaffIndexPage"]
    subpage_types = ["learning.CoursePage"]

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("course list")
        verbose_name_plural = _("course lists")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = CoursePage.objects.live().child_of(self).order_by("topic", "title")
        labels = dict(Topic.choices)
        grouped = {}
        for course in courses:
            grouped.setdefault(labels.get(course.topic, course.topic), []).append(course)
        context["topics"] = grouped.items()
        return context


class CoursePage(StaffPage):
    """A course: text, documents, videos, case analyses, role-play scripts, and a short quiz.

    The quiz is scored on the server (`workflows.people.services.submit_quiz`); each
    attempt is stored against the employee once.
    """

    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(CourseBodyBlock(), verbose_name=_("body"), blank=True)
    quiz = StreamField(QuizBlock(), verbose_name=_("quiz"), blank=True)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, help_text=_("The score needed to pass the quiz.")
    )

    parent_page_types = ["learning.CourseIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("topic"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("quiz"),
        FieldPanel("pass_mark"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("topic"),
    ]

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")

    def answer_key(self):
        """[(question id, number of the right choice)], from the page as published."""
        return [(block.id, block.value["correct"]) for block in self.quiz]

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        from workflows.people.models import QuizAttempt
        from workflows.people.services import submit_quiz

        try:
            token = uuid.UUID(request.POST.get("attempt", ""))
        except ValueError:
            return HttpResponseBadRequest()
        answers = {qid: request.POST.get(f"q-{qid}", "") for qid, _right in self.answer_key()}
        try:
            attempt = submit_quiz(
                QuizAttempt(token=token, course=self, answers=answers),
                user=request.user,
                quiz=self.answer_key(),
                pass_mark=self.pass_mark,
            )
        except ValidationError:
            return HttpResponseBadRequest()
        context = self.get_context(request, *args, **kwargs)
        context["attempt"] = attempt
        return private(TemplateResponse(request, self.get_template(request), context))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["attempt_token"] = uuid.uuid4()
        return context


class CareerTrackPage(StaffPage):
    """A career track (P8.4): its levels, what each requires, the usual moves."""

    track = models.CharField(_("track"), max_length=20, choices=Track.choices)
    intro = RichTextField(_("introduction"), features=TEXT_FEATURES, blank=True)
    body = StreamField(CourseBodyBlock(), verbose_name=_("levels and requirements"), blank=True)

    parent_page_types = ["learning.StaffIndexPage"]
    subpage_types = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("track"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    class Meta:
        verbose_name = _("career track")
        verbose_name_plural = _("career tracks")


class TrainingNeedsSurveyPage(StaffPage, SurveyPageBase):
    """The training-needs survey (P8.3); see `survey`."""

    parent_page_types = ["learning.StaffIndexPage", "learning.TrainingPlanIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("training-needs survey")
        verbose_name_plural = _("training-needs surveys")


__all__ = ["SurveyQuestion", "TrainingNeedsAnswer"]
