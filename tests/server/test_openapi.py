from __future__ import annotations

import json

import pytest
from openapi_spec_validator import validate

from statsref.schema import query_schema, response_schema
from statsref.server.openapi import COMPONENTS, build_openapi


@pytest.fixture(scope="module")
def document() -> dict:
    return build_openapi(query_schema(), response_schema())


def refs(node) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + [
            r for v in node.values() for r in refs(v)
        ]
    if isinstance(node, list):
        return [r for v in node for r in refs(v)]
    return []


def resolve(document: dict, ref: str):
    node = document
    for part in ref.removeprefix("#/").split("/"):
        node = node[part]
    return node


@pytest.mark.parametrize("proxy", [False, True])
def test_document_is_valid_openapi_3_1(proxy):
    document = build_openapi(query_schema(), response_schema(), proxy=proxy)
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert ("/api/proxy/v2/query" in document["paths"]) is proxy


def test_query_operation_references_both_schemas(document):
    operation = document["paths"]["/api/v2/query"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert body == {"$ref": COMPONENTS + "Query"}
    assert set(operation["responses"]) == {"200", "400", "401", "402", "413", "415", "429"}
    for response in operation["responses"].values():
        assert response["content"]["application/json"]["schema"] == {
            "$ref": COMPONENTS + "Response"
        }


def test_schemas_are_listed_with_every_definition(document):
    schemas = document["components"]["schemas"]
    assert schemas["Query"]["properties"].keys() == query_schema()["properties"].keys()
    assert schemas["Response"]["oneOf"]
    for prefix, schema in (("Query", query_schema()), ("Response", response_schema())):
        for name in schema["$defs"]:
            assert f"{prefix}.{name}" in schemas


def test_every_reference_resolves_inside_the_document(document):
    found = refs(document)
    assert found
    for ref in found:
        assert ref.startswith(COMPONENTS), ref
        resolve(document, ref)


def test_annotations_are_kept(document):
    metric = json.dumps(document["components"]["schemas"]["Query.metric"])
    assert "x-value-type" in metric


def test_references_between_schemas_are_rewritten():
    query = {"$id": "https://x.example/q.json", "$defs": {"a b": {"type": "string"}},
             "properties": {"p": {"$ref": "#/$defs/a b"}, "q": {"$ref": "#"}}}  # fmt: skip
    response = {"$id": "https://x.example/r.json",
                "properties": {"echo": {"$ref": "q.json"},
                               "m": {"$ref": "https://x.example/q.json#/$defs/a b/type"},
                               "p": {"$ref": "q.json#/properties/p"}}}  # fmt: skip
    schemas = build_openapi(query, response)["components"]["schemas"]
    assert schemas["Query"]["properties"] == {
        "p": {"$ref": COMPONENTS + "Query.a_b"},
        "q": {"$ref": COMPONENTS + "Query"},
    }
    assert schemas["Response"]["properties"] == {
        "echo": {"$ref": COMPONENTS + "Query"},
        "m": {"$ref": COMPONENTS + "Query.a_b/type"},
        "p": {"$ref": COMPONENTS + "Query/properties/p"},
    }
