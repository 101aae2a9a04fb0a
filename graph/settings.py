"""Settings read from the environment (``CMQ_*``), validated once, injected everywhere.

``graph`` owns them because the engines need them; ``api`` re-exports them.
"""

from __future__ import annotations

import ipaddress
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, field_validator

from graph.editors import Editor, parse_tokens

ENV_PREFIX = "CMQ_"


class Settings(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    graph_uri: str = Field(
        default="embedded",
        description=(
            "'embedded' (FalkorDB started by the app in data_dir), 'falkordb://host:port' "
            "(a running FalkorDB), 'bolt://', 'neo4j://', 'neo4j+s://' (Neo4j 5), or "
            "'neo4j-local' (Neo4j 5 started by the app in data_dir/neo4j, needs Java 17 and "
            "Maven: tools/neo4j-local)."
        ),
    )
    graph_name: Annotated[str, Field(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,40}$")] = "cmq"
    data_dir: Path = Path(".cmq-data")
    neo4j_user: str = "neo4j"
    neo4j_password: str = ""
    neo4j_database: str = "neo4j"
    query_timeout_ms: Annotated[int, Field(ge=100, le=600_000)] = 10_000
    host: str = "127.0.0.1"
    port: Annotated[int, Field(ge=1, le=65535)] = 8000
    frontend_dir: Path = Path("frontend/dist")
    api_tokens: str = Field(
        default="",
        repr=False,
        description="Bearer tokens allowed to edit: 'name:token,name2:token2' (tokens of at "
        "least 16 characters); 'name:token:campus-a|campus-b' limits a token to those campuses. "
        "Empty = editing disabled, unless demo is on.",
    )
    demo: bool = Field(
        default=False, description="Demo mode (make run): the token 'demo' may edit, as 'demo'."
    )
    demo_public: bool = Field(
        default=False,
        description="Allow demo mode on an interface other than loopback (anyone who reaches "
        "the server may then edit with the well-known token 'demo').",
    )
    header_timeout_s: Annotated[float, Field(gt=0, le=300)] = Field(
        default=10.0,
        description="cmq serve closes a connection whose request headers are not complete "
        "this long after their first byte (slow or stalled clients).",
    )
    report_slots: Annotated[int, Field(ge=1, le=64)] = Field(
        default=2,
        description="Gap reports and pathway searches computed at once (others wait, holding "
        "no thread: /health and cheap reads stay fast).",
    )
    edit_slots: Annotated[int, Field(ge=1, le=64)] = Field(
        default=4, description="Edits running at once (others wait, holding no thread)."
    )
    rate_limit_per_minute: Annotated[int, Field(ge=0, le=100_000)] = Field(
        default=0,
        description="Costly requests (gaps, pathways, maps, networks) per minute and client "
        "address for anonymous clients; 0 = no limit.",
    )
    rate_limit_burst: Annotated[int, Field(ge=1, le=100_000)] = Field(
        default=30, description="How many costly requests a client may make at once."
    )
    cors_origins: str = Field(
        default="",
        description="Web origins allowed to read the API from a browser (CORS, GET only), "
        "comma-separated, e.g. 'https://carte.example.org'; empty = same origin only.",
    )
    seeds_dir: Path = Path("seeds")
    version_poll_s: Annotated[float, Field(ge=0, le=3600)] = Field(
        default=2.0,
        description="How often (seconds) a server reads the graph's version to refill its "
        "caches after a write made elsewhere, e.g. a CLI import (graph/version_watch.py); "
        "0 = only when a request comes.",
    )
    pathway_preload: bool = Field(
        default=True,
        description="Fill the pathway search's cache in the background when the API starts and "
        "after every change of the graph (graph/pathways/data.py).",
    )
    pathway_snapshot: bool = Field(
        default=True,
        description="Read the pathway cache from data_dir/pathway-cache instead of the database "
        "when a file of the graph's exact version is there (graph/pathways/snapshot.py): about "
        "a quarter of the preload's CPU, the same memory. The file is written by a process that "
        "serves nothing: cmq load and cmq import once they have written, cmq serve before its "
        "workers start when there is none; an API worker never writes it (docs/performance.md, "
        "snap23).",
    )
    map_preload: bool = Field(
        default=True,
        description="Compute the map's first view (the whole country) in the background when "
        "the API starts and after every change of the graph the version watch sees, so that "
        "the first visit finds it ready (graph/version_watch.py).",
    )
    gc_idle_s: Annotated[float, Field(ge=0, le=60)] = Field(
        default=0.25,
        description="A server makes the cyclic garbage collector's full collections once no "
        "request has been in flight for this many seconds, then freezes what survived, instead "
        "of letting one land in an answer (graph/gc_idle.py); 0 = Python's own schedule.",
    )
    pathway_answer_cache: bool = Field(
        default=True,
        description="Keep each pathway answer's JSON for the graph's version, so that the same "
        "question asked again is answered without searching (per process, dropped by any write; "
        "graph/pathways/data.py).",
    )

    @property
    def pathway_snapshot_dir(self) -> Path | None:
        """The directory of the pathway cache's snapshots (graph/pathways/snapshot.py), None
        when they are off (or the cache is not preloaded: nothing would read them)."""
        if not (self.pathway_snapshot and self.pathway_preload):
            return None
        return self.data_dir / "pathway-cache"

    @field_validator("graph_uri")
    @classmethod
    def _known_scheme(cls, v: str) -> str:
        schemes = (
            "embedded",
            "neo4j-local",
            "falkordb://",
            "redis://",
            "bolt://",
            "neo4j://",
            "neo4j+s://",
            "bolt+s://",
            "unix://",
        )
        if not v.startswith(schemes):
            raise ValueError(f"CMQ_GRAPH_URI must start with one of {', '.join(schemes)}")
        return v

    @field_validator("api_tokens")
    @classmethod
    def _tokens_well_formed(cls, v: str) -> str:
        parse_tokens(v)
        return v

    def editors(self) -> dict[str, Editor]:
        """token -> editor (name, and the campuses it may edit; None = all)."""
        out = parse_tokens(self.api_tokens)
        if self.demo and not out:
            out["demo"] = Editor("demo")
        return out

    def demo_exposure(self) -> str | None:
        """Why serving these settings would open editing to anyone, or None.

        Demo mode lets the well-known token ``demo`` edit: on a non-loopback interface that is
        every visitor. It must be asked for twice (CMQ_DEMO and CMQ_DEMO_PUBLIC / --demo-public).
        """
        if not self.demo or self.demo_public or self.api_tokens.strip() or is_loopback(self.host):
            return None
        return (
            f"demo mode (CMQ_DEMO) lets anyone edit with the token 'demo', and {self.host!r} is "
            "not a loopback interface. Serve on 127.0.0.1, set CMQ_API_TOKENS, or confirm with "
            "--demo-public (CMQ_DEMO_PUBLIC=1)."
        )

    @property
    def engine(self) -> str:
        return "neo4j" if self.graph_uri.startswith(("bolt", "neo4j")) else "falkordb"

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> Settings:
        env = dict(os.environ if env is None else env)
        values = {
            name: env[ENV_PREFIX + name.upper()]
            for name in cls.model_fields
            if ENV_PREFIX + name.upper() in env
        }
        return cls.model_validate(values)


def is_loopback(host: str) -> bool:
    """Whether ``host`` (an address or ``localhost``) only accepts local connections."""
    if host.lower() in ("localhost", "localhost."):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # another host name: it may resolve to a public interface


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings.from_env()
