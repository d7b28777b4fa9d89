"""How things are shown, shared by the window, the reports and the tools: the words that depend on the
scenario (labels) and the map's projection and geography (geo)."""
