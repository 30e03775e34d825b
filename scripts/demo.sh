#!/usr/bin/env bash
# Set up, then audit the bundled demo portal: report in demo-out/index.html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/zwgk-audit demo --out "${1:-demo-out}"
