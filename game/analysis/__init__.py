"""Many games at once and what they mean: the Monte Carlo explorer and its sweeps, the in-game what-if,
the after-action and class reports, the balance report and the benchmark. Nothing here imports the UI."""
