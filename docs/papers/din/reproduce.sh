#!/usr/bin/env bash
# Reproduces the DIN table of docs/papers/din/README.md (behaviour logs, BaseModel and three DIN variants, 3 seeds).
# Usage: docs/papers/din/reproduce.sh [extra suite flags, e.g. --engine MXNet --seed 7]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
[ -f suite-cli/target/suite-cli.jar ] || mvn -q -DskipTests install
bin/suite reproduce din --scale small "$@"
# training throughput and inference latency at batch 2048, histories up to 30
bin/suite bench din "$@"
