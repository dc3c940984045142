"""Single choices come chosen: a required choice with only one option is preselected.

``preselect_single_choices(form)`` — called at the end of a form's ``__init__`` once its
querysets are scoped to the user — gives each required, unbound, not yet set choice field whose
list holds exactly one option that option as its initial value (one plan, one organisation).
"""

from __future__ import annotations

from django import forms


def preselect_single_choices(form: forms.BaseForm) -> None:
    if form.is_bound:
        return
    for name, field in form.fields.items():
        if not field.required or field.disabled or form.initial.get(name) not in (None, ""):
            continue
        if isinstance(field, forms.ModelMultipleChoiceField):
            continue
        if isinstance(field, forms.ModelChoiceField):
            options = list(field.queryset.values_list("pk", flat=True)[:2])
            if len(options) == 1:
                form.initial[name] = options[0]
        elif isinstance(field, forms.ChoiceField) and not isinstance(
            field, forms.MultipleChoiceField
        ):
            options = [value for value, _label in field.choices if value not in (None, "")]
            if len(options) == 1:
                form.initial[name] = options[0]
