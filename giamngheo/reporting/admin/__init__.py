"""Admin screens of the reporting app, one module per section: a unit's report
(``submissions``), the lead department's completeness, reminders and roll-up (``review``), and
the configuration of indicators, data sets and periods (``config``). Registered in
``reporting/wagtail_hooks.py``.

Field ids and names are stable for browser tests: ``id_version``; per indicator × category
``id_value-<key>`` / ``id_reason-<key>`` (key = indicator code, or ``<code>-<category>``);
``id_note``; buttons ``btn-save``, ``btn-submit``, ``btn-prefill``, ``btn-approve``,
``btn-return`` (with ``id_return_reason``), ``btn-evidence`` (with ``id_evidence_title`` and
``id_evidence_file``), ``btn-remind`` on the completeness screen.
"""
