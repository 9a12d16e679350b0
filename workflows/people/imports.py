"""Excel imports of HR's records (shared import machinery): staff profiles, keyed by the
employee's account, and training attendance, keyed by the session and the employee.

Employees are named by their login or email (case aside, with "did you mean");
departments and tracks by their value or their label in any language, or the words
HR's sheets use (業務部, 專業通道); yes/no cells as people type them (是, V, ✓, 出席, 缺席).
"""

import unicodedata

from django.contrib.auth import get_user_model
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources
from import_export.widgets import ForeignKeyWidget, Widget

from workflows.core.imports import Column, ExcelImport
from workflows.core.imports.widgets import ChoiceWidget
from workflows.core.roles import (
    AFTER_SALES,
    CUSTOMER_SERVICE,
    FINANCE,
    HR,
    LEGAL,
    MANAGEMENT,
    MARKETING,
    SALES,
    SUPERVISION,
)

from .choices import SessionState, Track
from .models import DEPARTMENTS, Enrolment, StaffProfile, TrainingSession

DEPARTMENT_ALIASES = {
    "市場部": MARKETING,
    "市场部": MARKETING,
    "行銷部": MARKETING,
    "客服部": CUSTOMER_SERVICE,
    "客服": CUSTOMER_SERVICE,
    "業務部": SALES,
    "业务部": SALES,
    "業務": SALES,
    "法務部": LEGAL,
    "法务部": LEGAL,
    "售後部": AFTER_SALES,
    "售后部": AFTER_SALES,
    "售後服務部": AFTER_SALES,
    "財務部": FINANCE,
    "财务部": FINANCE,
    "人力資源部": HR,
    "人力资源部": HR,
    "人資部": HR,
    "人事部": HR,
    "監督小組": SUPERVISION,
    "服務質量監督小組": SUPERVISION,
    "管理層": MANAGEMENT,
    "管理层": MANAGEMENT,
    "總經理室": MANAGEMENT,
}
TRACK_ALIASES = {
    "管理通道": Track.MANAGEMENT,
    "管理": Track.MANAGEMENT,
    "管理序列": Track.MANAGEMENT,
    "專業通道": Track.PROFESSIONAL,
    "专业通道": Track.PROFESSIONAL,
    "專業技術通道": Track.PROFESSIONAL,
    "专业技术通道": Track.PROFESSIONAL,
    "專業": Track.PROFESSIONAL,
    "Management": Track.MANAGEMENT,
    "Professional": Track.PROFESSIONAL,
}
YES = {"yes", "y", "true", "1", "是", "有", "v", "✓", "✔", "o", "○", "出席", "通過", "通过", "合格"}
NO = {
    "no",
    "n",
    "false",
    "0",
    "否",
    "無",
    "无",
    "x",
    "✗",
    "×",
    "缺席",
    "未出席",
    "不通過",
    "不合格",
}


class EmployeeWidget(ForeignKeyWidget):
    """An employee by login or email."""

    lookup_fields = ("username", "email")

    def __init__(self, **kwargs):
        super().__init__(get_user_model(), "username", **kwargs)


class SessionWidget(ForeignKeyWidget):
    """A training session by its reference (TR2611-000001)."""

    lookup_fields = ("reference",)

    def __init__(self, **kwargs):
        super().__init__(TrainingSession, "reference", **kwargs)


class YesNoWidget(Widget):
    """是/否, V/X, ✓, 出席/缺席, yes/no; empty is "not recorded"."""

    def clean(self, value, row=None, **kwargs):
        if value is None or value == "":
            return None
        if isinstance(value, bool):
            return value
        text = unicodedata.normalize("NFKC", str(value)).strip().casefold()
        if text in {w.casefold() for w in YES}:
            return True
        if text in {w.casefold() for w in NO}:
            return False
        raise ValueError(
            gettext("“%(value)s” is neither yes nor no (是/否, V/X, 出席/缺席).") % {"value": value}
        )


def column(model, name, *aliases, required=False, example=""):
    label = model._meta.get_field(name).verbose_name
    return Column(name, (label, *aliases), required=required, example=example)


# Staff profiles ------------------------------------------------------------------------


class StaffProfileResource(resources.ModelResource):
    user = fields.Field(attribute="user", column_name="user", widget=EmployeeWidget())
    department = fields.Field(
        attribute="department",
        column_name="department",
        widget=ChoiceWidget(DEPARTMENTS, aliases=DEPARTMENT_ALIASES),
    )
    track = fields.Field(
        attribute="track",
        column_name="track",
        widget=ChoiceWidget(Track.choices, aliases=TRACK_ALIASES),
    )
    mentor = fields.Field(attribute="mentor", column_name="mentor", widget=EmployeeWidget())

    class Meta:
        model = StaffProfile
        fields = ("user", "department", "position", "track", "level", "hire_date", "mentor")
        import_id_fields = ("user",)


class StaffProfileImport(ExcelImport):
    name = "staff-profiles"
    label = _("staff profiles")
    resource_class = StaffProfileResource
    permission = "people.add_staffprofile"
    columns = (
        column(
            StaffProfile,
            "user",
            "Employee",
            "Login",
            "帳號",
            "账号",
            "員工帳號",
            "员工账号",
            "Email",
            "電子郵件",
            required=True,
            example="staff.example",
        ),
        column(
            StaffProfile,
            "department",
            "Department",
            "部門",
            "部门",
            "所屬部門",
            required=True,
            example="業務部",
        ),
        column(StaffProfile, "position", "Position", "職位", "职位", "職稱", "职称", "崗位"),
        column(StaffProfile, "track", "Track", "發展通道", "职业通道", "職業通道", "通道"),
        column(StaffProfile, "level", "Level", "職級", "职级", "等級", "级别", example="2"),
        column(
            StaffProfile,
            "hire_date",
            "Hire date",
            "到職日",
            "到职日",
            "入職日期",
            "入职日期",
            "到職日期",
            example="2024/03/01",
        ),
        column(StaffProfile, "mentor", "Mentor", "導師", "导师", "師傅", "师傅"),
    )


# Training attendance -------------------------------------------------------------------


class EnrolmentResource(resources.ModelResource):
    session = fields.Field(attribute="session", column_name="session", widget=SessionWidget())
    employee = fields.Field(attribute="employee", column_name="employee", widget=EmployeeWidget())
    attended = fields.Field(attribute="attended", column_name="attended", widget=YesNoWidget())
    practical_passed = fields.Field(
        attribute="practical_passed", column_name="practical_passed", widget=YesNoWidget()
    )

    class Meta:
        model = Enrolment
        fields = ("session", "employee", "attended", "exam_score", "practical_passed", "feedback")
        import_id_fields = ("session",)

    def import_key(self, values):
        """The session and the employee together name one enrolment."""
        session, employee = values.get("session"), values.get("employee")
        if session is None or employee is None:
            raise ValueError(gettext("Give the session's reference and the employee."))
        if session.state in (SessionState.PLANNED, SessionState.CANCELLED):
            raise ValueError(
                gettext("%(session)s is %(state)s: attendance is recorded once it is held.")
                % {"session": session.reference, "state": session.get_state_display()}
            )
        return (session.pk, employee.pk)

    def find_existing(self, keys):
        sessions = {s for s, _e in keys}
        wanted = set(keys)
        found = Enrolment.objects.filter(session__in=sessions).select_related("session", "employee")
        return {
            (e.session_id, e.employee_id): e
            for e in found
            if (e.session_id, e.employee_id) in wanted
        }


class AttendanceImport(ExcelImport):
    name = "training-attendance"
    label = _("training attendance")
    resource_class = EnrolmentResource
    permission = "people.run_trainingsession"
    columns = (
        column(
            Enrolment,
            "session",
            "Session",
            "課程編號",
            "课程编号",
            "場次",
            "培訓編號",
            "Reference",
            required=True,
            example="TR0000-000000",
        ),
        column(
            Enrolment,
            "employee",
            "Employee",
            "Login",
            "帳號",
            "账号",
            "員工帳號",
            "Email",
            required=True,
            example="staff.example",
        ),
        column(Enrolment, "attended", "Attended", "出席", "是否出席", "出勤", example="是"),
        column(
            Enrolment, "exam_score", "Exam score", "考試成績", "考试成绩", "成績", "分數", "分数"
        ),
        column(
            Enrolment,
            "practical_passed",
            "Practical test",
            "實操考核",
            "实操考核",
            "實作考核",
            "實際操作考核",
        ),
        column(Enrolment, "feedback", "Feedback", "反饋", "反馈", "回饋", "意見"),
    )
    ignored_headers = ("姓名", "Name", "課程名稱", "课程名称", "Title")
