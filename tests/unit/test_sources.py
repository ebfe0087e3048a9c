"""The outlet shown beside a figure: the host of its source URL."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from etl.store import outlet


@pytest.mark.parametrize(
    "url",
    [
        "https://www.kompas.com/read/2023/06/09/tppo",
        "https://WWW.Antaranews.COM/berita/1?x=2#y",
        "http://user:secret@humas.polri.go.id:8080/a",
        "https://voi.id",
        "http://[2001:db8::1]:80/x",
        "https://sintetis.invalid/rilis/99-2",
    ],
)
def test_outlet_is_the_host_without_www(url):
    host = urlparse(url).hostname
    assert outlet(url) == (host[4:] if host.startswith("www.") else host)


@pytest.mark.parametrize("url", [None, "", "kompas.com/berita", "mailto:humas@polri.go.id"])
def test_no_outlet_without_a_web_host(url):
    assert outlet(url) is None
