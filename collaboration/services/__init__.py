"""The collaboration app's writes, named as verbs: proposals and their sections, department
needs, discussion, review, agreement, evaluation and the history import."""
