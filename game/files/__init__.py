"""What the game reads and writes outside the rules: where its data and the player's files are (paths),
reading a user's file safely (userfile), the player's settings, and what commands print (console)."""
