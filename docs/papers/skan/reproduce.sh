#!/usr/bin/env bash
# Reproduces the S-KAN function-fitting table of docs/papers/skan/README.md.
# Usage: docs/papers/skan/reproduce.sh [extra suite flags, e.g. --engine MXNet --seed 7]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
[ -f suite-cli/target/suite-cli.jar ] || mvn -q -DskipTests install
bin/suite reproduce skan --scale small "$@"
# speed of the KAN baseline step on both engines (each in its own JVM)
bin/suite bench skan "$@"
