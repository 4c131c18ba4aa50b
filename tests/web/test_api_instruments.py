"""GET /api/instruments and /api/instruments/{id}."""

from __future__ import annotations

from django.test import Client
from tests.web.helpers import assert_error_shape

from twofold.core.instrument import Instrument


def test_it_lists_the_built_in_instruments(client: Client, tlmi: Instrument) -> None:
    response = client.get("/api/instruments")
    assert response.status_code == 200
    [listed] = response.json()
    assert listed["ref"] == tlmi.ref
    assert (listed["items"], listed["scales"]) == (48, 16)


def test_it_returns_an_instrument(client: Client, tlmi: Instrument) -> None:
    response = client.get("/api/instruments/tlmi")
    body = response.json()
    assert response.status_code == 200
    assert (body["id"], body["version"], body["schema"]) == ("tlmi", "1.0", tlmi.schema_)
    assert body["scales"][0]["items"][0]["self"] == tlmi.scales[0].items[0].self_text
    assert body["response_scale"]["labels"]["1"] == "Rarely"


def test_it_404s_for_an_unknown_instrument(client: Client) -> None:
    error = assert_error_shape(client.get("/api/instruments/nope"), 404)
    assert error["details"] == ["tlmi"]
