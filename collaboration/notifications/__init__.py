"""Who is told what about the collaboration app's objects: a proposal's moves, a new
discussion entry, a need's moves (each through :func:`kamakura_portal.inbox.notify`)."""
