"""The phones bench's scenarios (bench/README.md, the table under `bench_phones.py`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    phones: int
    arrival: float  # s over which the phones arrive (burst: join, then all send in 1 s)
    kind: str  # answers | votes | push
    burst: bool = False
    think: tuple[float, float] = (2.0, 6.0)  # s from the page to the send
    p95_target: float | None = None  # s, the send (answers) or the cast (votes)
    rss_target_mb: float | None = None
    no_errors: bool = False
    stall_target: float | None = None  # s: the longest time nothing completed while pending
    push_target: float | None = None  # s: voting opened -> every stream shows it (p95)
    revote: float = 0.0  # share of voters who change their ballot 2-6 s later


SCENARIOS = {
    "burst200": Scenario(
        "burst200",
        "200 joined phones send answers in the same second",
        200,
        15.0,
        "answers",
        burst=True,
        p95_target=0.3,
    ),
    "ramp1000": Scenario(
        "ramp1000",
        "1000 phones join and send over 60 s",
        1000,
        60.0,
        "answers",
        p95_target=0.2,
        rss_target_mb=1024,
        no_errors=True,
    ),
    "vburst500": Scenario(
        "vburst500",
        "500 joined voters cast in the same second",
        500,
        20.0,
        "votes",
        burst=True,
        p95_target=1.0,
    ),
    "vramp500": Scenario(
        "vramp500",
        "500 voters join and cast over 60 s",
        500,
        60.0,
        "votes",
        think=(3.0, 10.0),
        p95_target=0.2,
        stall_target=1.0,
        revote=0.1,
    ),
    "push500": Scenario(
        "push500",
        "500 open streams; voting opens",
        500,
        20.0,
        "push",
        push_target=2.0,
    ),
    "beamer": Scenario(
        "beamer",
        "50 phones over 15 s: the beamer's lag and idle cost",
        50,
        15.0,
        "answers",
    ),
}
GROUPS = {"all": "burst200,ramp1000,vburst500,vramp500,push500,beamer"}
