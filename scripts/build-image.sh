#!/usr/bin/env bash
# Builds the operator image ghcr.io/aiguard/aiguard-operator:<version> with podman, without a container runtime
# and without reaching mcr.microsoft.com:
#   1. the runtime base: Debian's libc6, libssl3, libstdc++6, zlib1g, ca-certificates and tzdata, extracted by
#      mmdebstrap (variant extract: no maintainer script runs, so no shell is needed or shipped), pruned to
#      libraries and data, with a nonroot user 65532, imported with `podman import` as $BASE_TAG. Built once and
#      reused; --rebuild-base builds it again. --base IMAGE uses another base instead (e.g. the chiseled
#      mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled where mcr is reachable).
#   2. a self-contained linux-x64 publish of src/AiGuard.Cli on the host into artifacts/publish/.
#   3. `podman build` of the Containerfile with APP_SOURCE=host-publish: its final stage has no RUN step.
# The version (tag and org.opencontainers.image.version label) is Directory.Build.props' <Version>.
#
# Usage: scripts/build-image.sh [--image NAME] [--base IMAGE] [--rebuild-base] [--print-version]
#   --image NAME      repository to tag (default ghcr.io/aiguard/aiguard-operator); the tag is always the version
#   --print-version   print the version this script would tag and exit
# Prints the image reference on the last line of its output.
set -euo pipefail

readonly BASE_TAG="localhost/aiguard-runtime-deps:bookworm"
readonly BASE_SUITE="bookworm"
readonly BASE_PACKAGES="libc6,libssl3,libstdc++6,zlib1g,ca-certificates,tzdata"
readonly NONROOT_UID=65532

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
image_name="ghcr.io/aiguard/aiguard-operator"
base_image=""
rebuild_base=false
print_version=false

while (($#)); do
    case "$1" in
        --image) image_name="${2:?--image needs a repository name}"; shift 2 ;;
        --base) base_image="${2:?--base needs an image reference}"; shift 2 ;;
        --rebuild-base) rebuild_base=true; shift ;;
        --print-version) print_version=true; shift ;;
        -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "error: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

version="$(sed -n 's:.*<Version>\([^<]*\)</Version>.*:\1:p' "$repo_root/Directory.Build.props" | head -n1)"
[[ -n "$version" ]] || { echo "error: Directory.Build.props has no <Version>" >&2; exit 1; }
if $print_version; then
    echo "$version"
    exit 0
fi

need() {
    command -v "$1" >/dev/null || { echo "error: '$1' is required but not installed (apt-get install -y $2)" >&2; exit 1; }
}
need podman podman
need dotnet "the .NET 10 SDK"

# Removes what a .NET process never uses from the extracted packages and checks that no program is left.
prune_base() {
    local rootfs="$1"
    # ca-certificates' postinst would build the bundle; extract runs no maintainer scripts, so build it here.
    mkdir -p "$rootfs/etc/ssl/certs"
    cat "$rootfs"/usr/share/ca-certificates/mozilla/*.crt > "$rootfs/etc/ssl/certs/ca-certificates.crt"
    # Programs and their data (openssl, debconf and its Perl modules, c_rehash), docs, and apt/dpkg leftovers.
    rm -rf "$rootfs"/usr/bin "$rootfs"/usr/sbin "$rootfs"/usr/lib/ssl/misc \
        "$rootfs"/usr/share/{doc,man,lintian,perl5,debconf,bash-completion,gdb,pixmaps,gcc} \
        "$rootfs"/etc/{apt,debconf.conf,fstab,hostname,resolv.conf} "$rootfs"/var/lib/apt "$rootfs"/var/cache "$rootfs"/var/log
    # The runtime provides /dev, /proc and /etc/resolv.conf; empty mount points stay.
    rm -rf "$rootfs"/dev/* && mkdir -p "$rootfs"/{dev,proc,sys,etc,var/run,home/nonroot}
    chmod 1777 "$rootfs/tmp"
    printf 'root:x:0:0:root:/root:/sbin/nologin\nnonroot:x:%s:%s:nonroot:/home/nonroot:/sbin/nologin\n' "$NONROOT_UID" "$NONROOT_UID" > "$rootfs/etc/passwd"
    printf 'root:x:0:\nnonroot:x:%s:\n' "$NONROOT_UID" > "$rootfs/etc/group"
    chown "$NONROOT_UID:$NONROOT_UID" "$rootfs/home/nonroot"

    local programs
    programs="$(find "$rootfs" -type f -perm /111 ! -name '*.so' ! -name '*.so.*' -printf '/%P\n')"
    if [[ -n "$programs" ]]; then
        echo "error: the base would ship programs (a shell or an interpreter is an attacker's tool):" >&2
        echo "$programs" >&2
        return 1
    fi
}

build_base() {
    need mmdebstrap mmdebstrap
    local work
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' RETURN
    echo "building the runtime base $BASE_TAG from Debian $BASE_SUITE: $BASE_PACKAGES"
    mmdebstrap --quiet --variant=extract --include="$BASE_PACKAGES" "$BASE_SUITE" "$work/rootfs"
    prune_base "$work/rootfs"
    tar --numeric-owner --sort=name -C "$work/rootfs" -c . |
        podman import --quiet --message "aiguard runtime base: Debian $BASE_SUITE $BASE_PACKAGES" - "$BASE_TAG" >/dev/null
}

if [[ -z "$base_image" ]]; then
    if $rebuild_base || ! podman image exists "$BASE_TAG"; then
        build_base
    else
        echo "reusing the runtime base $BASE_TAG (--rebuild-base builds it again)"
    fi
    base_image="$BASE_TAG"
fi

publish="$repo_root/artifacts/publish"
echo "publishing src/AiGuard.Cli self-contained for linux-x64 into artifacts/publish"
rm -rf "$publish"
dotnet publish "$repo_root/src/AiGuard.Cli/AiGuard.Cli.csproj" -c Release -r linux-x64 --self-contained \
    -o "$publish" -nologo -v quiet -p:ContinuousIntegrationBuild=true

revision="$(git -C "$repo_root" rev-parse HEAD 2>/dev/null || echo unknown)"
image="$image_name:$version"
echo "building $image on $base_image"
previous="$(podman image inspect --format '{{.Id}}' "$image" 2>/dev/null || true)"
podman build --quiet --file "$repo_root/Containerfile" \
    --build-arg BASE_IMAGE="$base_image" --build-arg APP_SOURCE=host-publish \
    --build-arg VERSION="$version" --build-arg REVISION="$revision" \
    --tag "$image" "$repo_root" >/dev/null
current="$(podman image inspect --format '{{.Id}}' "$image")"
if [[ -n "$previous" && "$previous" != "$current" ]]; then
    # The image this tag pointed at before; kept only if something else still uses it.
    podman rmi "$previous" >/dev/null 2>&1 || true
fi
# The host-publish stage's image (labelled in the Containerfile) is left untagged by each build: repeated builds
# (every CI run) would otherwise fill the disk with copies of /app.
podman image prune --force --filter label=io.aiguard.build-stage=host-publish >/dev/null
size="$(podman image inspect --format '{{.Size}}' "$image")"
echo "built $image ($((size / 1000000)) MB)"
echo "$image"
