"""Places of Kamakura (with their district) and of Kanagawa, for generated groups' names
and addresses. Postal codes and towns are those of the places; block numbers are made up."""

from __future__ import annotations

import random
from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    name: str
    reading: str
    district: str  # the district taxonomy's code (groups/data/taxonomies.json)
    postal_code: str
    address: str  # prefecture, city and town, without the block number


def _kamakura(name: str, reading: str, district: str, postal: str, town: str) -> Place:
    return Place(name, reading, district, postal, f"神奈川県鎌倉市{town}")


KAMAKURA = [
    _kamakura("雪ノ下", "ユキノシタ", "kamakura", "248-0005", "雪ノ下"),
    _kamakura("小町", "コマチ", "kamakura", "248-0006", "小町"),
    _kamakura("大町", "オオマチ", "kamakura", "248-0007", "大町"),
    _kamakura("材木座", "ザイモクザ", "kamakura", "248-0013", "材木座"),
    _kamakura("由比ガ浜", "ユイガハマ", "kamakura", "248-0014", "由比ガ浜"),
    _kamakura("長谷", "ハセ", "kamakura", "248-0016", "長谷"),
    _kamakura("坂ノ下", "サカノシタ", "kamakura", "248-0021", "坂ノ下"),
    _kamakura("極楽寺", "ゴクラクジ", "kamakura", "248-0023", "極楽寺"),
    _kamakura("稲村ガ崎", "イナムラガサキ", "kamakura", "248-0024", "稲村ガ崎"),
    _kamakura("二階堂", "ニカイドウ", "kamakura", "248-0002", "二階堂"),
    _kamakura("浄明寺", "ジョウミョウジ", "kamakura", "248-0003", "浄明寺"),
    _kamakura("扇ガ谷", "オウギガヤツ", "kamakura", "248-0011", "扇ガ谷"),
    _kamakura("御成", "オナリ", "kamakura", "248-0012", "御成町"),
    _kamakura("佐助", "サスケ", "kamakura", "248-0017", "佐助"),
    _kamakura("腰越", "コシゴエ", "koshigoe", "248-0033", "腰越"),
    _kamakura("西鎌倉", "ニシカマクラ", "koshigoe", "248-0035", "西鎌倉"),
    _kamakura("七里ガ浜", "シチリガハマ", "koshigoe", "248-0026", "七里ガ浜"),
    _kamakura("津", "ツ", "koshigoe", "248-0032", "津"),
    _kamakura("鎌倉山", "カマクラヤマ", "koshigoe", "248-0031", "鎌倉山"),
    _kamakura("深沢", "フカサワ", "fukasawa", "247-0063", "梶原"),
    _kamakura("梶原", "カジワラ", "fukasawa", "247-0063", "梶原"),
    _kamakura("常盤", "トキワ", "fukasawa", "248-0022", "常盤"),
    _kamakura("手広", "テビロ", "fukasawa", "248-0036", "手広"),
    _kamakura("笛田", "フエダ", "fukasawa", "248-0027", "笛田"),
    _kamakura("寺分", "テラブン", "fukasawa", "247-0064", "寺分"),
    _kamakura("上町屋", "カミマチヤ", "fukasawa", "247-0065", "上町屋"),
    _kamakura("大船", "オオフナ", "ofuna", "247-0056", "大船"),
    _kamakura("岡本", "オカモト", "ofuna", "247-0072", "岡本"),
    _kamakura("山崎", "ヤマザキ", "ofuna", "247-0066", "山崎"),
    _kamakura("今泉台", "イマイズミダイ", "ofuna", "247-0053", "今泉台"),
    _kamakura("高野", "タカノ", "ofuna", "247-0054", "高野"),
    _kamakura("台", "ダイ", "ofuna", "247-0061", "台"),
    _kamakura("玉縄", "タマナワ", "tamanawa", "247-0071", "玉縄"),
    _kamakura("植木", "ウエキ", "tamanawa", "247-0073", "植木"),
    _kamakura("城廻", "シロメグリ", "tamanawa", "247-0074", "城廻"),
    _kamakura("関谷", "セキヤ", "tamanawa", "247-0075", "関谷"),
    _kamakura("鎌倉", "カマクラ", "shinai-zeniki", "248-0006", "小町"),
    _kamakura("かまくら", "カマクラ", "shinai-zeniki", "248-0012", "御成町"),
]

# Elsewhere in Kanagawa: groups registered in Kamakura from outside the city (市外).
KANAGAWA = [
    Place("藤沢", "フジサワ", "shigai", "251-0052", "神奈川県藤沢市藤沢"),
    Place("辻堂", "ツジドウ", "shigai", "251-0047", "神奈川県藤沢市辻堂"),
    Place("江の島", "エノシマ", "shigai", "251-0036", "神奈川県藤沢市江の島"),
    Place("逗子", "ズシ", "shigai", "249-0006", "神奈川県逗子市逗子"),
    Place("葉山", "ハヤマ", "shigai", "240-0112", "神奈川県三浦郡葉山町堀内"),
    Place("茅ヶ崎", "チガサキ", "shigai", "253-0041", "神奈川県茅ヶ崎市茅ヶ崎"),
    Place("湘南", "ショウナン", "shigai", "251-0025", "神奈川県藤沢市鵠沼石上"),
    Place("横浜", "ヨコハマ", "shigai", "231-0023", "神奈川県横浜市中区山下町"),
    Place("戸塚", "トツカ", "shigai", "244-0003", "神奈川県横浜市戸塚区戸塚町"),
    Place("栄", "サカエ", "shigai", "247-0007", "神奈川県横浜市栄区小菅ケ谷"),
    Place("金沢八景", "カナザワハッケイ", "shigai", "236-0027", "神奈川県横浜市金沢区瀬戸"),
    Place("横須賀", "ヨコスカ", "shigai", "238-0041", "神奈川県横須賀市本町"),
    Place("三浦", "ミウラ", "shigai", "238-0243", "神奈川県三浦市三崎"),
    Place("平塚", "ヒラツカ", "shigai", "254-0034", "神奈川県平塚市宝町"),
    Place("大磯", "オオイソ", "shigai", "255-0003", "神奈川県中郡大磯町大磯"),
    Place("小田原", "オダワラ", "shigai", "250-0011", "神奈川県小田原市栄町"),
    Place("箱根", "ハコネ", "shigai", "250-0311", "神奈川県足柄下郡箱根町湯本"),
    Place("相模原", "サガミハラ", "shigai", "252-0231", "神奈川県相模原市中央区相模原"),
    Place("厚木", "アツギ", "shigai", "243-0018", "神奈川県厚木市中町"),
    Place("大和", "ヤマト", "shigai", "242-0017", "神奈川県大和市大和東"),
    Place("海老名", "エビナ", "shigai", "243-0432", "神奈川県海老名市中央"),
    Place("秦野", "ハダノ", "shigai", "257-0035", "神奈川県秦野市本町"),
    Place("川崎", "カワサキ", "shigai", "210-0007", "神奈川県川崎市川崎区駅前本町"),
    Place("かながわ", "カナガワ", "shigai", "231-0021", "神奈川県横浜市中区日本大通"),
]

PLACES = KAMAKURA + KANAGAWA


def place(rng: random.Random) -> Place:
    """Four groups in five are in Kamakura; the others elsewhere in Kanagawa."""
    return rng.choice(KAMAKURA if rng.random() < 0.8 else KANAGAWA)
