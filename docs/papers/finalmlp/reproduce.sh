#!/usr/bin/env bash
# Reproduces the FinalMLP table of docs/papers/finalmlp/README.md (planted CTR logs, six models, 3 seeds).
# Usage: docs/papers/finalmlp/reproduce.sh [extra suite flags, e.g. --engine MXNet --seed 7]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$root"
[ -f suite-cli/target/suite-cli.jar ] || mvn -q -DskipTests install
bin/suite reproduce finalmlp --scale small "$@"
# training throughput and inference latency at batch 2048 (FinalMLP and DNN)
bin/suite bench finalmlp "$@"
