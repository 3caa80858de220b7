"""What a reader gets besides the text: offline copies, printable summaries, calculators, audio, share, redirects, the menu's order."""
