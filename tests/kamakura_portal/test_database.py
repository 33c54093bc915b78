from django.db import connection


def test_the_test_database_is_postgresql_in_utf8_with_a_utf8_ctype(db: None) -> None:
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_encoding_to_char(encoding), datctype FROM pg_database"
            " WHERE datname = current_database()"
        )
        encoding, ctype = cursor.fetchone()
    assert encoding == "UTF8"
    assert ctype.lower().replace("-", "").endswith("utf8"), ctype


def test_japanese_text_round_trips_through_the_database(db: None) -> None:
    from accounts.models import Department

    name = "地域のつながり課・ｶﾀｶﾅ・𠮷"
    Department.objects.create(code="roundtrip", name=name, kind=Department.Kind.DIVISION)
    assert Department.objects.get(code="roundtrip").name == name
