"""Site-wide checks: reachability, broken links, footer identity, columns."""
