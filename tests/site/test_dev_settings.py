"""Development settings: notification links point at the server as it runs."""

import pytest

from config.settings.dev import running_address


@pytest.mark.parametrize(
    "argv, environ, expected",
    [
        (["manage.py", "runserver", "127.0.0.1:8101"], {}, "http://127.0.0.1:8101"),
        (["manage.py", "runserver", "8101"], {}, "http://127.0.0.1:8101"),
        (["manage.py", "runserver", "--noreload", "0.0.0.0:8102"], {}, "http://127.0.0.1:8102"),
        (
            ["manage.py", "load_demo"],
            {"RSD_HOST": "127.0.0.1", "RSD_PORT": "8101"},
            "http://127.0.0.1:8101",
        ),
        (["manage.py", "runserver"], {"RSD_PORT": "8103"}, "http://127.0.0.1:8103"),
        (["manage.py", "load_demo"], {}, "http://127.0.0.1:8000"),
    ],
)
def test_links_use_the_running_address_and_port(argv, environ, expected):
    assert running_address(argv, environ) == expected
