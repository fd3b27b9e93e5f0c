import pytest

from indicators import sources
from indicators.sources import Source


@pytest.fixture
def calls():
    """Fake resolvers for projects and reports, recording the keys each call received."""
    received = []

    def projects(keys):
        received.append(("project", keys))
        return {key: Source(label=f"Project {key.split(':')[1]}", url=f"/p/{key}/") for key in keys}

    def reports(keys):
        received.append(("report", keys))
        return {key: Source(label="Report", url=None, detail="accepted") for key in keys[:1]}

    sources.register_resolver("test.project", projects)
    sources.register_resolver("test.report", reports)
    yield received
    sources.unregister_resolver("test.project")
    sources.unregister_resolver("test.report")


def test_each_resolver_is_called_once_with_all_its_keys(calls):
    resolved = sources.resolve(
        ["test.project:1", "test.report:7", "test.project:2", "test.project:1", "test.report:8"]
    )

    assert calls == [
        ("project", ["test.project:1", "test.project:2"]),
        ("report", ["test.report:7", "test.report:8"]),
    ]
    assert resolved == {
        "test.project:1": Source(label="Project 1", url="/p/test.project:1/"),
        "test.project:2": Source(label="Project 2", url="/p/test.project:2/"),
        "test.report:7": Source(label="Report", url=None, detail="accepted"),
        "test.report:8": Source(label="test.report:8", url=None),
    }


def test_keys_nobody_resolves_fall_back_to_the_ledgers_label_or_themselves(calls):
    resolved = sources.resolve(
        ["other.thing:3", "no-colon", "test.report:9", "test.report:10"],
        labels={"other.thing:3": "SLC-2568-0003", "test.report:10": "month_6"},
    )

    assert resolved == {
        "other.thing:3": Source(label="SLC-2568-0003"),
        "no-colon": Source(label="no-colon"),
        "test.report:9": Source(label="Report", detail="accepted"),
        "test.report:10": Source(label="month_6"),
    }


def test_nothing_to_resolve_calls_nobody(calls):
    assert sources.resolve([]) == {}
    assert calls == []


def test_an_unregistered_prefix_is_no_longer_resolved(calls):
    sources.unregister_resolver("test.project")

    assert sources.resolve(["test.project:1"]) == {"test.project:1": Source(label="test.project:1")}
    assert calls == []


@pytest.mark.parametrize("prefix", ["", "proposals.proposal:1"])
def test_a_prefix_is_the_part_before_the_colon(prefix):
    with pytest.raises(ValueError):
        sources.register_resolver(prefix, lambda keys: {})
