"""The one pair of date pickers (core.forms): their value is what the browser's picker can show,
the field behind them accepts the date as a Vietnamese writes it too."""

from __future__ import annotations

from datetime import date, datetime

from django import forms
from django.utils import translation

from giamngheo.core.forms import DateInput, DateTimeInput


class _Form(forms.Form):
    day = forms.DateField(widget=DateInput())
    at = forms.DateTimeField(widget=DateTimeInput())


def test_initial_values_render_in_the_html_form_the_picker_shows():
    with translation.override("vi"):
        html = str(_Form(initial={"day": date(2023, 11, 15), "at": datetime(2023, 11, 15, 14, 30)}))
    # A Vietnamese format (15/11/2023) in type=date would show an empty box.
    assert 'type="date" name="day" value="2023-11-15"' in html
    assert 'type="datetime-local" name="at" value="2023-11-15T14:30"' in html


def test_the_fields_accept_the_picker_value_and_the_vietnamese_date():
    with translation.override("vi"):
        picked = _Form(data={"day": "2023-11-15", "at": "2023-11-15T14:30"})
        typed = _Form(data={"day": "15/11/2023", "at": "15/11/2023 14:30"})
        assert picked.is_valid() and typed.is_valid()
    assert picked.cleaned_data["day"] == typed.cleaned_data["day"] == date(2023, 11, 15)
    assert picked.cleaned_data["at"] == typed.cleaned_data["at"]
    assert (typed.cleaned_data["at"].hour, typed.cleaned_data["at"].minute) == (14, 30)
