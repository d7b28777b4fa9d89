"""Playing a game: the turn loop and replay (match), the game in the window (session), save files and
their seals, and the check of a save's orders. Built on the engine, the scenarios and the computer players."""
