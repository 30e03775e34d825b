"""Rule modules.  One module per check (or per tightly-coupled family);
see ``checks/base.py`` for the contract and ``zwgk-audit checks`` for the list."""
