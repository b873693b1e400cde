"""Question banks: one module per notebook, found by ``crmlib.exercises.load``.

A bank module is named after its notebook without the number (``00_start_here`` →
``start_here.py``) and defines:

- ``EXERCISE_ID``: the notebook's name, e.g. ``"00_start_here"``;
- ``TITLE``: ``{"en": ..., "zh": ...}``;
- ``QUESTIONS``: the list of questions (``NumberQuestion``, ``ChoiceQuestion``, ...), each with
  known-right and known-wrong example answers. ``tests/test_question_banks.py`` finds every bank
  and grades every example, so a new bank is tested with no extra work.

Keep a bank quick to import: build answers that need data with ``lazy(...)``.
"""
