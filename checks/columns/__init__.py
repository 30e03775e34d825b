"""Column checks: columns a plan requires (``required``)."""
