"""CLI subcommands.  Each module here defines ``register(subparsers)`` which
adds its subparser and sets ``func`` to a callable ``(args) -> int`` (the exit
code).  ``zwgk_audit.cli`` discovers them, so a feature adds its command
without touching the CLI core."""
