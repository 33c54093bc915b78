"""The 指針 booklet of the 2026 guideline (seed 001): cover, a 目次 whose page numbers are the
headings' pages, the sections in the seed's order, today's register and survey figures in
place of the text's, the measures as 別紙, the back page; the fonts and every glyph embedded,
no private contact. The booklet is made once for the module through the command."""

from __future__ import annotations

import datetime
import io
import logging
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext, pgettext
from fontTools.ttLib import TTFont
from pypdf import PdfReader

from accounts.services import load_departments
from groups.models import ActivityField, CitizenGroup, OrganizationType
from groups.reference import load_taxonomies
from kamakura_portal.dates import wareki_date
from measures.models import Plan
from measures.reference import load_plans
from reports.kinds import kind_of
from surveys.answering import Respondent
from surveys.models import Survey
from surveys.reference import load_reference_surveys, reference_survey
from tests.factories import CitizenGroupFactory, ContactFactory, DepartmentFactory, UserFactory
from tests.reports.conftest import PRIVATE_MAIL, PRIVATE_PHONE, fonts_of
from tests.surveys.conftest import answer

CODE = "kamakura-guideline-2026"
DEPARTMENT = "試験用の地域のつながり課"
# Seed 001's 目次, in its order. (4) of section 4 is printed as the 2026 text heads it.
SEED_TOC = [
    ("1", "指針策定の目的"),
    ("2", "基礎的な用語の説明"),
    ("(1)", "市民等"),
    ("(2)", "市民活動"),
    ("(3)", "市民活動団体等"),
    ("(4)", "中間支援組織"),
    ("(5)", "協働"),
    ("3", "市の市民活動を取り巻く現状と課題"),
    ("(1)", "市民活動の現状"),
    ("(2)", "市民活動の課題"),
    ("(3)", "協働の課題"),
    ("4", "役割"),
    ("(1)", "市の責務"),
    ("(2)", "市民等の役割"),
    ("(3)", "市民活動団体等の役割"),
    ("(4)", "市民活動センターの役割"),
    ("5", "市民活動の推進に向けた考え方と協働の原則"),
    ("(1)", "市民活動の推進に向けた考え方"),
    ("(2)", "協働の原則"),
    ("6", "Specific measures"),  # the 別紙: the plan has no section row for it
    ("(1)", "活動の場の提供に関すること"),
    ("(2)", "財政的支援に関すること"),
    ("(3)", "情報の提供に関すること"),
    ("(4)", "市民活動の啓発及び学習機会の提供、人的支援に関すること"),
    (
        "(5)",
        "市民活動団体等がその特性を生かせる分野において、市が行う業務への参加機会の提供に関すること",
    ),
    ("(6)", "中間支援組織との連携に関すること"),
    ("(7)", "協働に関すること"),
    ("7", "指針の実効性を高めるために"),
    ("(1)", "推進体制"),
    ("(2)", "市職員の意識改革"),
    ("(3)", "市民等の意識醸成"),
]


def flat(text: str) -> str:
    """Text without spaces or line breaks, widths folded: lines wrap and spaces vary."""
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def ja(message: str, context: str = "") -> str:
    """A message as the booklet prints it (the portal's language)."""
    with translation.override("ja"):
        return pgettext(context, message) if context else gettext(message)


@dataclass
class Booklet:
    data: bytes
    pages: list[str]
    measures: list[tuple[str, str]]  # (code, tier label) in the plan's order
    tiers: list[tuple[str, str]]  # (label, description)
    title: str
    today: datetime.date
    warnings: list[str]  # what WeasyPrint logged while laying it out

    def page_of(self, text: str, start: int = 0) -> int:
        return next(n for n in range(start, len(self.pages)) if flat(text) in flat(self.pages[n]))


def small_register() -> None:
    """Three groups on the register and one archived, a private contact, and the 2019 and
    2025 group surveys answered by two groups and published."""
    load_taxonomies()
    field = {f.name: f for f in ActivityField.objects.filter(taxonomy="centre")}
    kind = {t.name: t for t in OrganizationType.objects.all()}
    town, kids, tourism = field["まちづくり・暮らし"], field["子ども・子育て"], field["観光"]
    a = CitizenGroupFactory.create(organization_type=kind["任意団体"])
    a.activity_fields.set([town, kids])
    b = CitizenGroupFactory.create(organization_type=kind["NPO法人"])
    b.activity_fields.set([town])
    CitizenGroupFactory.create().activity_fields.set([tourism])
    archived = CitizenGroupFactory.create(status=CitizenGroup.Status.ARCHIVED)
    archived.activity_fields.set([town, tourism])
    ContactFactory.create(group=a, name="由比 花子", phone=PRIVATE_PHONE, email=PRIVATE_MAIL)
    load_reference_surveys()
    today = timezone.localdate()
    user = UserFactory.create()
    answers = {
        "katsudo-2019": [
            (a, ["市と話し合う機会がない"]),
            (b, ["市と話し合う機会がない", "協働への関心が低い"]),
        ],
        "shishin-2025-groups": [(a, ["協働への関心が低い"])],
    }
    for slug, rows in answers.items():
        survey = reference_survey(slug)
        assert survey is not None
        Survey.objects.filter(pk=survey.pk).update(
            status=Survey.Status.OPEN,
            opens_on=today - datetime.timedelta(days=1),
            closes_on=today + datetime.timedelta(days=1),
        )
        survey.refresh_from_db()
        for group, challenges in rows:
            answer(
                survey,
                Respondent(group=group, user=user),
                user,
                activity_challenges=["活動の担い手不足"],
                collaboration_willingness="内容によっては取り組みたい",
                group_collaboration_challenges=challenges,
            )
        Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.PUBLISHED)


@contextmanager
def logged(name: str) -> Iterator[list[str]]:
    """The warnings a logger and its children write meanwhile."""
    messages: list[str] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(record.getMessage())

    handler = Keep(logging.WARNING)
    logging.getLogger(name).addHandler(handler)
    try:
        yield messages
    finally:
        logging.getLogger(name).removeHandler(handler)


@pytest.fixture(scope="module")
def booklet(django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: Any) -> Booklet:
    """The booklet of the 2026 plan over a small register, made by ``generate_report``; the
    data is rolled back after."""
    output = tmp_path_factory.mktemp("guideline") / "指針.pdf"
    with django_db_blocker.unblock(), transaction.atomic():
        load_departments()
        load_plans()
        small_register()
        plan = Plan.objects.get(code=CODE)
        measures = list(plan.measures.select_related("tier").order_by("sort_order", "pk"))
        measures[0].lead_departments.add(DepartmentFactory.create(name=DEPARTMENT))
        with logged("weasyprint") as warnings:
            call_command("generate_report", "guideline", "--plan", CODE, "--output", str(output))
        made = Booklet(
            data=output.read_bytes(),
            pages=[],
            measures=[(m.code, m.tier.label if m.tier else "") for m in measures],
            tiers=list(plan.tiers.values_list("label", "description")),
            title=kind_of("guideline").title({"plan": plan.pk}),
            today=timezone.localdate(),
            warnings=warnings,
        )
        transaction.set_rollback(True)
    made.pages = [page.extract_text() for page in PdfReader(io.BytesIO(made.data)).pages]
    return made


def toc_lines(booklet: Booklet) -> list[tuple[str, int]]:
    """``(heading, page number)`` of each line of the 目次 page."""
    page = booklet.pages[1]
    assert page.startswith(ja("Contents"))
    lines = []
    for line in page.splitlines()[1:]:
        match = re.fullmatch(r"(?P<title>.+?)\s*(?:\.\s*)+(?P<page>\d+)", line.strip())
        assert match, line
        lines.append((match["title"], int(match["page"])))
    return lines


def printed_number(page: str) -> int | None:
    match = re.search(r"-\s*(\d+)\s*-\s*$", page)
    return int(match[1]) if match else None


def test_the_cover_has_the_title_its_subtitle_the_edition_and_the_city(booklet: Booklet) -> None:
    assert booklet.pages[0].splitlines() == [
        "市民活動と協働を推進するための指針",
        "～つながる鎌倉条例の目的の実現に向けて～",
        "令和8年（2026年）8月 更新",
        "鎌 倉 市",
    ]


def test_the_contents_list_the_seeds_sections_and_subsections_in_order(booklet: Booklet) -> None:
    expected = [
        flat(f"{number}{ja(title) if title == 'Specific measures' else title}")
        for number, title in SEED_TOC
    ]
    assert [flat(title) for title, _page in toc_lines(booklet)] == expected


def test_each_contents_page_number_is_the_page_its_heading_is_on(booklet: Booklet) -> None:
    index = 2  # the cover and the 目次 are not numbered
    for title, number in toc_lines(booklet):
        index = booklet.page_of(title, start=index)
        assert printed_number(booklet.pages[index]) == number == index - 1, title
    assert printed_number(booklet.pages[0]) is None
    assert printed_number(booklet.pages[1]) is None


def test_the_sections_start_on_pages_of_their_own_in_order(booklet: Booklet) -> None:
    sections = [(n, t) for n, t in SEED_TOC if not n.startswith("(")]
    starts = [
        booklet.page_of(f"{n}{ja(t) if t == 'Specific measures' else t}", start=2)
        for n, t in sections
    ]
    assert starts == sorted(set(starts))
    for start, (number, _title) in zip(starts, sections, strict=True):
        assert flat(booklet.pages[start]).startswith(flat(number)) or number == "6", start


def test_the_register_figures_are_todays_not_the_texts(booklet: Booklet) -> None:
    unit = ja(" groups", "unit after a number of groups")
    as_of = ja("(As of %(date)s: %(count)s groups in all)") % {
        "date": wareki_date(booklet.today),
        "count": 3,  # the archived group is not on the register
    }
    fields = booklet.page_of("【市民活動センター登録団体 活動分野別一覧】", start=2)
    text = booklet.pages[fields]
    assert flat(as_of) in flat(text)
    lines = [flat(line) for line in text.splitlines()]
    for name, count in (
        ("まちづくり・暮らし", 2),
        ("子ども・子育て", 1),
        ("観光", 1),
        ("人権・国際協力", 0),
    ):
        assert lines.count(flat(f"{name}{count}{unit}")) == 2, name  # by the bar and in the table
    everything = flat("".join(booklet.pages))
    assert flat("まちづくり・暮らし112") not in everything  # the text's table of 2025 is gone
    assert flat("令和7年（2025年）7月時点") not in everything
    types = booklet.page_of("【市民活動センターに登録している組織形態別団体数】", start=fields)
    assert flat(f"任意団体1{unit}") in flat(booklet.pages[types])
    assert flat(f"NPO法人1{unit}") in flat(booklet.pages[types])


def test_the_groups_challenges_are_compared_across_the_published_surveys(
    booklet: Booklet,
) -> None:
    page = booklet.pages[booklet.page_of("【市民活動団体の課題】", start=2)]
    rows = [flat(line) for line in page.splitlines()]
    talks = rows.index(flat("市と話し合う機会がない2件（100.0%）"))
    assert rows[talks + 1] == flat("0件（0.0%）")  # 2025: nobody ticked it
    interest = rows.index(flat("協働への関心が低い1件（50.0%）"))
    assert rows[interest + 1] == flat("1件（100.0%）")
    assert "2019年度（令和元年度）" in page and "2025年度（令和7年度）" in page
    no_data = ja("No published survey results to compare yet.")
    city = booklet.pages[booklet.page_of("【市の課題】", start=2)]
    assert flat(no_data) in flat(city)  # nobody answered the city's side in the test


def test_the_attachment_lists_every_measure_with_its_tier_under_the_seven_categories(
    booklet: Booklet,
) -> None:
    start = booklet.page_of(f"6{ja('Specific measures')}", start=2)
    end = booklet.page_of("7指針の実効性を高めるために", start=start)
    assert ja("Attachment", "a part printed apart from a guideline") in booklet.pages[start]
    lines = [line.strip() for page in booklet.pages[start:end] for line in page.splitlines()]
    labels = {label for label, _description in booklet.tiers}
    rows = []
    for code, tier in booklet.measures:
        start = next(n for n, line in enumerate(lines) if line.startswith(f"{code} "))
        # The row's last cell is its tier: the first line after the code ending with a mark.
        end = next(
            n for n in range(start, len(lines)) if lines[n].split()[-1:] in [[t] for t in labels]
        )
        assert lines[end].split()[-1] == tier, code
        rows.append(flat("".join(lines[start : end + 1])))
    assert len(rows) == 23
    assert flat(DEPARTMENT) in rows[0]
    assert all(flat(DEPARTMENT) not in row for row in rows[1:])
    attachment = flat("".join(lines))
    for label, description in booklet.tiers:
        assert flat(f"{label}{description}") in attachment
    positions = [attachment.index(flat(f"{n}{t}")) for n, t in SEED_TOC[20:27]]
    assert positions == sorted(positions)


def test_the_back_page_has_the_issuers_address_and_no_page_number(booklet: Booklet) -> None:
    back = booklet.pages[-1]
    published = ja("Published by: %(issuer)s") % {"issuer": "鎌倉市 市民防災部 地域のつながり課"}
    assert back.splitlines() == [
        "市民活動と協働を推進するための指針",
        "～つながる鎌倉条例の目的の実現に向けて～",
        "令和8年（2026年）8月 更新",
        published,
        "〒248-8686 鎌倉市御成町18番10号",
        "TEL：0467-23-3000（内線2582）",
        "FAX：0467-23-8700",
        "E-mail：npo@city.kamakura.kanagawa.jp",
    ]


def test_every_font_is_embedded_and_every_glyph_is_in_it(booklet: Booklet) -> None:
    fonts = fonts_of(booklet.data)
    assert fonts and all(fonts.values()), fonts
    assert all("BIZ-UD" in name for name in fonts), fonts  # no fallback font drew a glyph
    missing = glyphs_missing(booklet.data)
    assert missing == {}, missing
    # WeasyPrint warns of a ".notdef glyph rendered" (and of any rule it ignored).
    assert booklet.warnings == []


def glyphs_missing(data: bytes) -> dict[str, set[str]]:
    """Per font, the characters drawn with it that its embedded program has no glyph for
    (WeasyPrint maps each glyph drawn to its character in the font's ToUnicode map; a glyph
    the font lacks is drawn as its empty box and is missing from the subset's cmap)."""
    missing: dict[str, set[str]] = {}
    for page in PdfReader(io.BytesIO(data)).pages:
        resources: Any = page["/Resources"]
        for reference in (resources.get("/Font") or {}).values():
            font = reference.get_object()
            program = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]["/FontFile2"]
            cmap = TTFont(io.BytesIO(program.get_object().get_data())).getBestCmap()
            to_unicode = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            assert "beginbfrange" not in to_unicode  # WeasyPrint maps glyph by glyph
            drawn: set[str] = set()
            for chars in re.findall(r"beginbfchar(.*?)endbfchar", to_unicode, re.S):
                for _glyph, text in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", chars):
                    drawn.update(bytes.fromhex(text).decode("utf-16-be"))
            assert drawn
            lacking = {char for char in drawn if ord(char) not in cmap}
            if lacking:
                missing.setdefault(str(font["/BaseFont"]), set()).update(lacking)
    return missing


def test_no_private_contact_item_is_printed(booklet: Booklet) -> None:
    text = "".join(booklet.pages)
    for private in (PRIVATE_PHONE, PRIVATE_MAIL, "由比 花子", "雪ノ下1-1"):
        assert private not in text


def test_it_is_a_tagged_pdf_in_japanese_with_the_booklets_title(booklet: Booklet) -> None:
    reader = PdfReader(io.BytesIO(booklet.data))
    catalog: Any = reader.trailer["/Root"]
    assert catalog["/Lang"] == "ja"
    assert "/StructTreeRoot" in catalog
    assert reader.metadata is not None and reader.metadata.title == booklet.title
    assert booklet.title.startswith("市民活動と協働を推進するための指針")
