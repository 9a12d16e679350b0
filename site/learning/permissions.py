"""Who may edit the staff section: only what is granted inside it.

Wagtail's page permissions flow down the tree and cannot be denied below a grant.
Marketing's grant on the tree's root, meant for the public website, would otherwise
reach the staff pages too; here a staff page counts only the grants made on the
section's index page or below it (HR's, the department heads').
"""

from wagtail.models import PagePermissionTester


def section_path(page):
    from .models import StaffIndexPage

    for path in StaffIndexPage.objects.values_list("path", flat=True):
        if page.path.startswith(path):
            return path
    return page.path


class StaffPagePermissionTester(PagePermissionTester):
    def __init__(self, user, page):
        super().__init__(user, page)
        if self.user.is_active and not self.user.is_superuser:
            section = section_path(page)
            self.permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in self.permission_policy.get_cached_permissions_for_user(user)
                if page.path.startswith(perm.page.path) and perm.page.path.startswith(section)
            }
