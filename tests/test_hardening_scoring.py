"""Issue 12, the scoring job: resume keyed by content, one run per folder, clean temp files, workers that
die with their driver, clear errors for an unwritable output folder, a missing ONNX extra or a bad model.
Each test failed before its fix."""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claimcoder.cli import app
from claimcoder.data.errors import UserError
from claimcoder.scoring import JobError, ScoreOptions, run_score

from .test_score import ARTICLE, make_articles

runner = CliRunner()


def _opts(out: Path, model: Path, **kw) -> ScoreOptions:
    return ScoreOptions(out=out, model=model, progress=False, **{"chunk_size": 2, **kw})


def _interrupted(folder: Path, out: Path, model: Path, monkeypatch, **kw) -> None:
    """Score ``folder`` into ``out`` up to (not including) the final merge, like a run killed at the end."""
    import claimcoder.scoring.job as job

    def crash(*args, **kwargs):
        raise KeyboardInterrupt

    with monkeypatch.context() as m:
        m.setattr(job, "_finalise", crash)
        with pytest.raises(KeyboardInterrupt):
            run_score([folder], _opts(out, model, **kw))
    assert list((out / "parts").glob("part-*.json"))


# ------------------------------------------------------------------------------ resume keyed by content
def test_resume_rescores_edited_chunks_and_drops_vanished_ones(tiny_model_dir, tmp_path, monkeypatch):
    folder = make_articles(tmp_path / "in", 6)  # chunks: (art000, art001) (art002, art003) (art004, art005)
    out = tmp_path / "out"
    _interrupted(folder, out, tiny_model_dir, monkeypatch)
    (folder / "art001.txt").write_text("The council met on Monday. Lawmakers demanded an explanation from the "
                                       "agency and the mayor denied the allegations.", encoding="utf-8")
    (folder / "art004.txt").unlink()
    (folder / "art005.txt").unlink()
    stats = run_score([folder], _opts(out, tiny_model_dir, resume=True))
    fresh = tmp_path / "fresh"
    run_score([folder], _opts(fresh, tiny_model_dir))
    assert (out / "claims.jsonl").read_bytes() == (fresh / "claims.jsonl").read_bytes()
    assert (stats.chunks_resumed, stats.chunks_rescored, stats.articles_read) == (1, 1, 4)


def test_resume_rescores_chunks_written_with_another_release_columns(tiny_model_dir, tmp_path, monkeypatch):
    folder = make_articles(tmp_path / "in", 6)
    out = tmp_path / "out"
    _interrupted(folder, out, tiny_model_dir, monkeypatch)
    manifests = sorted((out / "parts").glob("part-*.json"))
    old = json.loads(manifests[0].read_text())
    del old["columns"]  # as a release before actor_confidence wrote it
    manifests[0].write_text(json.dumps(old))
    stats = run_score([folder], _opts(out, tiny_model_dir, resume=True))
    fresh = tmp_path / "fresh"
    run_score([folder], _opts(fresh, tiny_model_dir))
    assert (out / "claims.jsonl").read_bytes() == (fresh / "claims.jsonl").read_bytes()
    assert stats.chunks_rescored == 1 and stats.chunks_resumed == len(manifests) - 1


def test_resume_rescores_chunks_of_an_earlier_scorer_and_counts_their_cut_sentences(tiny_model_dir, tmp_path,
                                                                                   monkeypatch):
    """A chunk decoded by the previous release (no "scorer" in its manifest, no "truncated") is scored again,
    so one output never mixes two span decoders, and run.json counts the cut sentences of every chunk."""
    folder = make_articles(tmp_path / "in", 6)
    long = "The ministry said " + ", ".join(f"item {i} of the list" for i in range(40)) + "."
    (folder / "art000.txt").write_text(long, encoding="utf-8")
    out = tmp_path / "out"
    _interrupted(folder, out, tiny_model_dir, monkeypatch)
    manifests = sorted((out / "parts").glob("part-*.json"))
    old = json.loads(manifests[0].read_text())
    del old["scorer"], old["truncated"]  # as the previous release wrote it
    manifests[0].write_text(json.dumps(old))
    stats = run_score([folder], _opts(out, tiny_model_dir, resume=True))
    assert stats.chunks_rescored == 1 and stats.sentences_truncated == 1
    assert json.loads((out / "run.json").read_text())["truncated_examples"] == [
        {"doc_id": "art000", "sentence_index": 0}]


def test_resume_of_a_finished_run_whose_input_changed_is_refused(tiny_model_dir, tmp_path):
    folder = make_articles(tmp_path / "in", 4)
    out = tmp_path / "out"
    first = run_score([folder], _opts(out, tiny_model_dir))
    assert run_score([folder], _opts(out, tiny_model_dir, resume=True)).claims == first.claims  # unchanged: fine
    (folder / "art002.txt").write_text(ARTICLE.replace("Kremlin", "Elysee"), encoding="utf-8")
    with pytest.raises(JobError, match="input has changed since this run finished.*--overwrite"):
        run_score([folder], _opts(out, tiny_model_dir, resume=True))


# ------------------------------------------------------------------------------------------- the lock
def test_a_second_run_in_the_same_folder_is_refused(tiny_model_dir, tmp_path):
    import fcntl

    folder = make_articles(tmp_path / "in", 2)
    out = tmp_path / "out"
    out.mkdir()
    with open(out / ".claimcoder.lock", "w") as held:  # what a running claimcoder holds
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(JobError, match="in use by another claimcoder run"):
            run_score([folder], _opts(out, tiny_model_dir, resume=True))
        result = runner.invoke(app, ["score", str(folder), "--out", str(out), "--model", str(tiny_model_dir)])
        assert result.exit_code == 2 and "in use" in result.output
    assert run_score([folder], _opts(out, tiny_model_dir)).articles_read == 2  # released: runs


def test_a_killed_run_leaves_no_stale_lock(tmp_path):
    out = tmp_path / "out"
    code = ("import sys, time; from pathlib import Path; from claimcoder.scoring.job import locked\n"
            f"with locked(Path({str(out)!r})):\n    print('held', flush=True); time.sleep(600)")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "held"
        from claimcoder.scoring.job import locked

        with pytest.raises(JobError, match=f"pid {proc.pid}"):
            with locked(out):
                pass
    finally:
        proc.kill()
        proc.wait()
    with locked(out):  # the kernel dropped the dead process's lock
        pass


# ------------------------------------------------------------------------------------------ temp files
def test_temp_files_of_a_killed_run_are_removed_and_the_users_are_kept(tiny_model_dir, tmp_path, monkeypatch):
    folder = make_articles(tmp_path / "in", 4)
    out = tmp_path / "out"
    _interrupted(folder, out, tiny_model_dir, monkeypatch)
    ours = [out / ".claims.jsonl.k3j_9abc.tmp", out / ".run.json.a1b2c3d4.tmp",
            out / "parts" / ".part-000001.jsonl.zzzz0000.tmp"]
    theirs = [out / ".notes.txt.a1b2c3d4.tmp", out / "mine.tmp", out / ".claims.jsonl.short.tmp"]
    for p in ours + theirs:
        p.write_bytes(b"x" * 4096)
    run_score([folder], _opts(out, tiny_model_dir, resume=True))
    assert not [p for p in ours if p.exists()] and all(p.exists() for p in theirs)
    ours[0].write_bytes(b"x")  # and when a finished run is redone
    run_score([folder], _opts(out, tiny_model_dir, overwrite=True))
    assert not ours[0].exists()


# ------------------------------------------------------------------------------- unwritable output folder
@contextmanager
def _failing_writes(monkeypatch, under: Path, code: int):
    """Every file or folder created under ``under`` fails with ``code`` (a read-only or full disk)."""
    real_open, real_mkdir = os.open, os.mkdir

    def refuse(path) -> None:
        if str(os.fspath(path)).startswith(str(under)):
            raise OSError(code, os.strerror(code), os.fspath(path))

    def fake_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def fake_mkdir(path, *args, **kwargs):
        refuse(path)
        return real_mkdir(path, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(os, "open", fake_open)
        m.setattr(os, "mkdir", fake_mkdir)
        yield


def test_read_only_output_folder_is_a_clear_error(tiny_model_dir, tmp_path, monkeypatch):
    folder = make_articles(tmp_path / "in", 2)
    out = tmp_path / "out"
    out.mkdir()
    with _failing_writes(monkeypatch, out, errno.EROFS):
        with pytest.raises(JobError, match="Read-only file system.*EROFS") as err:
            run_score([folder], _opts(out, tiny_model_dir))
        assert str(out) in str(err.value)
        result = runner.invoke(app, ["score", str(folder), "--out", str(out), "--model", str(tiny_model_dir)])
        assert result.exit_code == 2 and "error: cannot write to the output folder" in result.output
    assert run_score([folder], _opts(out, tiny_model_dir, resume=True)).articles_read == 2


def test_full_disk_midway_is_a_clear_error_and_resume_finishes_the_run(tiny_model_dir, tmp_path, monkeypatch):
    import claimcoder.scoring.job as job

    folder = make_articles(tmp_path / "in", 6)
    reference = tmp_path / "ref"
    run_score([folder], _opts(reference, tiny_model_dir))
    out = tmp_path / "out"
    real = job.atomic_write

    @contextmanager
    def fills_up(path, *args, **kwargs):
        if Path(path).name == "part-000001.jsonl":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        with real(path, *args, **kwargs) as fh:
            yield fh

    with monkeypatch.context() as m:
        m.setattr(job, "atomic_write", fills_up)
        with pytest.raises(JobError, match="No space left on device.*ENOSPC.*--resume") as err:
            run_score([folder], _opts(out, tiny_model_dir))
    assert str(out) in str(err.value)
    stats = run_score([folder], _opts(out, tiny_model_dir, resume=True))
    assert stats.chunks_resumed == 1 and stats.articles_read == 6
    assert (out / "claims.jsonl").read_bytes() == (reference / "claims.jsonl").read_bytes()


# ------------------------------------------------------------------------------ a missing extra, a bad model
def test_int8_without_onnxruntime_fails_before_any_work(tiny_model_dir, tmp_path, monkeypatch):
    folder = make_articles(tmp_path / "in", 2)
    monkeypatch.setitem(sys.modules, "onnxruntime", None)
    with pytest.raises(UserError, match=r"pip install 'claimcoder\[onnx\]'"):
        run_score([folder], _opts(tmp_path / "out", tiny_model_dir, quantize="int8"))
    assert not (tmp_path / "out").exists()
    result = runner.invoke(app, ["score", str(folder), "--out", str(tmp_path / "o2"), "--model", str(tiny_model_dir),
                                 "--quantize", "int8"])
    assert result.exit_code == 2 and "claimcoder[onnx]" in result.output


def test_corrupt_weights_with_two_workers_is_the_clear_error(tiny_model_dir, tmp_path):
    model = Path(shutil.copytree(tiny_model_dir, tmp_path / "model", ignore=shutil.ignore_patterns("onnx")))
    weights = model / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:1000])
    folder = make_articles(tmp_path / "in", 4)
    with pytest.raises(UserError, match="not a readable safetensors") as err:  # the driver checks, before workers
        run_score([folder], _opts(tmp_path / "out", model, workers=2))
    assert str(weights) in str(err.value) and not (tmp_path / "out").exists()


def test_a_worker_that_cannot_load_the_model_reports_the_users_error(tmp_path):
    """What a worker process does (in-process here): its model error reaches the driver with the first chunk,
    as the user's error, instead of breaking the process pool."""
    import claimcoder.scoring.job as job
    from claimcoder.data.articles import Article
    from claimcoder.model.config import ModelFileError

    class BadSpec:
        def build(self):
            raise ModelFileError("/models/x/tokenizer.json: cannot load the tokenizer files")

    job._init_worker(BadSpec())
    with pytest.raises(ModelFileError, match="tokenizer.json"):
        job._score_chunk(0, [Article("a", "Text.")], tmp_path, "0" * 64)
    assert not list(tmp_path.iterdir())


# ------------------------------------------------------------------------------ workers die with the driver
def _children(pid: int) -> list[int]:
    """Worker processes (multiprocessing spawn) whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid and b"spawn_main" in cmdline:
            found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")  # a zombie has exited; only its parent's wait is missing


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_with_a_killed_driver(tiny_model_dir, tmp_path):
    folder = make_articles(tmp_path / "in", 400)
    out = tmp_path / "out"
    code = ("from pathlib import Path; from claimcoder.scoring import ScoreOptions, run_score; "
            f"run_score([Path({str(folder)!r})], ScoreOptions(out=Path({str(out)!r}), "
            f"model=Path({str(tiny_model_dir)!r}), workers=2, chunk_size=1, progress=False))")
    driver = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 300  # both workers import torch and load the model first
        while time.time() < deadline and len(list((out / "parts").glob("part-*.json"))) < 4:
            assert driver.poll() is None, "the run ended before it could be killed"
            time.sleep(0.02)
        workers = _children(driver.pid)
        assert len(workers) == 2
    finally:
        driver.send_signal(signal.SIGKILL)
        driver.wait()
    deadline = time.time() + 5
    while time.time() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers), "workers outlived their driver"
    written = len(list((out / "parts").glob("part-*.json")))
    time.sleep(1)
    assert len(list((out / "parts").glob("part-*.json"))) == written < 400


def test_progress_estimate_counts_txt_files_as_the_reader_does(tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    for name in ("a.txt", "B.TXT", "sub/c.Txt", "notes.md"):
        (folder / name).write_text("Text.", encoding="utf-8")
    from claimcoder.data.articles import iter_articles
    from claimcoder.scoring import job

    assert job._count_articles([folder]) == 3 == sum(1 for _ in iter_articles([folder]))


def _summarize(path: Path, *extra: str):
    return runner.invoke(app, ["summarize", str(path), "--out", str(path.parent / "s"), *extra])


@pytest.mark.parametrize("content, message", [
    (b'{"doc_id": "a", "type": null}\n[1, 2]\n', ":2: (line): not a JSON object"),
    (b'{"doc_id": "a", "type": null}\n{"doc_id": "\xff"}\n', ":2: (encoding): not valid UTF-8"),
    (b'{"id": "a1", "text": "The mayor denied it."}\n', ":1: doc_id: missing: this is not a claims row"),
])
def test_reading_a_claims_file_that_is_not_one_is_an_error_naming_file_and_line(tmp_path, content, message):
    path = tmp_path / "claims.jsonl"
    path.write_bytes(content)
    result = _summarize(path)
    assert result.exit_code == 2 and message in result.output and str(path) in result.output, result.output


def test_a_claims_table_without_doc_id_and_a_confidence_that_is_not_a_number_are_named(tmp_path):
    table = tmp_path / "articles.csv"
    table.write_text("id,text\na1,The mayor denied it.\n", encoding="utf-8")
    result = _summarize(table)
    assert result.exit_code == 2 and "doc_id: no such column" in result.output
    claims = tmp_path / "claims.jsonl"
    claims.write_text(json.dumps({"doc_id": "a", "type": "denial", "source_actor": "Mayor",
                                  "source_actor_confidence": "high"}) + "\n", encoding="utf-8")
    result = _summarize(claims, "--min-confidence", "0.5")
    assert result.exit_code == 2 and "source_actor_confidence 'high', not a number" in result.output


def test_reading_an_unfinished_run_says_to_resume_it(tmp_path):
    run = tmp_path / "run"
    (run / "parts").mkdir(parents=True)
    (run / "parts" / "settings.json").write_text("{}", encoding="utf-8")
    (run / "parts" / "part-000000.jsonl").write_text('{"doc_id": "a", "type": null}\n', encoding="utf-8")
    for path in (run, run / "parts"):
        for command in (["summarize", str(path), "--out", str(tmp_path / "s")],
                        ["export", "events", str(path), "--date-field", "date", "--out", str(tmp_path / "e")]):
            result = runner.invoke(app, command)
            assert result.exit_code == 2 and "has not finished" in result.output and "--resume" in result.output


def test_a_folder_of_jsonl_files_is_refused_and_an_empty_input_is_warned_of(tiny_model_dir, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "news.jsonl").write_text('{"id": "a", "text": "The mayor denied it."}\n', encoding="utf-8")
    result = runner.invoke(app, ["score", str(folder), "--out", str(tmp_path / "o"), "--model", str(tiny_model_dir)])
    assert result.exit_code == 2 and "no .txt articles in this folder" in result.output
    assert str(folder / "news.jsonl") in result.output
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["score", str(empty), "--out", str(tmp_path / "o2"), "--model", str(tiny_model_dir)])
    assert result.exit_code == 0 and "warning: no article was read" in result.output


def test_out_that_is_a_file_and_input_that_is_a_device_are_named_for_what_they_are(tiny_model_dir, tmp_path):
    out = tmp_path / "claims.txt"
    out.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["score", str(make_articles(tmp_path / "in", 1)), "--out", str(out), "--model",
                                 str(tiny_model_dir)])
    assert result.exit_code == 2 and "--out is a file; give a folder" in result.output
    assert out.read_text(encoding="utf-8") == "x"
    result = runner.invoke(app, ["evaluate", os.devnull, "--model", str(tiny_model_dir)])
    assert result.exit_code == 2 and "not a regular file" in result.output


def test_a_record_without_the_named_id_field_is_skipped_and_listed(tiny_model_dir, tmp_path):
    src = tmp_path / "news.jsonl"
    src.write_text('{"url": "u1", "text": "The mayor denied it."}\n{"text": "The council denied it."}\n',
                   encoding="utf-8")
    out = tmp_path / "o"
    result = runner.invoke(app, ["score", str(src), "--id-field", "url", "--out", str(out), "--model",
                                 str(tiny_model_dir)])
    assert result.exit_code == 0 and "articles read 2, scored 1, failed 1" in result.output
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(errors) == 1 and "no 'url' (--id-field)" in errors[0]["reason"] and errors[0]["doc_id"].endswith(":2")
