"""A prefecture-size data set for load tests and large-scale reports (issue 16): groups,
proposals, needs, invitations, consultations, surveys and measures, made up in Japanese,
the same for the same seed, and loaded in bulk (``manage.py seed_scale``).

One module per app (:mod:`.groups`, :mod:`.collaboration` with :mod:`.proposal_parts`,
:mod:`.coordination`, :mod:`.surveys`, :mod:`.measures`), the words in :mod:`.names`,
:mod:`.places`, :mod:`.text` and :mod:`.wording`, the loading in :mod:`.bulk`, the run in
:mod:`.run` and what ``--replace`` removes in :mod:`.replace`.
"""
