"""The collaboration app's status machines (run by :func:`kamakura_portal.workflow.
transition`): proposals and department needs."""
