"""Plain helpers shared by the tests and the benchmarks (functions, classes, constants; no fixtures).

Fixtures live in the ``conftest.py`` files and may use these; tests and benchmarks import them from here:
``network`` (what counts as local), ``registry`` (the demo registry and synthetic registry files),
``generation`` (an editor's facts and an in-process generation), ``claude_answers`` (answers the fake
Claude gives), ``browser`` (the e2e tests' Chromium and
screenshots), ``processes`` (the project's commands in a child process), ``opensite`` (the real @opensite/ui
export beside the repository). The one fake Claude is ``tests/fake_anthropic.py`` (fixture: ``fake_claude``).
"""
