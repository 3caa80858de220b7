"""A value changed without a new last_verified date is reported, by
comparing the facts files with a git revision in a temporary repository."""

import os
import subprocess

import pytest

from build_tools.facts import history as fact_history
from build_tools.facts.history import GitError, changed_files, unverified_changes
from project import AS_OF, SOURCE_LANG, WAGE_FACT, line_of, run_build, run_tools

WAGE = WAGE_FACT
NEW_VALUE = "      valid_from: 2026-01-01\n      valid_until: 2026-12-31\n    - value: 350.00\n      valid_from: 2027-01-01\n"
WARNING = (
    "facts/x.yml:10: fact 'wage': its values changed but 'last_verified' still says 2026-11-01; "
    "set it to the day you checked the new value"
)


def git(repo, *args):
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """A repository whose last commit has facts/x.yml = WAGE."""
    git(tmp_path, "init", "-q")
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts/x.yml").write_text(WAGE, encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "facts")
    return tmp_path


def edit(repo, old, new, name="facts/x.yml"):
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def warnings(repo, since="HEAD"):
    return [str(problem) for problem in unverified_changes(repo / "facts", repo, since)]


def test_new_value_without_new_last_verified_is_reported(repo):
    edit(repo, "      valid_from: 2026-01-01\n", NEW_VALUE)
    assert warnings(repo) == [WARNING]


def test_changed_figure_is_reported(repo):
    edit(repo, "value: 315.04", "value: 315.40")
    assert warnings(repo) == [WARNING]


def test_changed_dates_are_reported(repo):
    edit(repo, "valid_until: 2025-12-31", "valid_until: 2025-11-30")
    edit(repo, "valid_from: 2026-01-01", "valid_from: 2025-12-01")
    assert warnings(repo) == [WARNING]


def test_new_value_with_new_last_verified_is_not_reported(repo):
    edit(repo, "      valid_from: 2026-01-01\n", NEW_VALUE)
    edit(repo, "last_verified: 2026-11-01", "last_verified: 2026-12-02")
    assert warnings(repo) == []


def test_changes_that_are_not_values_are_not_reported(repo):
    edit(repo, "confidence: high", "confidence: medium\n  note: \"Revisado.\"")
    edit(repo, "value: 278.80", "value: 278.8")  # the same number
    assert warnings(repo) == []


def test_staged_changes_count_too(repo):
    edit(repo, "value: 315.04", "value: 315.40")
    git(repo, "add", ".")
    assert warnings(repo) == [WARNING]


def test_new_file_and_new_fact_are_not_reported(repo):
    (repo / "facts/y.yml").write_text(WAGE.replace("wage:", "other:"), encoding="utf-8")
    git(repo, "add", ".")  # in the index, not in the last commit
    (repo / "facts/z.yml").write_text(WAGE.replace("wage:", "third:"), encoding="utf-8")  # untracked
    (repo / "facts/x.yml").write_text(WAGE + "\n" + WAGE.replace("wage:", "fourth:"), encoding="utf-8")
    assert warnings(repo) == []


def test_clean_checkout_costs_one_git_call(repo, monkeypatch):
    calls = []
    real = fact_history._git
    monkeypatch.setattr(fact_history, "_git", lambda args, cwd: calls.append(args) or real(args, cwd))
    assert warnings(repo) == []
    assert len(calls) == 1


def test_file_only_touched_costs_no_more_git_calls(repo, monkeypatch):
    path = repo / "facts/x.yml"
    later = path.stat().st_mtime + 100
    os.utime(path, (later, later))  # git no longer trusts its record of the file
    calls = []
    real = fact_history._git
    monkeypatch.setattr(fact_history, "_git", lambda args, cwd: calls.append(args) or real(args, cwd))
    assert warnings(repo) == []
    assert len(calls) == 1


def test_compare_with_another_revision(repo):
    git(repo, "checkout", "-q", "-b", "review")
    edit(repo, "      valid_from: 2026-01-01\n", NEW_VALUE)
    git(repo, "commit", "-q", "-am", "new wage")
    assert warnings(repo) == []  # nothing differs from the last commit
    [message] = warnings(repo, since="HEAD~1")
    assert message == WARNING.replace("its values changed", "its values changed since HEAD~1")


def test_facts_in_a_subfolder_of_the_repository(tmp_path):
    project = tmp_path / "site"
    (project / "facts").mkdir(parents=True)
    (project / "facts/x.yml").write_text(WAGE, encoding="utf-8")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "facts")
    edit(project, "value: 315.04", "value: 315.40")
    assert changed_files(project / "facts") == ["x.yml"]
    assert warnings(project) == [WARNING]


def test_unknown_revision_is_an_error(repo):
    with pytest.raises(GitError, match="bad revision 'no-such-branch'"):
        unverified_changes(repo / "facts", repo, "no-such-branch")
    with pytest.raises(GitError):
        unverified_changes(repo / "facts", repo, "--output=x")


def test_repository_without_commits_cannot_compare(tmp_path):
    git(tmp_path, "init", "-q")
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts/x.yml").write_text(WAGE, encoding="utf-8")
    with pytest.raises(GitError):  # the build and `facts` without --since then report nothing
        unverified_changes(tmp_path / "facts", tmp_path)


def test_not_a_repository_reports_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # do not find a repository above
    (tmp_path / "facts").mkdir()
    (tmp_path / "facts/x.yml").write_text(WAGE, encoding="utf-8")
    assert warnings(tmp_path) == []


def test_without_git_nothing_is_reported(repo, monkeypatch):
    edit(repo, "value: 315.04", "value: 315.40")
    monkeypatch.setenv("PATH", str(repo / "no-bin"))
    assert warnings(repo) == []


def run_facts_command(project, *args):
    return run_tools(project, "facts", "--as-of", AS_OF.isoformat(), *args, timeout=120)


def test_facts_command_warns_and_strict_fails(project_copy):
    git(project_copy, "init", "-q")
    git(project_copy, "add", "facts")
    git(project_copy, "commit", "-q", "-m", "facts")
    assert "its values changed" not in run_facts_command(project_copy).stdout
    salarios = project_copy / "facts/salarios.yml"
    line = line_of(salarios, "last_verified:", after="salario_minimo.general:")
    said = salarios.read_text(encoding="utf-8").splitlines()[line - 1].split(":", 1)[1].strip()
    edit(project_copy, "    - value: 315.04\n", "    - value: 315.40\n", "facts/salarios.yml")
    expected = (
        f"facts/salarios.yml:{line}: fact 'salario_minimo.general': its values changed but "
        f"'last_verified' still says {said}; set it to the day you checked the new value"
    )
    plain = run_facts_command(project_copy)
    assert plain.returncode == 0 and f"WARNING: {expected}" in plain.stdout, plain.stdout + plain.stderr
    strict = run_facts_command(project_copy, "--strict")
    assert strict.returncode == 1 and f"ERROR: {expected}" in strict.stdout
    unknown = run_facts_command(project_copy, "--since", "no-such-branch")
    assert unknown.returncode == 1
    assert "cannot compare the facts with 'no-such-branch'" in unknown.stderr
    assert "Traceback" not in unknown.stderr


@pytest.mark.build
def test_build_warns_and_strict_build_fails(project_copy, tmp_path):
    git(project_copy, "init", "-q")
    git(project_copy, "add", "facts")
    git(project_copy, "commit", "-q", "-m", "facts")
    line = line_of(project_copy / "facts/salarios.yml", "last_verified:", after="salario_minimo.general:")
    edit(project_copy, "    - value: 315.04\n", "    - value: 315.40\n", "facts/salarios.yml")
    # The facts are checked once for the run, whichever languages it builds: Spanish alone
    result = run_build(project_copy, tmp_path / "a", only_lang=SOURCE_LANG)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Fact values changed without a new 'last_verified'" in output
    assert f"facts/salarios.yml:{line}: fact 'salario_minimo.general': its values changed" in output
    strict = run_build(project_copy, tmp_path / "b", extra_env={"DC_STRICT_FACTS": "true"}, only_lang=SOURCE_LANG)
    assert strict.returncode != 0
    assert f"facts/salarios.yml:{line}:" in strict.stdout + strict.stderr
    assert "Traceback" not in strict.stdout + strict.stderr
