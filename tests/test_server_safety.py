"""A server safe to expose: size limit and tokens checked before the body, Host allow-list, JSON errors."""

from __future__ import annotations

import asyncio
import copy
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from claimgraph.api.app import create_app
from claimgraph.cli.main import cli
from claimgraph.settings import Settings, load_settings

TOKEN = "write-token-for-safety-tests"
READ = "read-token-for-safety-tests"


@pytest.fixture(scope="module")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over an empty store of this module, with a write token."""
    s = load_settings()
    s.store.url = f"sqlite:///{tmp_path_factory.mktemp('safety') / 'safe.db'}"
    s.api.token = TOKEN
    return s


def _client(settings: Settings, **api: Any) -> TestClient:
    s = copy.deepcopy(settings)
    for key, value in api.items():
        setattr(s.api, key, value)
    return TestClient(create_app(s))


def _auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_big_body_without_token_is_refused_before_it_is_read(settings: Settings) -> None:
    """Drive the ASGI app directly: a refused request must never pull its body."""
    app = create_app(settings)
    pulled: list[int] = []
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        pulled.append(1)
        return {"type": "http.request", "body": b"x" * 1024, "more_body": True}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    for headers in ([(b"content-length", str(100 * 2**20).encode()), (b"host", b"127.0.0.1")],
                    [(b"content-length", b"20"), (b"host", b"127.0.0.1")]):
        pulled.clear()
        sent.clear()
        scope = {"type": "http", "method": "POST", "path": "/api/ingest", "headers": headers, "query_string": b"",
                 "http_version": "1.1", "scheme": "http", "server": ("127.0.0.1", 80), "client": ("1.2.3.4", 1),
                 "root_path": ""}
        asyncio.run(app(scope, receive, send))
        assert not pulled, "the body was read before the request was refused"
        assert sent[0]["status"] in (401, 413)
        assert json.loads(sent[-1]["body"])["detail"]


def test_oversized_body_is_413_even_with_the_token(settings: Settings) -> None:
    with _client(settings, max_body_bytes=1000) as client:
        r = client.post("/api/ingest", content=b'{"text": "' + b"a" * 5000 + b'"}', headers=_auth())
        assert r.status_code == 413 and "detail" in r.json()

        def chunks() -> Any:  # no Content-Length: the limit is enforced as the body streams in
            for _ in range(10):
                yield b"a" * 500

        r = client.post("/api/ingest", content=chunks(), headers={**_auth(), "content-type": "application/json"})
        assert r.status_code == 413


@pytest.mark.parametrize("body,status", [
    ('{"text": "The Amber League met.", "published": "2020-13-45"}', 422),
    ('{"text": "The Amber League met.", "published": "last week"}', 422),
    ('{"text": "The Amber League met.", "url": "javascript:alert(1)"}', 422),
    ('{"text": "lone \\ud800 surrogate"}', 422),
    ('{"text": "ok", "id": "' + "i" * 300 + '"}', 422),
    ('{"text": ["a", "b"]}', 422),
    ("[" * 3000 + "]" * 3000, None),
    ('{"text": ', 422),
])
def test_malformed_input_is_a_4xx_json_error(settings: Settings, body: str, status: int | None) -> None:
    with _client(settings) as client:
        r = client.post("/api/ingest", content=body.encode("utf-8", "surrogatepass"),
                        headers={**_auth(), "content-type": "application/json"})
        assert 400 <= r.status_code < 500 if status is None else r.status_code == status, r.text
        assert "json" in r.headers["content-type"]
        assert "detail" in r.json()


def test_foreign_host_is_refused(settings: Settings) -> None:
    with _client(settings, allowed_hosts=["127.0.0.1", "localhost"]) as client:
        assert client.get("/api/claims", headers={"host": "evil.example"}).status_code == 421
        assert client.get("/api/claims", headers={"host": "localhost:8765"}).status_code == 200


def test_read_token_guards_every_read(settings: Settings) -> None:
    with _client(settings, read_token=READ) as client:
        assert client.get("/api/claims").status_code == 401
        assert client.get("/").status_code == 401
        assert client.get("/api/claims", headers=_auth(READ)).status_code == 200
        assert client.get("/api/claims", headers=_auth(TOKEN)).status_code == 200  # the write token reads too
        first = client.get("/", params={"token": READ})
        assert first.status_code == 200 and "claimgraph_token" in first.headers.get("set-cookie", "")
        assert client.get("/api/claims").status_code == 200  # the cookie now carries the token


def test_serve_refuses_a_public_bind_without_a_read_token(monkeypatch: pytest.MonkeyPatch, settings: Settings,
                                                          tmp_path: Path) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.delenv("CLAIMGRAPH_API_TOKEN", raising=False)
    monkeypatch.delenv("CLAIMGRAPH_API_READ_TOKEN", raising=False)
    db = settings.store.url
    refused = CliRunner().invoke(cli, ["--db", db, "serve", "--host", "0.0.0.0"])
    assert refused.exit_code != 0 and "read token" in refused.output and not calls
    (tmp_path / "write.token").write_text(TOKEN + "\n", encoding="utf-8")
    (tmp_path / "read.token").write_text(READ + "\n", encoding="utf-8")
    ok = CliRunner().invoke(cli, ["--db", db, "serve", "--host", "0.0.0.0", "--token-file",
                                  str(tmp_path / "write.token"), "--read-token-file", str(tmp_path / "read.token")])
    assert ok.exit_code == 0, ok.output
    api = calls[0]["app"].state.settings.api
    assert api.token == TOKEN and api.read_token == READ
    assert "127.0.0.1" in api.allowed_hosts and "0.0.0.0" not in api.allowed_hosts
    assert TOKEN not in ok.output and READ not in ok.output
