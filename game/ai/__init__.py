"""Computer players: each level reads a side's view and returns that side's orders."""

LEVELS = ("easy", "normal", "hard", "historical")
