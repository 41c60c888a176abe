"""The container and service recipes agree with the project: what they copy and install
exists, what they start is a real console script and command, the database sits on the
volume (or the one writable folder), secrets stay out of the image, and the container's
health check answers for a sound and a damaged database.

Building the image needs a container engine, which CI does not have; README's "Running it in
production" gives the commands."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path, PurePosixPath

import pytest
import yaml

from bot.app import build_application_registry
from bot.config import Settings
from tests.cli_helpers import Cli, natosg_env

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SCRIPTS = PYPROJECT["project"]["scripts"]


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.lstrip().startswith("#")]
    joined = re.sub(r"\\\n", " ", "\n".join(lines))
    pairs = []
    for line in joined.splitlines():
        if line.strip():
            word, _, rest = line.strip().partition(" ")
            pairs.append((word.upper(), rest.strip()))
    return pairs


def _all(instruction: str) -> list[str]:
    return [rest for word, rest in _dockerfile() if word == instruction]


def _env() -> dict[str, str]:
    env: dict[str, str] = {}
    for rest in _all("ENV"):
        for part in shlex.split(rest):
            name, _, value = part.partition("=")
            env[name] = value
    return env


def _unit() -> dict[str, list[str]]:
    """The systemd unit's settings: each key with every value given to it."""
    settings: dict[str, list[str]] = {}
    for line in (ROOT / "deploy" / "natosg.service").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith(("#", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def test_the_image_starts_from_python_slim_and_runs_as_its_own_user() -> None:
    base = _all("ARG")[0].partition("=")[2]
    assert re.fullmatch(r"python:3\.1[1-9]-slim", base), base
    requires = PYPROJECT["project"]["requires-python"]
    assert requires == ">=3.11" and base.startswith("python:3.1")
    users = _all("USER")
    assert users and users[-1] not in ("root", "0"), "the bot must not run as root"
    assert any(f"useradd --system --uid 10001 --gid {users[-1]}" in run for run in _all("RUN"))


def test_the_image_copies_what_exists_and_installs_from_pyproject_and_the_lock() -> None:
    for rest in _all("COPY"):
        *sources, _ = rest.split()
        for source in sources:
            assert (ROOT / source).exists(), f"Dockerfile copies {source}, which does not exist"
    packages = set(PYPROJECT["tool"]["setuptools"]["packages"]["find"]["include"])
    copied = {rest.split()[0] for rest in _all("COPY")}
    assert {name.rstrip("*") for name in packages} <= copied
    runs = " ".join(_all("RUN"))
    assert "-c requirements.lock" in runs and "['project']['dependencies']" in runs
    assert "pip install --no-deps -c requirements.lock ." in runs


def test_the_image_starts_a_real_command_with_the_database_on_its_volume() -> None:
    (entrypoint,) = _all("ENTRYPOINT")
    (command,) = _all("CMD")
    script = json.loads(entrypoint)[0]
    assert script in SCRIPTS and SCRIPTS[script] == "bot.cli:entry"
    words = json.loads(command)
    assert words[0] in {c.name for c in build_application_registry()} | {"run"}
    env = _env()
    (volume,) = (json.loads(rest)[0] for rest in _all("VOLUME"))
    assert PurePosixPath(env["NATOSG_DB"]).parent == PurePosixPath(volume)
    assert any(f"chown natosg:natosg {volume}" in run for run in _all("RUN"))
    seeds = PurePosixPath(env["NATOSG_SEEDS"])
    assert seeds.name == "seeds" and any(rest.startswith("seeds ") for rest in _all("COPY"))
    (health,) = _all("HEALTHCHECK")
    assert '"-m", "bot.health"' in health
    exposed = _all("EXPOSE")
    assert exposed == [str(Settings().slack_port)]


def test_the_example_env_file_does_not_move_the_database_off_the_volume() -> None:
    # `docker run --env-file .env` would put the database in the read-only code folder.
    example = (ROOT / ".env.example").read_text(encoding="utf-8").splitlines()
    assigned = {line.split("=", 1)[0] for line in example if re.match(r"[A-Z_]+=", line)}
    assert "NATOSG_DB" not in assigned and "SLACK_HOST" not in assigned


def test_secrets_and_databases_stay_out_of_the_image() -> None:
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    for pattern in (".env", "*.db", "*.db-wal", ".venv", ".git"):
        assert pattern in ignored, pattern


def test_compose_keeps_the_database_on_a_named_volume_and_reads_dot_env() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    service = compose["services"]["natosg"]
    assert service["env_file"] == ".env" and service["build"] == "."
    database = PurePosixPath(service["environment"]["NATOSG_DB"])
    assert database == PurePosixPath(_env()["NATOSG_DB"])
    mounts = dict(volume.split(":", 1) for volume in service["volumes"])
    assert mounts, "a volume for the database"
    (name, target), *_ = mounts.items()
    assert name in compose["volumes"], "a named volume, kept across container rebuilds"
    assert PurePosixPath(target) == database.parent
    host, _, inside = service["ports"][0].split(":")
    assert host == "127.0.0.1" and inside == str(Settings().slack_port)
    assert service["environment"]["SLACK_HOST"] == "0.0.0.0"


def test_the_service_unit_runs_the_bot_as_its_own_user_in_a_hardened_sandbox() -> None:
    unit = _unit()
    (exec_start,) = unit["ExecStart"]
    program, *arguments = shlex.split(exec_start)
    assert PurePosixPath(program).name in SCRIPTS and arguments == ["run"]
    checkout = PurePosixPath(unit["WorkingDirectory"][0])
    assert PurePosixPath(program).is_relative_to(checkout), "the checkout's own virtualenv"
    assert unit["User"] == ["natosg"] and unit["Restart"] == ["on-failure"]
    assert unit["EnvironmentFile"] and unit["NoNewPrivileges"] == ["true"]
    assert unit["ProtectSystem"] == ["strict"]
    env = dict(value.split("=", 1) for value in unit["Environment"])
    database_dir = PurePosixPath(env["NATOSG_DB"]).parent
    assert str(database_dir) in unit["ReadWritePaths"][0].split()
    assert PurePosixPath("/var/lib") / unit["StateDirectory"][0] == database_dir
    assert PurePosixPath(env["NATOSG_SEEDS"]) == checkout / "seeds"


def test_readme_gives_the_build_and_run_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Running it in production" in readme
    for command in (
        "docker build -t natosg .",
        "docker run --rm -it -v natosg-data:/data natosg",
        "docker compose up -d --build",
        "deploy/natosg.service",
    ):
        assert command in readme, command


@pytest.mark.parametrize("damaged", [False, True])
def test_the_container_health_check_answers_for_the_database(
    cli: Cli, db_path: Path, seeds_dir: Path, damaged: bool
) -> None:
    cli.run("ingest", str(seeds_dir))
    if damaged:
        for leftover in db_path.parent.glob(db_path.name + "-*"):
            leftover.unlink()
        db_path.write_bytes(b"garbage " * 1000)
    done = subprocess.run(
        [sys.executable, "-m", "bot.health"],
        env=natosg_env(db_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    body = json.loads(done.stdout)
    if damaged:
        assert done.returncode == 1 and body["status"] == "unavailable"
        assert "damaged" in body["reason"]
    else:
        assert done.returncode == 0 and body["status"] == "ok"
        assert body["schema_version"] > 0 and body["last_ingest_at"]
    assert "Traceback" not in done.stderr
