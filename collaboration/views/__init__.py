"""Views of the collaboration app: authoring, the proposal page, workflow, lists."""
