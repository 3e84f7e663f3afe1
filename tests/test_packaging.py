"""What a user installs is what runs: the wheel carries every bundled file and finds it from anywhere."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# The repository's folders and the packages the build installs them as (pyproject.toml).
DATA_FOLDERS = {"assets": "kiosk/assets", "config": "kiosk/data"}


def repository_files(folder: str) -> list[Path]:
    return sorted(
        path
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    )


def test_every_package_in_the_source_tree_is_built() -> None:
    built = set(PYPROJECT["tool"]["setuptools"]["packages"])
    in_tree = {
        ".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "kiosk").rglob("__init__.py")
    }
    assert in_tree - built == set(), "add these packages to [tool.setuptools] packages in pyproject.toml"


# Left-overs of earlier builds in the checkout (build/, *.egg-info) would hide a file the build misses.
NOT_SOURCES = shutil.ignore_patterns(".*", "build", "dist", "*.egg-info", "__pycache__", "venv")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("source") / "open-spaces-kiosk"
    shutil.copytree(ROOT, source, ignore=NOT_SOURCES)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("open_spaces_kiosk-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return target


def test_the_wheel_carries_every_bundled_file_and_module(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"{package}/{path.relative_to(ROOT / folder).as_posix()}"
        for folder, package in DATA_FOLDERS.items()
        for path in repository_files(folder)
    }
    expected |= {
        path.relative_to(ROOT).as_posix()
        for path in repository_files("kiosk")
        if path.suffix in (".py", ".po", ".mo") or path.name == "py.typed"
    }
    assert expected - names == set()
    fonts = [name for name in names if name.startswith("kiosk/assets/fonts/") and name.endswith(".ttf")]
    assert len(fonts) == 9


def run_installed(site: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(site), "XDG_CACHE_HOME": str(cwd / "cache")}
    return subprocess.run([sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True)


FIND_EVERYTHING = """
import json, kiosk, kiosk.config, kiosk.render.fonts as f, kiosk.core.resources as r
fonts = [r.font_path(name) for face in f.CHAIN for name in (face.regular, face.bold)]
data = [r.bundled_config(), *(r.data_path(n) for n in (r.DEMO_SCHEDULE, r.SCHEMA, r.SERVICE, r.USER_SERVICE))]
found = fonts + data
print(json.dumps({"package": kiosk.__file__, "files": [str(p) for p in found],
                  "exist": all(p.is_file() for p in found), "default": str(kiosk.config.DEFAULT_CONFIG)}))
"""


def test_the_installed_package_finds_its_files_inside_itself(installed: Path, tmp_path: Path) -> None:
    found = run_installed(installed, tmp_path, "-c", FIND_EVERYTHING)
    assert found.returncode == 0, found.stderr
    report = json.loads(found.stdout)
    assert Path(report["package"]).is_relative_to(installed)
    assert report["exist"] and len(report["files"]) == 15
    assert all(Path(file).is_relative_to(installed / "kiosk") for file in report["files"])
    assert Path(report["default"]) == installed / "kiosk" / "data" / "kiosk.toml"


def test_the_installed_kiosk_checks_and_draws_the_demo_from_elsewhere(
    installed: Path, tmp_path: Path
) -> None:
    check = run_installed(installed, tmp_path, "-m", "kiosk", "check", "--json")
    assert check.returncode == 0, check.stderr
    assert len(json.loads(check.stdout)["sessions"]) > 5
    snapshot = run_installed(
        installed,
        tmp_path,
        "-m",
        "kiosk",
        "snapshot",
        "--page",
        "propose",
        "--output",
        str(tmp_path / "p.png"),
    )
    assert snapshot.returncode == 0, snapshot.stderr
    assert (tmp_path / "p.png").stat().st_size > 10_000
