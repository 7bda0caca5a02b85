"""Signed and sealed tokens (mr_dashboard/tokens.py)."""
import base64
import zlib

import pytest

from mr_dashboard import tokens

VALUE = {"files": {"env.yaml": "parameters: {db_password: s3cret-pass}"}}


def test_a_sealed_value_comes_back_for_its_purpose_only():
    token = tokens.seal(VALUE, "launch.draft")
    assert tokens.unseal(token, "launch.draft") == VALUE
    with pytest.raises(tokens.BadToken):
        tokens.unseal(token, "events.marker")
    with pytest.raises(tokens.BadToken):
        tokens.unseal(token, "launch.draft", scope="another-project")


def test_a_sealed_value_cannot_be_read_in_the_token():
    token = tokens.seal(VALUE, "launch.draft")
    raw = base64.urlsafe_b64decode(token.encode())
    assert b"s3cret-pass" not in raw
    with pytest.raises(zlib.error):
        zlib.decompress(raw[57:-32])  # Fernet's ciphertext, still encrypted
    signed = tokens.dumps(VALUE, "launch.draft")
    assert tokens.loads(signed, "launch.draft") == VALUE  # signed only: readable


@pytest.mark.parametrize("token", ["", "not-a-token", "gAAAAA" + "A" * 100])
def test_a_token_not_sealed_here_is_refused(token):
    with pytest.raises(tokens.BadToken):
        tokens.unseal(token, "launch.draft")


def test_a_changed_sealed_token_is_refused():
    token = tokens.seal(VALUE, "launch.draft")
    changed = token[:40] + ("A" if token[40] != "A" else "B") + token[41:]
    with pytest.raises(tokens.BadToken):
        tokens.unseal(changed, "launch.draft")


def test_an_old_sealed_token_is_refused(monkeypatch):
    token = tokens.seal(VALUE, "launch.draft")
    import time
    now = time.time()
    monkeypatch.setattr(time, "time", lambda: now + 3600)
    with pytest.raises(tokens.BadToken):
        tokens.unseal(token, "launch.draft", max_age=60)
    assert tokens.unseal(token, "launch.draft", max_age=7200) == VALUE
