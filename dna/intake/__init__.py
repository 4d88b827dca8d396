"""Answers in: workbooks and delimited text read as rows, headers recognised, texts cleaned into
answers."""
