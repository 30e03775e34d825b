"""Real servers for tests (DNS, web) on loopback only."""
