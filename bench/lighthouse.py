"""Lighthouse scores of the public pages on a phone profile (issue 14: 95 or more in every category).

Serves the demo site the way production does (DEBUG off, collectstatic, gunicorn, WhiteNoise) from a throwaway
data folder, runs Lighthouse (npm `lighthouse`, pinned in package.json) with Debian's Chromium headless (never a
downloaded browser) on each public page, and prints each category's score. Exits 1 when a score is under the goal.

    make node_modules/.installed   # once: npm ci
    .venv/bin/python bench/lighthouse.py            # seeds a demo site in a temporary folder (about two minutes)
    .venv/bin/python bench/lighthouse.py --data DIR  # a data folder seed_demo already filled (DATA_DIR)

Scores are Lighthouse's own (0-100); "http" pages on 127.0.0.1 count as secure for Lighthouse, as they would
behind the production site's HTTPS. The tracking page's SEO score is printed but not counted: it is never indexed.
"""

import argparse
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = [
    "/",
    "/complaints/new/",
    "/complaints/track/",
    "/surveys/",
    "/sessions/",
    "/dashboard/",
    "/dashboard/training/",
]
# Tracking pages are never indexed (by design, they are about one person's complaint): their SEO score is left out.
NEVER_INDEXED = {"/complaints/track/"}
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
GOAL = 95


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def _seed(data: Path) -> None:
    env = {**os.environ, "DATA_DIR": str(data), "DEBUG": "1", "DEMO_MODE": "1"}
    _manage(env, "migrate", "--noinput")
    _manage(env, "createcachetable")
    _manage(env, "seed_demo")


def _serve(data: Path, port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATA_DIR": str(data),
        "DEBUG": "0",
        "DEMO_MODE": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": f"http://127.0.0.1:{port}",
        "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0",
        "STATIC_ROOT": str(data / "static"),
    }
    _manage(env, "collectstatic", "--noinput")
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


def _lighthouse(url: str) -> dict[str, int]:
    out = subprocess.run(
        [
            str(ROOT / "node_modules/.bin/lighthouse"),
            url,
            "--quiet",
            "--output=json",
            "--form-factor=mobile",
            f"--only-categories={','.join(CATEGORIES)}",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    report = json.loads(out)
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="a DATA_DIR seed_demo already filled")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        data = args.data or Path(scratch)
        if not args.data:
            _seed(data)
        port = _free_port()
        server = _serve(data, port)
        worst = 100
        try:
            print(f"{'page':28} " + " ".join(f"{name:>15}" for name in CATEGORIES))
            for page in PAGES:
                scores = _lighthouse(f"http://127.0.0.1:{port}{page}")
                counted = [value for name, value in scores.items() if not (name == "seo" and page in NEVER_INDEXED)]
                worst = min(worst, *counted)
                cells = [
                    f"{scores[name]}{'*' if name == 'seo' and page in NEVER_INDEXED else ''}" for name in CATEGORIES
                ]
                print(f"{page:28} " + " ".join(f"{cell:>15}" for cell in cells))
            print("* never indexed by design (noindex): not counted")
        finally:
            server.terminate()
        print(f"worst score {worst} (goal {GOAL} or more in every category): {'met' if worst >= GOAL else 'NOT met'}")
        return 0 if worst >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
