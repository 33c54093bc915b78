"""Issue 14's flow in Chromium: a department posts a need in its own words; the coordinator
sees explained candidates — one sharing no word with the need — and invites three; one answers
関心あり and the pair becomes a proposal draft with both parties and the need; another group's
manager raises a hand on the need. Every page axe-clean, an error included."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect

from accounts.models import Role
from collaboration.models import DepartmentNeed, Proposal
from collaboration.reference import load_programs
from coordination.matching import rank_groups
from coordination.models import Invitation
from tests.factories import PASSWORD, DepartmentFactory, UserFactory

from .conftest import assert_axe_clean, ja, login, make_group

NEED_TITLE = "子育て中の親の孤立を防ぎたい"


def test_a_need_finds_its_groups_through_the_workbench(
    page: Page, new_page: Callable[..., Page], registry: None
) -> None:
    load_programs()
    department = DepartmentFactory.create(code="kodomo", name="こども支援課")
    clerk = UserFactory.create(email="clerk@example.jp", roles=[(Role.CITY_STAFF, department)])
    coordinator = UserFactory.create(
        email="centre@example.jp", display_name="センター 職員", roles=[Role.CENTRE_STAFF]
    )
    managers = [UserFactory.create(email=f"m{i}@example.jp") for i in range(4)]
    # The first group writes 育児 where the department writes 子育て: no word in common.
    groups = [
        make_group(
            managers[0],
            "ひだまり育児サークル",
            "ヒダマリイクジサークル",
            activities="乳幼児の育児サークルで、母親同士が語り合う時間をつくっています。",
            approve=True,
        ),
        make_group(
            managers[1],
            "子育てネットかまくら",
            "コソダテネットカマクラ",
            activities="子育て中の親子が集まる居場所を運営しています。",
            approve=True,
        ),
        make_group(
            managers[2],
            "親子あそびの会",
            "オヤコアソビノカイ",
            activities="子育て世代の親子で外遊びをする会です。",
            approve=True,
        ),
        make_group(
            managers[3],
            "孤立を防ぐ見守り隊",
            "コリツヲフセグミマモリタイ",
            activities="孤立しがちな家庭への訪問と声かけをしています。",
            approve=True,
        ),
    ]

    # The department posts the need in its own words.
    login(page, clerk.email, PASSWORD)
    page.goto("/collaboration/staff/needs/new/")
    page.get_by_label(ja("subject")).fill(NEED_TITLE)
    page.get_by_label(ja("background")).fill("転入した子育て家庭が地域で孤立しがちです。")
    page.get_by_label(ja("what is wanted")).fill("子育て中の親が気軽に集まれる場を一緒に開きたい。")
    page.locator("#id_contact_name").fill("こども 一郎")
    page.locator("#id_contact_phone").fill("0467-23-3000")
    page.get_by_role("button", name=ja("Save")).click()
    expect(page.locator("h1")).to_have_text(NEED_TITLE)
    need = DepartmentNeed.objects.get()
    [found] = [c for c in rank_groups(need) if c.group == groups[0]]
    assert found.words and all(word.via for word in found.words), found.words

    # The coordinator opens it on the workbench: explained candidates, the 育児 group among them.
    centre = new_page()
    login(centre, coordinator.email, PASSWORD)
    centre.goto("/coordination/")  # the dashboard: a need nobody has been asked about
    assert_axe_clean(centre)
    expect(centre.locator(f"main a[href='/coordination/needs/{need.pk}/']")).to_be_visible()
    centre.goto(f"/collaboration/needs/{need.pk}/")
    centre.get_by_role("link", name=ja("Candidates and invitations for this need")).click()
    candidates = centre.locator(".candidate")
    expect(candidates.filter(has_text="ひだまり育児サークル")).to_have_count(1)
    expect(candidates.filter(has_text="ひだまり育児サークル")).to_contain_text("育児")
    assert_axe_clean(centre)
    for group in groups[:3]:
        centre.locator(f"#candidate-{group.pk}").check()
    centre.get_by_label(ja("Message to the groups")).fill("親子の居場所づくりにご協力ください。")
    centre.get_by_role("button", name=ja("Invite the chosen groups")).click()
    expect(centre.locator(".messages")).to_be_visible()
    assert Invitation.objects.filter(status=Invitation.Status.INVITED).count() == 3
    assert_axe_clean(centre)

    # Nothing chosen: the refusal is beside the list, and nothing changes.
    centre.get_by_role("button", name=ja("Invite the chosen groups")).click()
    expect(centre.locator("#groups-error")).to_be_visible()
    assert Invitation.objects.count() == 3
    assert_axe_clean(centre)

    # The coordinators' list of invitations waiting for an answer.
    centre.goto("/coordination/invitations/")
    expect(centre.locator("tbody tr")).to_have_count(3)
    assert_axe_clean(centre)

    # The 育児 group reads why, answers 関心あり, and opens the proposal draft.
    manager = new_page()
    login(manager, managers[0].email, PASSWORD)
    manager.goto("/coordination/invitations/mine/")
    assert_axe_clean(manager)
    manager.get_by_role("link", name=NEED_TITLE).click()
    expect(manager.locator("main")).to_contain_text("親子の居場所づくりにご協力ください。")
    assert_axe_clean(manager)
    manager.get_by_label(str(Invitation.Status.INTERESTED.label), exact=True).check()
    manager.get_by_label(ja("Note for the centre and the department")).fill("4月から参加できます。")
    manager.get_by_role("button", name=ja("Send the answer")).click()
    expect(manager.locator(".messages")).to_be_visible()
    assert_axe_clean(manager)
    manager.get_by_role("button", name=ja("Start a proposal draft")).click()
    proposal = Proposal.objects.get()
    expect(manager.locator("#id_title")).to_have_value(NEED_TITLE)
    assert proposal.proposing_group == groups[0] and proposal.related_need == need
    assert list(proposal.counterpart_departments.all()) == [department]
    assert Invitation.objects.get(group=groups[0]).status == Invitation.Status.PROPOSED
    assert_axe_clean(manager)

    # Another group's manager finds the need on マイページ, among those that fit the group,
    # and raises a hand.
    other = new_page()
    login(other, managers[3].email, PASSWORD)
    other.goto("/mypage/")
    fitting = other.locator(".fitting-needs")
    expect(fitting).to_contain_text(NEED_TITLE)  # loaded by htmx after the page
    assert_axe_clean(other)
    fitting.get_by_role("link", name=NEED_TITLE).click()
    assert_axe_clean(other)
    other.get_by_label(ja("What your group could do")).fill("家庭訪問の経験があります。")
    other.get_by_role("button", name=ja("Raise your hand (interested)")).click()
    expect(other.locator("h1")).to_contain_text(NEED_TITLE)
    raised = Invitation.objects.get(group=groups[3])
    assert raised.status == Invitation.Status.INTERESTED and raised.raised_by_group
    assert_axe_clean(other)
