"""The Redis cache backend (kamakura_portal.redis_cache): Django's, its client kept."""

from __future__ import annotations

from typing import Any

from django.core.cache import cache, caches

from kamakura_portal.redis_cache import RedisCache


def test_the_cache_is_ours_and_reuses_one_client() -> None:
    assert isinstance(caches["default"], RedisCache)
    backend: Any = caches["default"]
    client = backend._cache.get_client("key")
    assert backend._cache.get_client("other", write=True) is client


def test_every_operation_still_works() -> None:
    assert cache.add("kept:a", 1)
    assert not cache.add("kept:a", 2)
    assert cache.incr("kept:a") == 2
    cache.set_many({"kept:b": "文字", "kept:c": [1, 2]})
    assert cache.get_many(["kept:a", "kept:b", "kept:c", "kept:d"]) == {
        "kept:a": 2,
        "kept:b": "文字",
        "kept:c": [1, 2],
    }
    assert cache.delete("kept:b")
    assert cache.get("kept:b", "gone") == "gone"
