"""Several servers on one database: two app servers, two task workers, two cron runs.

The production layout in README.md ("Several servers"): every app server and
worker shares one PostgreSQL and one Redis. Here two gunicorn servers, two
`db_worker` processes and two `run_periodic_jobs` runs started at the same
moment work on this test's PostgreSQL database and a Redis database of their
own, under the production settings (`tests/multiserver/settings.py`), while
visitors and a staff member spread their requests over both servers:

- every public submission makes exactly one record, one History entry and
  one acknowledgement, delivered exactly once, even when sent twice to the two
  servers;
- the rate limit is one limit across the servers;
- a session opened on one server works on the other (the thank-you page, the
  admin login);
- the same transition sent to both servers at once is applied once;
- two periodic runs at once escalate each overdue record once.
"""

import os
import re
import socket
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

import pytest
import requests
from bs4 import BeautifulSoup
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests.conftest import skip_or_fail
from tests.factories import ConsultationFactory, UserFactory
from workflows.consultations.choices import ConsultationState
from workflows.consultations.models import Consultation
from workflows.core import roles
from workflows.core.choices import MessageChannel, MessageStatus
from workflows.core.models import OutboundMessage

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PASSWORD = "secret-pass-123"  # UserFactory's
RATE_LIMIT = 5
VISITORS = 24
OVERDUE = 12
TIMEOUT = 30  # seconds per request; the machine may be busy


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_url():
    """A Redis database of this test's own (the servers' cache), emptied before use."""
    import redis

    base = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
    url = re.sub(r"/\d*$", "", base.rstrip("/")) + "/13"
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=2)
        client.flushdb()
    except redis.RedisError as exc:
        skip_or_fail(f"needs Redis at {url}: {exc}")
    return url


class Cluster:
    """The processes of two hosts, and what they log."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.mail_dir = tmp_path / "mail"
        self.mail_dir.mkdir()
        db = connection.settings_dict
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("PYTEST", "DJANGO_", "RSD_"))
        }
        self.env.update(
            DJANGO_SETTINGS_MODULE="tests.multiserver.settings",
            PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "site")]),
            DATABASE_URL=(
                f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
                f"/{db['NAME']}"
            ),
            REDIS_URL=redis_url(),
            SECRET_KEY=f"multi-server-{uuid.uuid4().hex}",
            ALLOWED_HOSTS="127.0.0.1",
            CLIENT_IP_HEADER="HTTP_X_FORWARDED_FOR",
            INTAKE_RATE_LIMIT=str(RATE_LIMIT),
            RSD_TEST_MAIL_DIR=str(self.mail_dir),
            MEDIA_ROOT=str(tmp_path / "media"),
            PRIVATE_MEDIA_ROOT=str(tmp_path / "private"),
        )
        if db.get("PASSWORD"):
            self.env["PGPASSWORD"] = db["PASSWORD"]
        self.processes = []
        self.ports = []

    def spawn(self, name, *args):
        log = open(self.tmp_path / f"{name}.log", "wb")  # noqa: SIM115 (closed in stop())
        process = subprocess.Popen(  # noqa: S603 (our own commands, no shell)
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        self.processes.append((name, process, log))
        return process

    def manage(self, name, *args):
        return self.spawn(name, str(BIN / "python"), str(ROOT / "manage.py"), *args)

    def start_server(self):
        port = free_port()
        name = f"server-{len(self.ports) + 1}"
        self.spawn(
            name,
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--timeout",
            "120",
        )
        self.ports.append(port)
        return port

    def wait_until_serving(self, port, limit=180):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                response = Browser("127.0.0.1").get(port, "/robots.txt")
                if response.status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        pytest.fail(f"the server on port {port} did not start:\n{self.logs()}")

    def check_alive(self):
        for name, process, _log in self.processes:
            if name.startswith(("server", "worker")) and process.poll() is not None:
                pytest.fail(f"{name} exited with {process.returncode}:\n{self.logs()}")

    def logs(self):
        return "\n".join(
            f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}"
            for path in sorted(self.tmp_path.glob("*.log"))
        )

    def stop(self):
        for _name, process, _log in self.processes:
            if process.poll() is None:
                process.terminate()
        for _name, process, log in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(10)
            log.close()


class Browser:
    """One visitor's cookies and address, over both servers, as behind the HTTPS proxy."""

    def __init__(self, address):
        self.address = address
        self.cookies = {}

    def request(self, method, port, path, data=None):
        origin = f"https://127.0.0.1:{port}"
        response = requests.request(
            method,
            f"http://127.0.0.1:{port}{path}",
            data=data,
            cookies=self.cookies,
            headers={
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": self.address,
                "Origin": origin,
                "Referer": origin + path,
            },
            allow_redirects=False,
            timeout=TIMEOUT,
        )
        # The cookies are Secure (production): a proxy would carry them over HTTPS.
        self.cookies.update(response.cookies.get_dict())
        return response

    def get(self, port, path):
        return self.request("GET", port, path)

    def post(self, port, path, data):
        return self.request("POST", port, path, data)


def form_data(html, **values):
    """What the browser sends for the page's intake form: its hidden fields and these values."""
    form = BeautifulSoup(html, "html.parser").select_one("form.intake-form")
    assert form is not None, "no intake form on the page"
    data = {
        field["name"]: field.get("value", "")
        for field in form.select("input[name]")
        if field.get("type") not in ("checkbox", "radio", "submit")
    }
    return form.get("action") or "/message/", {**data, **values}


def leave_a_message(visitor, number, form_port, post_port):
    """GET the form on one server, POST it to the other, read the thanks on the first."""
    page = visitor.get(form_port, "/message/")
    assert page.status_code == 200, page.text[:500]
    action, data = form_data(
        page.text,
        customer_name=f"訪客{number}",
        email=f"visitor{number}@example.com",
        subject=f"挖土機租賃詢價 {number}",
        question=f"請問 20 噸挖土機租三個月的價格？（第 {number} 位）",
    )
    return action, data, visitor.post(post_port, action, data)


@pytest.fixture
def cluster(postgres, tmp_path, form_page):
    """Two app servers and two task workers, started after the page tree exists."""
    running = Cluster(tmp_path)
    try:
        ports = [running.start_server(), running.start_server()]
        for port in ports:
            running.wait_until_serving(port)
        running.manage("worker-1", "db_worker", "--interval", "0.2", "--no-startup-delay")
        running.manage("worker-2", "db_worker", "--interval", "0.2", "--no-startup-delay")
        yield running
    finally:
        running.stop()


def wait_for_delivery(cluster, limit=180):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        cluster.check_alive()
        if not OutboundMessage.objects.filter(status=MessageStatus.QUEUED).exists():
            return
        time.sleep(0.5)
    pytest.fail(f"messages still queued after {limit}s:\n{cluster.logs()}")


def sent_emails(mail_dir):
    """Every email the servers' and workers' mail backend wrote: [recipient, ...]."""
    recipients = []
    for path in mail_dir.glob("*.log"):
        recipients += re.findall(r"^To: (.+)$", path.read_text(), flags=re.MULTILINE)
    return recipients


def test_two_servers_two_workers_and_two_cron_runs_do_everything_exactly_once(cluster):
    a, b = cluster.ports
    cs = UserFactory(username="cs_multi", roles=[roles.CUSTOMER_SERVICE])
    # The servers check passwords with the production hashers, not the tests' fast one.
    hasher = PBKDF2PasswordHasher()
    cs.password = hasher.encode(PASSWORD, hasher.salt())
    cs.save(update_fields=["password"])
    overdue = [ConsultationFactory(channel=cluster_channel()) for _ in range(OVERDUE)]
    Consultation.objects.filter(pk__in=[c.pk for c in overdue]).update(
        due_at=timezone.now() - timedelta(hours=1)
    )

    # Visitors, each from their own address, over both servers at once.
    def visit(number):
        visitor = Browser(f"198.51.100.{number + 1}")
        form_port, post_port = (a, b) if number % 2 else (b, a)
        action, data, response = leave_a_message(visitor, number, form_port, post_port)
        assert response.status_code == 302, response.text[:2000]
        thanks = visitor.get(form_port, response.headers["Location"])  # the other server
        resent = visitor.post(form_port, action, data)  # a double click reaching the other one
        return data["email"], thanks, resent

    with ThreadPoolExecutor(max_workers=6) as pool:
        visits = list(pool.map(visit, range(VISITORS)))

    for email, thanks, resent in visits:
        record = Consultation.objects.get(email=email)  # exactly one: get() raises otherwise
        assert thanks.status_code == 200
        assert record.reference in thanks.text, "the session did not cross servers"
        assert resent.status_code == 302
    emails = [email for email, _thanks, _resent in visits]
    created = Consultation.objects.filter(email__in=emails)
    assert created.count() == VISITORS
    assert created.values("reference").distinct().count() == VISITORS
    for record in created:
        entries = ModelLogEntry.objects.filter(
            content_type__app_label="consultations", object_id=str(record.pk)
        )
        assert entries.count() == 1, list(entries.values_list("action", flat=True))

    # One rate limit across the servers: the sixth message from one address is refused.
    flood = Browser("203.0.113.7")
    answers = [
        leave_a_message(flood, 1000 + n, a, (a, b)[n % 2])[2].status_code
        for n in range(RATE_LIMIT + 1)
    ]
    assert answers == [302] * RATE_LIMIT + [429]

    # A staff member logs in on one server and works on the other.
    staff = Browser("10.1.2.3")
    login = staff.get(a, "/admin/login/")
    token = BeautifulSoup(login.text, "html.parser").select_one("input[name=csrfmiddlewaretoken]")[
        "value"
    ]
    signed_in = staff.post(
        a,
        "/admin/login/",
        {"username": cs.username, "password": PASSWORD, "csrfmiddlewaretoken": token},
    )
    assert signed_in.status_code == 302, signed_in.text[:2000]
    assert staff.get(b, "/admin/").status_code == 200, "the admin session did not cross servers"

    def answer(consultation, port):
        path = reverse(
            "wagtailsnippets_consultations_consultation:transition",
            args=(consultation.pk, "answer"),
        )
        return staff.post(
            port,
            path,
            {
                "from_state": ConsultationState.RECEIVED,
                "reply": "20 噸挖土機月租 9 萬元，已電話說明",
                "note": "",
                "csrfmiddlewaretoken": staff.cookies["csrftoken"],
            },
        ).status_code

    # The same answer sent to both servers at the same moment is applied once.
    targets = list(created.order_by("pk")[:6])
    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = list(pool.map(answer, targets * 2, [a] * len(targets) + [b] * len(targets)))
    assert set(statuses) == {302}
    for consultation in targets:
        consultation.refresh_from_db()
        assert consultation.state == ConsultationState.ANSWERED
        answered = ModelLogEntry.objects.filter(
            object_id=str(consultation.pk), action__endswith=".answer"
        )
        assert answered.count() == 1

    # Two cron hosts start the periodic command at the same moment.
    runs = [cluster.manage(f"cron-{n}", "run_periodic_jobs") for n in (1, 2)]
    for run in runs:
        assert run.wait(300) == 0, cluster.logs()
    for consultation in overdue:
        consultation.refresh_from_db()
        assert consultation.escalated_at is not None
        escalations = ModelLogEntry.objects.filter(
            object_id=str(consultation.pk),
            content_type__app_label="consultations",
            action="core.escalate",
        )
        assert escalations.count() == 1
    digests = list(OutboundMessage.objects.filter(template="core/escalation", recipient_user=cs))
    for consultation in overdue:
        assert sum(consultation.reference in m.body for m in digests) == 1, consultation.reference

    # A third run right after does nothing new.
    before = (ModelLogEntry.objects.count(), OutboundMessage.objects.count())
    assert cluster.manage("cron-3", "run_periodic_jobs").wait(300) == 0, cluster.logs()
    assert (ModelLogEntry.objects.count(), OutboundMessage.objects.count()) == before

    # Every message was delivered once, by one of the two workers.
    wait_for_delivery(cluster)
    email_messages = OutboundMessage.objects.filter(channel=MessageChannel.EMAIL)
    assert email_messages.count() >= VISITORS + RATE_LIMIT
    assert set(email_messages.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert set(email_messages.values_list("attempts", flat=True)) == {1}
    delivered = sent_emails(cluster.mail_dir)
    assert sorted(delivered) == sorted(email_messages.values_list("recipient_address", flat=True))
    answered_emails = {consultation.email for consultation in targets}
    for email in emails:
        # The acknowledgement, and the answer for those answered above: each exactly once.
        assert delivered.count(email) == 1 + (email in answered_emails), email


def cluster_channel():
    from contact.models import ChannelKind, ConsultationChannel

    return ConsultationChannel.objects.get(kind=ChannelKind.WEBSITE)
