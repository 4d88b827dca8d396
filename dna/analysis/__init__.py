"""Answers to insight: groups per concept, the facilitator's edits replayed, merge suggestions,
strength/limiting tags, entropy and the current-vs-desired comparison."""
