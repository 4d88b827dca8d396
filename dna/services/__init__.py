"""What acts on a stored workshop: facilitator access, the phones' sends, backups
and their checks."""
