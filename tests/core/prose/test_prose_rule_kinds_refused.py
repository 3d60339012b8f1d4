"""The two Vale extension points this app does not run are refused with the reason, and nothing
of them runs: ``sequence`` (needs part-of-speech tagging) and ``script`` (runs Tengo code)."""

from __future__ import annotations

from workstation.core.prose.engine import Linter

SEQUENCE = """
extends: sequence
message: "The infinitive '%[4]s' after 'be' requires 'to'."
tokens:
  - tag: MD
  - pattern: be
  - tag: JJ
  - tag: VB|VBN
"""
SCRIPT = """
extends: script
message: "Consider inserting a new section heading at this point."
script: |
  text := import("text")
  matches := []
  for line in text.split(scope, "\\n") { matches = append(matches, {begin: 0, end: 1}) }
"""


def test_sequence_and_script_rules_are_refused_with_their_reason(make_style) -> None:
    good = "extends: existence\nmessage: x\ntokens: [delve]\n"
    pack = make_style(Infinitive=SEQUENCE, Sections=SCRIPT, Good=good)
    problems = {issue.rule: issue.problem for issue in pack.errors if issue.skipped}
    assert problems == {
        "Test.Infinitive": "extension point 'sequence' is not supported: sequence rules need part-of-speech "
        "tagging, which this app does not do",
        "Test.Sections": "extension point 'script' is not supported: script rules run Tengo code; this app "
        "runs no code from style files",
    }
    assert [rule.name for rule in pack.rules] == ["Test.Good"]
    assert [finding.rule for finding in Linter(pack).lint("We delve.\nA line.\nAnother.")] == ["Test.Good"]
