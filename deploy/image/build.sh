#!/usr/bin/env bash
# Builds the rulec image with a daemonless builder (buildah, else podman).
# Without a registry it first makes a local Go builder image from this
# machine's Go toolchain and feeds modules from this machine's module
# cache, so the build needs no network.
#   deploy/image/build.sh [TAG]      (default localhost/rulec:VERSION)
set -euo pipefail
cd "$(dirname "$0")/../.."
version=$(git describe --tags --always --dirty 2>/dev/null || echo dev)
tag=${1:-localhost/rulec:$version}

if command -v buildah >/dev/null; then
	# chroot isolation needs no OCI runtime or cgroup controllers.
	bud=(buildah bud --layers --isolation chroot)
elif command -v podman >/dev/null; then
	bud=(podman build)
else
	echo "build.sh: no image builder (install buildah or podman)" >&2
	exit 3
fi

goimage=${GO_IMAGE:-}
args=(--build-arg "VERSION=$version")
if [ -z "$goimage" ]; then
	gov=$(go env GOVERSION)
	goimage="localhost/rulec-go:${gov#go}"
	if ! buildah inspect --type image "$goimage" >/dev/null 2>&1; then
		ctr=$(buildah from scratch)
		trap 'buildah rm "$ctr" >/dev/null 2>&1 || true' EXIT
		buildah copy --quiet "$ctr" "$(go env GOROOT)" /usr/local/go
		buildah copy --quiet "$ctr" /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
		buildah config --env PATH=/usr/local/go/bin "$ctr"
		buildah commit --quiet "$ctr" "$goimage" >/dev/null
	fi
	go mod download
	args+=(--build-arg GOPROXY=file:///modcache --build-arg GOSUMDB=off
		--volume "$(go env GOMODCACHE)/cache/download:/modcache:ro")
fi
cache=${RULEC_IMAGE_CACHE:-/var/tmp/rulec-image-cache}
mkdir -p "$cache"
"${bud[@]}" --quiet --network host --build-arg "GO_IMAGE=$goimage" "${args[@]}" \
	--volume "$cache:/cache" -t "$tag" -f Dockerfile . >/dev/null
echo "$tag"
