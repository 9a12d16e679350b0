"""Excel imports of staff profiles and training attendance, on the shared machinery:
sheets as HR keeps them, problems named by Excel row and column, all rows or none."""

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import Workbook

from tests.factories import UserFactory
from workflows.core import roles
from workflows.core.imports import run_import
from workflows.core.models import PendingImport
from workflows.people import services
from workflows.people.imports import AttendanceImport, StaffProfileImport
from workflows.people.models import Enrolment, StaffProfile

from .factories import StaffProfileFactory, TrainingSessionFactory

pytestmark = pytest.mark.django_db

PROFILES = "wagtailsnippets_people_staffprofile"
ATTENDANCE = "wagtailsnippets_people_enrolment"


def xlsx(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def problems(report):
    return {(p.row, p.column): p.message for p in report.problems}


@pytest.fixture
def hr(staff):
    return staff[roles.HR]


@pytest.fixture
def people(db):
    return {
        name: UserFactory(username=name, email=f"{name}@rental.example")
        for name in ("mei", "hao", "senior")
    }


class TestStaffProfiles:
    def run(self, rows, user, dry_run=False):
        return run_import(
            StaffProfileImport(), "員工資料.xlsx", xlsx(rows), user=user, dry_run=dry_run
        )

    def test_a_messy_sheet_imports_with_chinese_headers_and_words(self, hr, people):
        report = self.run(
            [
                ["2026 年度 員工名冊"],  # a title row above the header
                [],
                ["員工帳號", "部門", "職稱", "職業通道", "職級", "到職日", "導師"],
                [
                    "  MEI ",
                    "業務部",
                    "業務專員",
                    "專業通道",
                    "２",
                    "2024/03/01",
                    "senior@rental.example",
                ],
                [
                    "hao@rental.example",
                    "客服部",
                    "客服專員",
                    "管理通道",
                    1,
                    datetime.date(2025, 7, 1),
                    "",
                ],
                ["合計", None, None, None, None, None, None],
            ],
            hr,
        )
        assert report.ok, report.problems
        mei = StaffProfile.objects.get(user=people["mei"])
        assert (mei.department, mei.track, mei.level, mei.hire_date, mei.mentor) == (
            roles.SALES,
            "professional",
            2,
            datetime.date(2024, 3, 1),
            people["senior"],
        )
        hao = StaffProfile.objects.get(user=people["hao"])
        assert (hao.department, hao.track, hao.mentor) == (
            roles.CUSTOMER_SERVICE,
            "management",
            None,
        )

    def test_a_second_import_updates_the_same_profiles(self, hr, people):
        StaffProfileFactory(user=people["mei"], department=roles.SALES, position="業務專員")
        report = self.run([["帳號", "部門", "職位"], ["mei", "業務部", "資深業務專員"]], hr)
        assert report.ok and report.updated == 1 and report.new == 0
        assert StaffProfile.objects.get().position == "資深業務專員"

    def test_every_problem_is_named_by_row_and_column_and_nothing_is_saved(self, hr, people):
        report = self.run(
            [
                ["帳號", "部門", "職級", "到職日", "導師"],
                ["mei", "業務部", "2", "2024/13/45", ""],
                ["meii", "業務部", "1", "", ""],
                ["hao", "倉儲部", "三", "", "nobody"],
                ["mei", "客服部", "1", "", ""],
            ],
            hr,
        )
        found = problems(report)
        assert (2, "到職日") in found
        assert (3, "帳號") in found and "mei" in found[(3, "帳號")], "did you mean"
        assert (4, "部門") in found and (4, "職級") in found and (4, "導師") in found
        assert (5, "帳號") in found and "2" in found[(5, "帳號")]
        assert not StaffProfile.objects.exists()

    def test_a_missing_required_column_is_said_once(self, hr, people):
        report = self.run([["帳號", "職稱"], ["mei", "專員"]], hr)
        assert [p.row for p in report.problems] == [1], "the header row, once"
        assert not StaffProfile.objects.exists()


@pytest.fixture
def held_session(hr, people):
    session = services.plan_session(TrainingSessionFactory.build(reference=""), user=hr)
    services.enrol_employee(session, user=hr, employee=people["mei"])
    return services.hold_session(session, user=hr, attended=[])


class TestAttendance:
    def run(self, rows, user):
        return run_import(AttendanceImport(), "簽到表.xlsx", xlsx(rows), user=user, dry_run=False)

    def test_attendance_and_scores_update_enrolments_and_add_walk_ins(
        self, hr, people, held_session
    ):
        ref = held_session.reference
        report = self.run(
            [
                ["課程編號", "姓名", "帳號", "出席", "考試成績", "實操考核", "意見"],
                [ref, "陳美玲", "mei", "V", "88.5", "通過", "案例很實用"],
                [f" {ref.lower()} ", "王浩", "HAO", "是", 92, "不合格", ""],
            ],
            hr,
        )
        assert report.ok, report.problems
        assert (report.new, report.updated) == (1, 1)
        mei = Enrolment.objects.get(employee=people["mei"])
        assert (mei.attended, mei.exam_score, mei.practical_passed, mei.feedback) == (
            True,
            Decimal("88.5"),
            True,
            "案例很實用",
        )
        hao = Enrolment.objects.get(employee=people["hao"])
        assert (hao.session, hao.attended, hao.practical_passed) == (held_session, True, False)

    def test_bad_cells_and_sessions_not_held_are_refused_by_row_and_column(
        self, hr, people, held_session
    ):
        planned = services.plan_session(TrainingSessionFactory.build(reference=""), user=hr)
        with translation.override("en"):  # to read the messages as written
            report = self.run(
                [
                    ["課程編號", "帳號", "出席", "考試成績"],
                    [held_session.reference, "mei", "也許", "80"],
                    [held_session.reference, "hao", "是", "120"],
                    [planned.reference, "hao", "是", ""],
                    ["TR9999-999999", "hao", "是", ""],
                ],
                hr,
            )
        found = problems(report)
        assert (2, "出席") in found
        assert (3, "考試成績") in found
        assert (4, "課程編號") in found and "held" in found[(4, "課程編號")]
        assert (5, "課程編號") in found
        assert Enrolment.objects.get().attended is False, "nothing saved"

    def test_only_hr_imports_through_the_admin(self, client, hr, staff, people, held_session):
        data = xlsx([["課程編號", "帳號", "出席"], [held_session.reference, "mei", "出席"]])
        for role in (roles.SALES, roles.MANAGEMENT):
            client.force_login(staff[role])
            upload = io.BytesIO(data)
            upload.name = "attendance.xlsx"
            assert client.post(reverse(f"{ATTENDANCE}:import"), {"file": upload}).status_code == 403
        client.force_login(hr)
        upload = io.BytesIO(data)
        upload.name = "attendance.xlsx"
        assert client.post(reverse(f"{ATTENDANCE}:import"), {"file": upload}).status_code == 200
        pending = PendingImport.objects.get()
        response = client.post(
            reverse(f"{ATTENDANCE}:import"), {"pending": pending.pk, "apply_updates": "yes"}
        )
        assert response.status_code == 302
        assert Enrolment.objects.get().attended is True

    def test_profiles_import_button_and_template_for_hr(self, client, hr):
        client.force_login(hr)
        listing = client.get(reverse(f"{PROFILES}:list")).content.decode()
        assert reverse(f"{PROFILES}:import") in listing
        response = client.get(reverse(f"{PROFILES}:import_template"))
        assert response.status_code == 200
