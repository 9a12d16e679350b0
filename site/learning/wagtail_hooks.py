from wagtail import hooks

from .models import StaffIndexPage


@hooks.register("filter_form_submissions_for_user")
def staff_answers_only_for_who_may_edit_the_survey(user, editable_forms):
    """Answers to a staff survey are read by who may edit it (HR), not by whoever may edit
    the public site: Marketing's grant on the tree's root would otherwise reach them."""
    if user.is_superuser:
        return editable_forms
    hidden = [
        page.pk
        for index in StaffIndexPage.objects.all()
        for page in editable_forms.descendant_of(index).specific()
        if not page.permissions_for_user(user).can_edit()
    ]
    return editable_forms.exclude(pk__in=hidden)
