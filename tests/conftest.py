"""Shared fixtures.

`neo4j_settings`: the real Neo4j server the tests talk to, from NEO4J_URI, NEO4J_USER and
NEO4J_PASSWORD (`eval "$(bash scripts/neo4j.sh start)"` sets them; `make test` does it for you).
Without them the Neo4j tests skip, except under CI=true, where they fail: CI must not pass by
skipping. `neo4j_clean` also empties the database first (Community has one user database, so
each test starts from `MATCH (n) DETACH DELETE n`).
"""
from __future__ import annotations

import os

import pytest


def _neo4j_env() -> dict[str, str] | None:
    env = {k: os.environ.get(k, "") for k in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD")}
    if not env["NEO4J_URI"] or not env["NEO4J_PASSWORD"]:
        return None
    env["NEO4J_USER"] = env["NEO4J_USER"] or "neo4j"
    return env


@pytest.fixture(scope="session")
def neo4j_settings():
    """Settings for the test server (graphkit.stores.neo4j.Neo4jSettings)."""
    from graphkit.stores.neo4j import Neo4jSettings

    env = _neo4j_env()
    if env is None:
        msg = ("no Neo4j server: set NEO4J_URI, NEO4J_USER and NEO4J_PASSWORD "
               "(eval \"$(bash scripts/neo4j.sh start)\") or run `make test`")
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true: {msg}", pytrace=False)
        pytest.skip(msg)
    return Neo4jSettings(uri=env["NEO4J_URI"], user=env["NEO4J_USER"],
                         password=env["NEO4J_PASSWORD"], database=os.environ.get("NEO4J_DATABASE") or None)


@pytest.fixture
def neo4j_clean(neo4j_settings):
    """An empty database (schema kept): every node and relationship deleted, in batches."""
    from graphkit.stores.neo4j import connect

    driver = connect(neo4j_settings)
    try:
        with driver.session(database=neo4j_settings.database) as session:
            while session.run("MATCH (n) WITH n LIMIT 20000 DETACH DELETE n "
                              "RETURN count(*) AS n").single()["n"]:
                pass
    finally:
        driver.close()
    return neo4j_settings
