"""The real app on a loopback port: a fresh instance folder with the demo data, served by waitress.

Used by the browser tests (one server per test session) and by bench/page_budget.py.
"""
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "demo12345"


@dataclass(frozen=True)
class LiveServer:
    url: str
    instance_path: Path
    log_path: Path

    def log_tail(self, lines: int = 40) -> str:
        if not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def app_environment(instance_path: Path) -> dict[str, str]:
    env = dict(os.environ)
    for name in [key for key in env if key.startswith("KMAPP_") or key == "DATABASE_URL"]:
        del env[name]  # the live server must not pick up a developer's own database or settings
    env.update({
        "KMAPP_INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": secrets.token_hex(32),
        "PYTHONPATH": str(PROJECT_ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
    })
    return env


def prepare_demo_instance(instance_path: Path, env: dict[str, str]) -> None:
    """`flask init-db` then `flask seed-demo`, as an operator would run them."""
    for command in ("init-db", "seed-demo"):
        done = subprocess.run([sys.executable, "-m", "flask", "--app", "kmapp", command],
                              cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)
        if done.returncode != 0:
            raise RuntimeError(f"flask {command} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")


def copy_demo_instance(seeded: Path, instance_path: Path) -> None:
    """A private copy of an instance folder that prepare_demo_instance filled (database, index,
    uploads): the tests seed the demo once per run and each server writes to its own copy."""
    shutil.copytree(seeded, instance_path)


def wait_until_healthy(url: str, process: subprocess.Popen, log_path: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"waitress exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url}/healthz did not answer 200 within {timeout:.0f} s:\n{log_path.read_text()}")


@contextmanager
def demo_server(workdir: Path, seeded: Path | None = None):
    """Yield a LiveServer over a new demo instance under `workdir` (a copy of `seeded`, an instance
    prepare_demo_instance filled, when given); stop it on exit."""
    instance_path = workdir / "instance"
    env = app_environment(instance_path)
    if seeded:
        copy_demo_instance(seeded, instance_path)
    else:
        prepare_demo_instance(instance_path, env)
    port = free_port()
    log_path = workdir / "waitress.log"
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "waitress", f"--listen=127.0.0.1:{port}", "--threads=4",
             "--call", "kmapp:create_app"],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    server = LiveServer(url=f"http://127.0.0.1:{port}", instance_path=instance_path, log_path=log_path)
    try:
        wait_until_healthy(server.url, process, log_path)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
