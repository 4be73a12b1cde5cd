import json, pytest
from claimcoder.data import read_jsonl, DataError, Actor

def _w(tmp_path, span_extra):
    rec = {"id": "a-0", "doc_id": "a", "text": "He denied it.", "claims": [
        {"type": "denial", "source": {"start": 0, "end": 2, "text": "He", **span_extra}, "target": None}]}
    p = tmp_path / "x.jsonl"; p.write_text(json.dumps(rec) + "\n"); return p

def test_actor_round_trip(tmp_path):
    actor = {"name": "Ash Carter", "kind": "person", "code": None, "affiliation": "USA"}
    s = read_jsonl(_w(tmp_path, {"actor": actor}))[0]
    assert s.claims[0].source.actor == Actor("Ash Carter", "person", None, "USA")
    assert s.to_dict()["claims"][0]["source"]["actor"] == actor

def test_no_actor_stays_absent(tmp_path):
    s = read_jsonl(_w(tmp_path, {}))[0]
    assert s.claims[0].source.actor is None and "actor" not in s.to_dict()["claims"][0]["source"]

@pytest.mark.parametrize("actor,field", [({"name": "", "kind": "person"}, "actor.name"),
                                         ({"name": "X", "kind": "nation"}, "actor.kind"),
                                         ({"name": "X", "kind": "other", "code": 3}, "actor.code"), ("USA", "actor"),
                                         ({"name": "Russia", "code": "RUS"}, "actor.kind")])  # no kind: not "other"
def test_bad_actor_named(tmp_path, actor, field):
    with pytest.raises(DataError) as e:
        read_jsonl(_w(tmp_path, {"actor": actor}))
    assert f"claims[0].source.{field}" in str(e.value) and ":1" in str(e.value)
