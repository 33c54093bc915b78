"""Reference data of the consultation log: the centre's consultation topics (相談分野).

The topics are a table, so another centre can keep its own list; these are Kamakura's.
Loading is idempotent and keyed on the code: it adds the topics that are missing and never
overwrites one staff have renamed, reordered or retired since. The first migration runs it
too, so a migrated database always has them.
"""

from __future__ import annotations

from typing import Any

TOPICS = (
    ("founding", "設立"),
    ("funding", "資金・助成金"),
    ("people", "人材・担い手"),
    ("accounting", "会計・税務"),
    ("management", "組織運営"),
    ("collaboration", "協働"),
    ("publicity", "広報・IT"),
    ("venue", "活動場所"),
    ("other", "その他"),
)


def load_topics(model: Any = None) -> int:
    """Add the missing topics (``model``: the migration's historical ``Topic``)."""
    from .models import Topic

    topic = model or Topic
    for order, (code, name) in enumerate(TOPICS, start=1):
        topic.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order})
    return len(TOPICS)
