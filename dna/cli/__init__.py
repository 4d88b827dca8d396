"""Command line: ``python -m dna analyse|sheet|replay|backup|restore|password ...`` (main.py),
with the backup and replay commands in modules of their own."""
