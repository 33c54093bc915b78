"""Sign-up with allauth: verification mail, confirmation, and Japanese errors by the field."""

import re
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.models import User
from tests.factories import UserFactory
from tests.html import field_error

pytestmark = pytest.mark.django_db

SIGNUP_URL = "/accounts/signup/"
PASSWORD = "yuigahama-beach-2026"
CONFIRM_LINK = re.compile(r"https?://[^\s/]+(/accounts/confirm-email/[^\s/]+/)")


def sign_up(client: Client, **overrides: str) -> Any:
    data = {
        "display_name": "鎌倉 花子",
        "email": "hanako@example.jp",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "agree_to_terms": "on",
        **overrides,
    }
    return client.post(SIGNUP_URL, data)


def confirmation_path(message: Any) -> str:
    match = CONFIRM_LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def test_the_signup_page_asks_for_name_email_and_password_twice(client: Any) -> None:
    assert reverse("account_signup") == SIGNUP_URL
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    assert list(response.context["form"].fields) == [
        "display_name",
        "email",
        "password1",
        "password2",
        "agree_to_terms",
    ]


def test_a_valid_signup_sends_a_verification_mail_in_japanese(client: Any) -> None:
    response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    user = User.objects.get(email="hanako@example.jp")
    assert user.display_name == "鎌倉 花子"
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["hanako@example.jp"]
    assert message.subject.startswith("[つながる鎌倉] ")
    assert "メールアドレスを確認してください" in message.subject
    confirmation_path(message)


def test_an_unverified_user_cannot_log_in_yet() -> None:
    sign_up(Client())
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": "hanako@example.jp", "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session
    assert response["Location"] == reverse("account_email_verification_sent")


def test_following_the_link_confirms_the_address_and_the_user_can_log_in(client: Any) -> None:
    sign_up(client)
    path = confirmation_path(mail.outbox[0])

    page = client.get(path)
    assert page.status_code == 200
    assert not EmailAddress.objects.get(email="hanako@example.jp").verified

    confirmed = client.post(path)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="hanako@example.jp").verified

    other = Client()
    response = other.post(
        reverse("account_login"), {"login": "Hanako@Example.jp", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert int(other.session["_auth_user_id"]) == User.objects.get().pk


def test_a_short_numeric_password_is_refused_in_japanese_beside_the_field(client: Any) -> None:
    response = sign_up(client, password1="12345678", password2="12345678")
    assert response.status_code == 200
    error = field_error(response.content.decode(), "id_password1")
    assert "このパスワードは短すぎます。最低 10 文字以上必要です。" in error
    assert "このパスワードは数字しか使われていません。" in error
    assert not User.objects.exists()
    assert mail.outbox == []


def test_a_common_password_is_refused_in_japanese(client: Any) -> None:
    response = sign_up(client, password1="password1234", password2="password1234")
    error = field_error(response.content.decode(), "id_password1")
    assert "このパスワードは一般的すぎます。" in error
    assert not User.objects.exists()


def test_a_malformed_email_is_refused_in_japanese_beside_the_field(client: Any) -> None:
    response = sign_up(client, email="hanako@@example")
    assert response.status_code == 200
    error = field_error(response.content.decode(), "id_email")
    assert "有効なメールアドレスを入力してください。" in error
    assert not User.objects.exists()
    assert mail.outbox == []


def test_a_missing_name_is_refused_beside_the_field(client: Any) -> None:
    response = sign_up(client, display_name="")
    assert response.status_code == 200
    assert "このフィールドは必須です。" in field_error(response.content.decode(), "id_display_name")
    assert not User.objects.exists()


def test_the_error_summary_links_to_each_field_in_error(client: Any) -> None:
    from tests.html import Page

    response = sign_up(client, email="not-an-email", password1="12345678", password2="12345678")
    page = Page(response.content.decode())
    summary = page.find_all("div", role="alert")
    assert summary, "an error summary with role=alert"
    hrefs = page.hrefs()
    assert "#id_email" in hrefs
    assert "#id_password1" in hrefs


def test_an_existing_email_is_refused_beside_the_field_and_nothing_is_saved(client: Any) -> None:
    UserFactory.create(email="hanako@example.jp")
    response = sign_up(client, email="HANAKO@example.jp")
    assert response.status_code == 200
    error = field_error(response.content.decode(), "id_email")
    assert "このメールアドレスでアカウント登録済みです" in error
    assert User.objects.filter(email__iexact="hanako@example.jp").count() == 1
    assert mail.outbox == []


def test_without_agreeing_to_the_terms_nobody_is_signed_up_and_the_box_says_why(
    client: Any,
) -> None:
    response = sign_up(client, agree_to_terms="")
    assert response.status_code == 200
    error = field_error(response.content.decode(), "id_agree_to_terms")
    assert "利用規約とプライバシーポリシーをお読みになり、同意してください。" in error
    assert not User.objects.exists()
    assert mail.outbox == []


def test_the_consent_links_both_pages_and_the_agreement_is_recorded(client: Any) -> None:
    from tests.html import Page

    page = Page(client.get(SIGNUP_URL).content.decode())
    help_text = page.by_id("id_agree_to_terms_help")
    assert "利用規約" in help_text.text and "プライバシーポリシー" in help_text.text
    assert {"/about/terms/", "/about/privacy/"} <= set(page.hrefs())
    assert sign_up(client).status_code == 302
    assert User.objects.get(email="hanako@example.jp").agreed_to_terms_at is not None
