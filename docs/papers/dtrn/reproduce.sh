#!/usr/bin/env bash
# Reproduces the DTRN multi-task table of docs/papers/dtrn/README.md.
# Usage: docs/papers/dtrn/reproduce.sh [extra suite flags, e.g. --engine MXNet --seed 7]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
[ -f suite-cli/target/suite-cli.jar ] || mvn -q -DskipTests install
bin/suite reproduce dtrn --scale small "$@"
