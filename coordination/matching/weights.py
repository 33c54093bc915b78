"""The matching score's weights, in one place (the README quotes this table).

A candidate's score is the sum of six parts, at most 100 points:

=========  =======  ==========================================================================
part       points   rule
=========  =======  ==========================================================================
fields     25       25 × the share of the need's activity fields the group is filed under
                    (a need without fields gives no points here)
district   10       10 when the group works in one of the need's districts; 市内全域 on either
                    side counts everywhere, and a need without districts is city-wide (市外
                    alone: 0)
text       35       35 × (1 − e^(−s / 1.5)); s adds, for each of the need's content words
                    found in the group's name, activities, できること and 設立目的, its weight:
                    2 in the subject, 1 elsewhere; × 0.9 found through the centre's civic
                    synonyms, × 0.7 through the Sudachi synonym dictionary (words such as
                    地域, 活動, 支援 that every text holds are not counted)
interest   10       積極的に取り組みたい 10, 内容によっては 5, 未回答 3, 今は考えていない 0
history    10       3 per past project (adopted or carried out) and 1 per other submitted
                    proposal with any department, up to 6; 4 more when one was with the
                    need's own department
freshness  10       registered or renewed in the current fiscal year 10, in the previous 5,
                    earlier 0
=========  =======  ==========================================================================

Only registered groups whose registration is valid today are candidates (not 更新待ち, 休止 or
抹消, nor registered groups whose fiscal year ended without renewal).
"""

from __future__ import annotations

FIELDS = 25.0
DISTRICT = 10.0
TEXT = 35.0
TEXT_SATURATION = 1.5
IN_SUBJECT = 2.0
VIA_CIVIC = 0.9
VIA_SUDACHI = 0.7
INTEREST = {"active": 10.0, "depends": 5.0, "": 3.0, "not_now": 0.0}
HISTORY = 10.0
PER_PROJECT = 3.0
PER_PROPOSAL = 1.0
ANY_DEPARTMENT_CAP = 6.0
SAME_DEPARTMENT = 4.0
FRESHNESS_THIS_YEAR = 10.0
FRESHNESS_LAST_YEAR = 5.0

# How many groups the indexes hand to the scorer on PostgreSQL: the best by PostgreSQL's text
# rank (a shared field adds to it), and the freshest of those sharing a field. Scoring in
# Python is bounded by their sum.
POOL = 200
FIELD_POOL = 30
# About how many rows the OR-query of a need's words may match: its rarest words are taken
# first, and the commonest (子ども in a registry of 100,000 groups) left to the fields.
TEXT_CANDIDATES = 5000
