"""Every database constraint speaks Vietnamese: in a form's validation and when the database
itself refuses a write (an ``IntegrityError``).

- ``install_constraint_messages()`` (``CoreConfig.ready``): a constraint declared without its
  own ``violation_error_message`` gets a sentence made from its model's and fields' verbose
  names ("Đã có kế hoạch cụ thể với cùng kế hoạch và cơ quan, đơn vị.") instead of Django's
  "Vi phạm ràng buộc “subplan_one_per_organisation”". Set on the instance, not on
  ``violation_error_message``: the migrations see no change.
- ``integrity_message(exc)``: the sentence for an ``IntegrityError`` of either database —
  PostgreSQL names the constraint, SQLite names it (CHECK) or lists the table's columns
  (UNIQUE, NOT NULL); unknown refusals get one general sentence, never the database's text.
  ``core.admin`` turns it into a form error or a message; no form catches it itself.
"""

from __future__ import annotations

import re

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.models import F, Q, UniqueConstraint
from django.utils.translation import gettext_lazy as _

GENERAL = _(
    "Không lưu được: dữ liệu trùng hoặc mâu thuẫn với dữ liệu đã có. "
    "Hãy kiểm tra lại các thông tin đã nhập."
)
UNIQUE = _("Đã có %(model)s với cùng %(fields)s.")
CHECK = _("Giá trị %(fields)s của %(model)s không hợp lệ.")
NOT_NULL = _("Hãy nhập %(fields)s của %(model)s.")
REFERENCE = _("Dữ liệu liên quan không còn hoặc đang được dùng ở nơi khác, không lưu được.")

# constraint name → sentence; (db_table, frozenset(columns)) → sentence for SQLite's UNIQUE text.
_BY_NAME: dict[str, object] = {}
_BY_COLUMNS: dict[tuple[str, frozenset[str]], object] = {}
_MODELS: dict[str, object] = {}


def _labels(model, names) -> str:
    known = {f.name: f for f in model._meta.get_fields() if hasattr(f, "verbose_name")}
    labels = [str(known[name].verbose_name) for name in names if name in known]
    return " và ".join(labels) or str(model._meta.verbose_name)


def _q_fields(q) -> list[str]:
    names = []
    for child in getattr(q, "children", []):
        if isinstance(child, Q):
            names += _q_fields(child)
        elif isinstance(child, tuple):
            names.append(child[0].split("__")[0])
            if isinstance(child[1], F):
                names.append(child[1].name.split("__")[0])
    return list(dict.fromkeys(names))


def _fields_of(constraint) -> list[str]:
    if isinstance(constraint, UniqueConstraint):
        names = list(constraint.fields)
        names += [e.name for e in constraint.expressions if isinstance(e, F)]
        return names
    condition = getattr(constraint, "condition", None)
    if condition is None:
        condition = getattr(constraint, "check", None)
    return _q_fields(condition) if isinstance(condition, Q) else []


def sentence_for(model, constraint):
    """The Vietnamese sentence of ``constraint`` on ``model``: its own message when declared."""
    if constraint.violation_error_message != constraint.default_violation_error_message:
        return constraint.violation_error_message
    names = _fields_of(constraint)
    params = {"model": str(model._meta.verbose_name), "fields": _labels(model, names)}
    template = UNIQUE if isinstance(constraint, UniqueConstraint) else CHECK
    return _Interpolated(template, params)


class _Interpolated:
    """A lazily translated template with its parameters (read in the language of the request)."""

    def __init__(self, template, params):
        self.template, self.params = template, params

    def __str__(self) -> str:
        return str(self.template) % self.params


def install_constraint_messages() -> None:
    for model in apps.get_models():
        meta = model._meta
        _MODELS[meta.db_table] = model
        for constraint in meta.constraints:
            message = sentence_for(model, constraint)
            _BY_NAME[constraint.name] = message
            if isinstance(constraint, UniqueConstraint) and constraint.fields:
                columns = frozenset(meta.get_field(f).column for f in constraint.fields)
                _BY_COLUMNS[(meta.db_table, columns)] = message
            elif isinstance(constraint, UniqueConstraint):
                names = _fields_of(constraint)
                columns = frozenset(f.column for f in meta.local_fields if f.name in names)
                if columns and len(columns) == len(names):
                    _BY_COLUMNS[(meta.db_table, columns)] = message
            if constraint.violation_error_message == constraint.default_violation_error_message:
                # Django asks this method; the declared attribute stays as the migrations wrote it.
                constraint.get_violation_error_message = (lambda m: lambda: str(m))(message)
        for field in meta.local_fields:
            if field.unique and not field.primary_key:
                _BY_COLUMNS[(meta.db_table, frozenset([field.column]))] = _Interpolated(
                    UNIQUE,
                    {"model": str(meta.verbose_name), "fields": str(field.verbose_name)},
                )


_SQLITE_COLUMNS = re.compile(r"(UNIQUE|NOT NULL) constraint failed: (.+)$")
_PG_NOT_NULL = re.compile(r'null value in column "([^"]+)" of relation "([^"]+)"')


def _column_label(table: str, column: str) -> tuple[str, str]:
    model = _MODELS.get(table)
    if model is None:
        return "", ""
    for field in model._meta.local_fields:
        if field.column == column:
            return str(model._meta.verbose_name), str(field.verbose_name)
    return str(model._meta.verbose_name), column


def integrity_message(exc: IntegrityError) -> str:
    """One Vietnamese sentence for what the database refused (see the module docstring)."""
    text = str(exc)
    for name in sorted(_BY_NAME, key=len, reverse=True):
        if re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", text):
            return str(_BY_NAME[name])
    first_line = text.splitlines()[0] if text else ""
    match = _SQLITE_COLUMNS.search(first_line)
    if match:
        pairs = [part.strip().rsplit(".", 1) for part in match.group(2).split(",")]
        pairs = [p for p in pairs if len(p) == 2]
        if pairs:
            table = pairs[0][0]
            if match.group(1) == "UNIQUE":
                found = _BY_COLUMNS.get((table, frozenset(c for _t, c in pairs)))
                if found is not None:
                    return str(found)
            else:
                model_label, field_label = _column_label(table, pairs[0][1])
                if model_label:
                    return str(NOT_NULL) % {"model": model_label, "fields": field_label}
    match = _PG_NOT_NULL.search(first_line)
    if match:
        model_label, field_label = _column_label(match.group(2), match.group(1))
        if model_label:
            return str(NOT_NULL) % {"model": model_label, "fields": field_label}
    if "FOREIGN KEY" in text or "foreign key" in text:
        return str(REFERENCE)
    return str(GENERAL)


def as_validation_error(exc: IntegrityError) -> ValidationError:
    return ValidationError(integrity_message(exc), code="integrity")
