"""Form pieces that let each department edit its own part of an equipment model.

After-sales keeps the specification, the accessories and the manual; Sales
sets the rates and the deposit; Marketing chooses the photo and whether the
model is shown in the public catalogue. Each part is a panel with the
permission of the department; a user without it neither sees nor can post it.
"""

from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel


class PermissionedInlinePanel(InlinePanel):
    """An InlinePanel shown, and posted, only for users with `permission`.

    The form (see `PermissionedFormsetsForm`) drops the formset for other
    users, so that the child rows they cannot see stay as they are.
    """

    def __init__(self, *args, permission=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def clone_kwargs(self):
        return {**super().clone_kwargs(), "permission": self.permission}

    def get_form_options(self):
        options = super().get_form_options()
        if self.permission:
            options["formset_permissions"] = {self.relation_name: self.permission}
        return options

    class BoundPanel(InlinePanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            if form is not None and kwargs["panel"].relation_name not in form.formsets:
                kwargs["form"] = None
            super().__init__(**kwargs)

        def is_shown(self):
            return self.form is not None and super().is_shown()


class PermissionedFormsetsForm(WagtailAdminModelForm):
    """Drops the formsets whose permission the user lacks (`formset_permissions` of Meta)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        permissions = getattr(getattr(type(self), "Meta", None), "formset_permissions", {})
        for name, permission in permissions.items():
            if name in self.formsets and (user is None or not user.has_perm(permission)):
                del self.formsets[name]
