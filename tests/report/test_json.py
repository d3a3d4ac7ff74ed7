"""The JSON report: every field, stable keys, enums as strings, a schema, and a full round trip."""

from __future__ import annotations

import dataclasses
import json
import typing
from typing import Any

import jsonschema
import pytest

from citecheck import model
from citecheck.model import Report
from citecheck.report import render
from citecheck.report.json import generate_schema, load_report, report_to_dict, schema


def test_the_json_report_validates_against_the_shipped_schema(rich_report: Report) -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    jsonschema.Draft202012Validator(schema()).validate(json.loads(render(rich_report, "json")))


def test_the_schema_rejects_an_unknown_verdict(rich_report: Report) -> None:
    data = report_to_dict(rich_report)
    data["verifications"][0]["wording"] = "perfect"
    with pytest.raises(jsonschema.ValidationError, match="perfect"):
        jsonschema.validate(data, schema(), cls=jsonschema.Draft202012Validator)


def test_the_schema_describes_every_field_of_every_model_record() -> None:
    definitions = schema()["$defs"]
    for name, definition in definitions.items():
        cls = getattr(model, name)
        if dataclasses.is_dataclass(cls):
            assert list(definition["properties"]) == [f.name for f in dataclasses.fields(cls)], name


def test_the_round_trip_rebuilds_the_same_report(rich_report: Report) -> None:
    assert load_report(render(rich_report, "json")) == rich_report


def test_the_round_trip_keeps_the_secondhand_chain(rich_report: Report) -> None:
    rebuilt = load_report(render(rich_report, "json"))
    (secondhand,) = [v for v in rebuilt.verifications if v.chain]
    assert secondhand.chain[0].edition is not None
    assert secondhand.chain[0].edition.identifiers.internetarchive == ("britishagent00lock",)


def test_keys_come_in_model_order_with_the_schema_version_first(rich_report: Report) -> None:
    data = report_to_dict(rich_report)
    assert list(data)[:3] == ["schema_version", "document", "citations"]
    assert data["schema_version"] == 1


def test_enums_are_written_as_their_string_values(rich_report: Report) -> None:
    data = report_to_dict(rich_report)
    assert data["verifications"][1]["wording"] == "altered"
    assert data["verifications"][4]["page"] == "other_page"
    assert data["citations"][0]["quotation"]["kind"] == "title"


def test_spans_are_objects_with_start_and_end(rich_report: Report) -> None:
    span: dict[str, Any] = report_to_dict(rich_report)["citations"][1]["quotation"]["span"]
    text = rich_report.document.text
    assert text[span["start"] : span["end"]] == "The redistribution of industry led to growth."


def test_a_report_of_another_schema_version_is_refused(rich_report: Report) -> None:
    data = report_to_dict(rich_report)
    data["schema_version"] = 2
    with pytest.raises(ValueError, match="schema_version 2"):
        load_report(json.dumps(data))


def test_a_malformed_field_is_named_in_the_error(rich_report: Report) -> None:
    data = report_to_dict(rich_report)
    data["verifications"][0]["found_pages"] = "253"
    with pytest.raises(ValueError, match=r"report\.verifications\[0\]\.found_pages"):
        load_report(json.dumps(data))


def test_text_that_is_not_json_is_refused_clearly() -> None:
    with pytest.raises(ValueError, match="not a JSON report"):
        load_report("<html>")


def test_json_keeps_non_ascii_text_readable(rich_report: Report) -> None:
    assert "“" in render(rich_report, "json")


def test_every_report_field_is_in_the_json(rich_report: Report) -> None:
    hints = typing.get_type_hints(Report)
    assert set(report_to_dict(rich_report)) == {"schema_version", *hints}


def test_the_talks_report_validates_and_survives_the_round_trip(talk_report: Report) -> None:
    text = render(talk_report, "json")
    jsonschema.Draft202012Validator(schema()).validate(json.loads(text))
    assert load_report(text) == talk_report


def test_the_shipped_schema_is_the_one_the_model_gives() -> None:
    # after a change to the model, regenerate: json.dumps(generate_schema(), indent=2) > schema.json
    assert schema() == generate_schema()
