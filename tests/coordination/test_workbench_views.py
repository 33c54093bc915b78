"""The workbench of a need, for every role: the coordinators see the ranked candidates with
their reasons, filter them, shortlist and invite in one POST; the need's department and the
secretariat follow its pipeline; nobody else opens it. Bad input is refused next to the
field and nothing is saved."""

from __future__ import annotations

import datetime
from html import escape
from typing import Any

import pytest
from django.test import Client

from collaboration.models import DepartmentNeed, Proposal
from coordination.models import Invitation
from groups.models import CitizenGroup
from kamakura_portal.models import Notification
from tests.conftest import acts, client_for, for_every_role, ja, roles_except
from tests.factories import ActivityFieldFactory, CitizenGroupFactory, DistrictFactory
from tests.html import Page

from .invitation_factories import (
    a_need,  # noqa: F401  (fixtures)
    in_days,
    make_invitation,
)

pytestmark = pytest.mark.django_db
Status = Invitation.Status
SIGN_IN = 302
FOLLOWERS = {"centre_staff", "city_staff", "secretariat"}
VALID = datetime.date(2099, 3, 31)


@pytest.fixture
def welfare(need: DepartmentNeed) -> Any:
    field = ActivityFieldFactory.create(name="保健・福祉")
    need.activity_fields.add(field)
    return field


def candidate(field: Any, name: str, **fields: Any) -> CitizenGroup:
    """A registered group, valid this year, of ``field``: the matching ranks it."""
    group = CitizenGroupFactory.create(name=name, valid_until=VALID, **fields)
    group.activity_fields.add(field)
    return group


def _url(need: DepartmentNeed, query: str = "") -> str:
    return f"/coordination/needs/{need.pk}/{query}"


def _invite(groups: list[Any], **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "groups": [group.pk for group in groups],
        "message": "見守りの担い手を探しています。",
        "answer_by": in_days(14).isoformat(),
        "action": "invite",
    }
    data.update(changes)
    return data


@for_every_role({**roles_except(FOLLOWERS, 200, 403), "anonymous": SIGN_IN})
def test_the_workbench_is_open_to_the_centre_the_department_and_the_secretariat(
    need: DepartmentNeed, welfare: Any, role: str, role_client: Client, expected: int
) -> None:
    candidate(welfare, "見守り隊")
    response = role_client.get(_url(need))
    assert response.status_code == expected
    if expected == 200:
        # The candidates and the invitation are the coordinators'.
        html = response.content.decode()
        assert ("見守り隊" in html) == (role == "centre_staff")
        assert ('id="invite-form"' in html) == (role == "centre_staff")


@for_every_role({**roles_except(FOLLOWERS, 200, 403), "anonymous": SIGN_IN})
def test_a_staff_only_needs_workbench_stays_with_the_city_and_the_centre(
    need: DepartmentNeed, role_client: Client, expected: int
) -> None:
    DepartmentNeed.objects.filter(pk=need.pk).update(is_public=False)
    assert role_client.get(_url(need)).status_code == expected


def test_each_candidate_comes_with_its_explanation_and_score_parts(
    need: DepartmentNeed, welfare: Any, centre_staff: Any
) -> None:
    candidate(welfare, "見守り隊")
    response = client_for(centre_staff).get(_url(need))
    [(shown, pair)] = response.context["candidates"]
    assert shown.group.name == "見守り隊" and pair is None
    html = response.content.decode()
    assert escape(shown.explanation) in html
    for part in shown.parts:
        assert escape(part.label) in html and escape(part.detail) in html


def test_the_hard_filters_narrow_the_candidates(
    need: DepartmentNeed, welfare: Any, centre_staff: Any
) -> None:
    ofuna = DistrictFactory.create(name="大船")
    near = candidate(welfare, "大船の見守り")
    near.districts.add(ofuna)
    candidate(welfare, "腰越の見守り", collaboration_interest="not_now")
    client = client_for(centre_staff)
    names = [
        c.group.name
        for c, _ in client.get(_url(need, f"?districts={ofuna.pk}")).context["candidates"]
    ]
    assert names == ["大船の見守り"]
    names = [
        c.group.name for c, _ in client.get(_url(need, "?interests=not_now")).context["candidates"]
    ]
    assert names == ["腰越の見守り"]


@for_every_role(
    {
        **roles_except({"centre_staff"}, 302, 403),
        "anonymous": SIGN_IN,
        # The page is the secretariat's once two-factor authentication is set up.
        "secretariat_without_mfa": 302,
    }
)
def test_only_coordinators_invite_from_the_workbench(
    need: DepartmentNeed, welfare: Any, role: str, role_client: Client, expected: int
) -> None:
    group = candidate(welfare, "見守り隊")
    response = role_client.post(_url(need), _invite([group]))
    assert response.status_code == expected
    assert Invitation.objects.exists() == acts(role, expected)


def test_a_coordinator_invites_three_groups_in_one_post_with_the_rankings_reasons(
    need: DepartmentNeed, welfare: Any, centre_staff: Any
) -> None:
    groups = [candidate(welfare, f"見守りの会{index}") for index in range(3)]
    client = client_for(centre_staff)
    ranked = {c.group.pk: c for c, _ in client.get(_url(need)).context["candidates"]}
    response = client.post(_url(need), _invite(groups))
    assert response.status_code == 302 and response["Location"] == _url(need)
    invited = Invitation.objects.filter(status=Status.INVITED)
    assert invited.count() == 3
    for invitation in invited:
        expected = ranked[invitation.group_id]
        assert invitation.reasons == (expected.reason_for_group or expected.explanation)
        assert invitation.answer_by == in_days(14)
    page = client.get(_url(need)).content.decode()
    assert page.count(ja(str(Status.INVITED.label))) >= 3


def test_shortlisted_groups_wait_in_the_pipeline(
    need: DepartmentNeed, welfare: Any, centre_staff: Any, group_manager: Any
) -> None:
    group = candidate(welfare, "見守り隊")
    client = client_for(centre_staff)
    client.post(_url(need), {"groups": [group.pk], "action": "shortlist"})
    assert Invitation.objects.get().status == Status.CANDIDATE
    assert not Notification.objects.exists()
    page = Page(client.get(_url(need)).content.decode())
    assert page.by_id(f"shortlisted-{group.pk}").attrs["form"] == "invite-form"


def test_an_unregistered_group_is_refused_next_to_the_groups_and_nothing_is_saved(
    need: DepartmentNeed, welfare: Any, centre_staff: Any
) -> None:
    fine = candidate(welfare, "見守り隊")
    resting = candidate(welfare, "休んでいる会", status=CitizenGroup.Status.SUSPENDED)
    response = client_for(centre_staff).post(_url(need), _invite([fine, resting]))
    assert response.status_code == 200
    page = Page(response.content.decode())
    expected = ja("“%(group)s” is not a registered group (%(status)s), so it cannot be asked.") % {
        "group": "休んでいる会",
        "status": CitizenGroup.Status.SUSPENDED.label,
    }
    assert page.by_id("groups-error").text == expected
    assert not Invitation.objects.exists()


def test_a_second_invitation_is_refused_with_a_clear_message(
    need: DepartmentNeed, welfare: Any, centre_staff: Any
) -> None:
    group = candidate(welfare, "見守り隊")
    make_invitation(need, group, Status.DECLINED)
    response = client_for(centre_staff).post(_url(need), _invite([group]))
    assert response.status_code == 200
    expected = ja("“%(group)s” was already asked about this need (now “%(status)s”).") % {
        "group": "見守り隊",
        "status": Status.DECLINED.label,
    }
    assert Page(response.content.decode()).by_id("groups-error").text == expected
    assert Invitation.objects.get().status == Status.DECLINED


def test_an_invitation_needs_a_message_and_a_date(
    need: DepartmentNeed, welfare: Any, centre_staff: Any
) -> None:
    group = candidate(welfare, "見守り隊")
    response = client_for(centre_staff).post(_url(need), _invite([group], message="", answer_by=""))
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.by_id("id_message_error").text == ja("Write a message to the groups.")
    assert page.by_id("id_answer_by_error").text == ja("Enter the date to answer by.")
    assert not Invitation.objects.exists()


@pytest.mark.parametrize("count", [1, 12])
def test_the_workbench_runs_a_fixed_number_of_queries(
    need: DepartmentNeed,
    welfare: Any,
    centre_staff: Any,
    count: int,
    django_assert_num_queries: Any,
) -> None:
    for index in range(count):
        group = candidate(welfare, f"見守りの会{index}")
        if index % 2:
            make_invitation(need, group)
    client = client_for(centre_staff)
    # The first request fills the caches: the filter's choices, the civic synonyms, the
    # search statistics (kamakura_portal.cached, coordination.matching.candidates), the
    # rendered filter form and the ranking (kamakura_portal.shared_pages).
    assert client.get(_url(need)).status_code == 200
    # 1 session, 2 the user with its roles and managed groups (accounts.backends); 3 the need
    # (department joined), 4 its fields, 5 its areas; 6 the pipeline (groups joined). The
    # ranking is kept while no group, proposal, taxonomy or synonym changes.
    with django_assert_num_queries(6):
        assert client.get(_url(need)).status_code == 200
    group.name = "見守りの会（改称）"
    group.save()  # retires the kept ranking
    # The same six, then the ranking (coordination.matching.rank_groups): 7 the candidate
    # pool, 8 the candidates' fields and areas, 9 their past proposals with the partner
    # departments, 10 the profiles of the groups shown.
    with django_assert_num_queries(10):
        response = client.get(_url(need))
    assert response.status_code == 200
    assert "見守りの会（改称）" in response.content.decode()


def _shown(client: Any, need: DepartmentNeed) -> dict[str, str]:
    """The candidates shown: group name → its line of score parts."""
    rows = client.get(_url(need)).context["rows"]
    return {row.candidate.group.name: " ".join(row.parts) for row in rows}


def test_the_kept_ranking_follows_the_groups_their_proposals_and_the_need(
    need: DepartmentNeed, welfare: Any, centre_staff: Any
) -> None:
    group = candidate(welfare, "見守りの会")
    client = client_for(centre_staff)
    first = _shown(client, need)
    assert "見守りの会" in first
    # A past proposal of the group (a table of its own) counts at once.
    Proposal.objects.create(
        title="見守り訪問",
        proposer_side=Proposal.ProposerSide.GROUP,
        proposing_group=group,
        status=Proposal.Status.ADOPTED,
    )
    assert _shown(client, need)["見守りの会"] != first["見守りの会"]
    # A group leaving the register (an update(), no signal) is gone at once.
    CitizenGroup.objects.filter(pk=group.pk).update(status=CitizenGroup.Status.ARCHIVED)
    assert "見守りの会" not in _shown(client, need)
    CitizenGroup.objects.filter(pk=group.pk).update(status=CitizenGroup.Status.REGISTERED)
    assert "見守りの会" in _shown(client, need)
    # The need's own values are part of the key: other words and no field, another ranking
    # (no table the ranking reads has changed).
    need.activity_fields.clear()
    need.title, need.background, need.wanted = "海岸の清掃", "砂浜のごみ", "清掃の担い手"
    need.save()
    assert "見守りの会" not in _shown(client, need)


@pytest.mark.parametrize("value", [0.0, 0.05, 0.25, 1.0, 2.45, 12.5, 13.49, 99.95, 100.0])
def test_the_rows_round_the_points_as_the_template_filter_did(value: float) -> None:
    from django.template.defaultfilters import floatformat

    from coordination.views.workbench import _rounded

    assert _rounded(value, "1") == floatformat(value, 0)
    assert _rounded(value, "0.1") == floatformat(value, 1)
