"""Amounts are typed as people write them (issue 13, item 15): 300,000, full-width digits,
円 and ¥ are accepted; anything else is an error beside the field."""

import pytest
from django import forms

from kamakura_portal.forms import YenField


class AmountForm(forms.Form):
    amount = YenField(required=False)
    spending = YenField(required=False, max_digits=4, decimal_places=0)


@pytest.mark.parametrize(
    ("typed", "amount"),
    [
        ("300000", 300000),
        ("300,000", 300000),
        ("３００，０００", 300000),
        ("３０００００", 300000),
        ("300,000円", 300000),
        ("¥300,000", 300000),
        ("￥３００，０００", 300000),
        (" 1 200 ", 1200),
        ("", None),
    ],
)
def test_amounts_are_read_as_people_type_them(typed: str, amount: int | None) -> None:
    form = AmountForm({"amount": typed})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == amount


@pytest.mark.parametrize("typed", ["三十万", "30万", "-1", "1.5", "abc", "300,000ドル"])
def test_anything_else_is_an_error(typed: str) -> None:
    form = AmountForm({"amount": typed})
    assert not form.is_valid()
    assert "amount" in form.errors


def test_a_decimal_column_of_whole_yen_holds_no_more_digits_than_it_has() -> None:
    assert AmountForm({"spending": "9,999"}).is_valid()
    assert "spending" in AmountForm({"spending": "10,000"}).errors


def test_the_input_is_text_so_the_browser_keeps_the_commas() -> None:
    html = str(AmountForm()["amount"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html
    assert "min=" not in html
