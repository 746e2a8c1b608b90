"""Station ↔ centre sync through signed bundle files (docs/sync.md)."""
