"""What a workshop gives back: word clouds (also growing and replayed), charts, the DNA sheet (PDF)
and spreadsheet exports."""
