"""The demo conveniences work exactly as the README prints them."""

import os
import re
import shlex
import subprocess
from pathlib import Path

from accounts.demo import DEMO_TOTP_SECRET
from accounts.mfa import current_totp_code

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def _plain_shell_env(tmp_path):
    """What an operator's shell has: none of the suite's settings or switches."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DEMO_MODE", "DJANGO_SETTINGS_MODULE"}}
    env.update(DATA_DIR=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3")
    return env


def test_the_demo_mfa_code_command_printed_in_the_readme_prints_the_current_code(tmp_path):
    command = re.search(r"`([^`]*manage\.py demo_mfa_code[^`]*)`", README).group(1)
    # The period may turn while the command runs: either code is right.
    before = current_totp_code(DEMO_TOTP_SECRET)
    result = subprocess.run(
        shlex.split(command), cwd=ROOT, env=_plain_shell_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in {before, current_totp_code(DEMO_TOTP_SECRET)}


def test_make_run_serves_on_the_port_asked_for_and_mail_links_follow_it(tmp_path):
    result = subprocess.run(
        ["make", "-n", "run", "PORT=8001"], cwd=ROOT, env=_plain_shell_env(tmp_path), capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "runserver --noreload 127.0.0.1:8001" in result.stdout
    for line in result.stdout.splitlines():
        if "manage.py" in line and "DEBUG=1" in line:
            assert "SITE_URL=http://127.0.0.1:8001" in line
    assert "127.0.0.1:8000" not in result.stdout
