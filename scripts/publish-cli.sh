#!/usr/bin/env bash
# Publishes the aiguard command for machines that run it as a short-lived tool: a CI job auditing manifests, a
# workstation. The output is self-contained for linux-x64 (no .NET install needed) and compiled ahead of time into
# one composite ReadyToRun image of aiguard, its packages and the .NET libraries, so a run spends its CPU on its work
# rather than on compiling methods first (docs/performance.md, "aiguard audit": the whole 10,000-model audit about
# 13 % faster than the same publish without it).
# The operator image does not use it: for a long-running operator the composite image costs about 20 MiB more RSS and
# buys no convergence speed (docs/performance.md, "Cold start").
#
# Usage: scripts/publish-cli.sh [--output DIR]
#   --output DIR   where to publish (default artifacts/cli); the command is DIR/aiguard
# Builds in artifacts/cli-build (its own bin/ and obj/), so it never races a `dotnet build` or the image's publish.
# Prints the command's path on the last line.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output="$repo_root/artifacts/cli"

while (($#)); do
    case "$1" in
        --output) output="${2:?--output needs a directory}"; shift 2 ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

command -v dotnet >/dev/null || { echo "error: the .NET 10 SDK is required (dotnet is not on PATH)" >&2; exit 1; }
mkdir -p "$output"
output="$(cd "$output" && pwd)"

echo "publishing src/AiGuard.Cli self-contained for linux-x64, composite ReadyToRun, into $output"
dotnet publish "$repo_root/src/AiGuard.Cli/AiGuard.Cli.csproj" -c Release -r linux-x64 --self-contained \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true \
    --artifacts-path "$repo_root/artifacts/cli-build" -o "$output" -nologo -v quiet -p:ContinuousIntegrationBuild=true

# A publish that cannot start (a missing native library, a broken composite image) fails here, not in the user's CI.
"$output/aiguard" version >/dev/null
echo "$output/aiguard"
