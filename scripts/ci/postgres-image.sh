#!/usr/bin/env bash
# Builds a postgres:<major> image from Debian's packages, for machines where Docker runs but no
# registry is reachable (our CI machine: only Debian's apt and npm). The result behaves like the
# official image for what the harness uses (see postgres-entrypoint.sh). An image that exists is
# kept (a cold build of 17 takes minutes; see README), so callers may run this every time.
#   usage: scripts/ci/postgres-image.sh <tag> [major]      (needs root, debootstrap, a daemon)
set -euo pipefail
tag="${1:?usage: postgres-image.sh <tag> [major]}"
major="${2:-15}"
here="$(cd "$(dirname "$0")" && pwd)"

# The Debian release whose main archive ships postgresql-<major> (Debian packages one major per
# release); PARITY_DEBIAN_SUITE names another (a mirror's, or a newer release's).
case "${PARITY_DEBIAN_SUITE:-$major}" in
  15) suite=bookworm ;;
  17) suite=trixie ;;
  [0-9]*) echo "postgres-image.sh: no Debian release known to ship postgresql-$major (bookworm has 15, trixie 17); set PARITY_DEBIAN_SUITE to one that does" >&2; exit 2 ;;
  *) suite="$PARITY_DEBIAN_SUITE" ;;
esac

if docker image inspect "$tag" >/dev/null 2>&1; then
  echo "image $tag: already built"
  exit 0
fi

rootfs="$(mktemp -d /tmp/schema-parity-rootfs.XXXXXX)"
chmod 0755 "$rootfs" # it becomes the image's /, which the postgres user must be able to enter
trap 'rm -rf "$rootfs" "$rootfs.log"' EXIT
started=$SECONDS
echo "image $tag: debootstrap $suite + postgresql-$major (a minute or more)"
debootstrap --variant=minbase --include="postgresql-$major" "$suite" "$rootfs" http://deb.debian.org/debian >"$rootfs.log" 2>&1 ||
  { tail -20 "$rootfs.log" >&2; exit 1; }
[ -x "$rootfs/usr/lib/postgresql/$major/bin/postgres" ] ||
  { echo "postgres-image.sh: $suite's postgresql-$major has no /usr/lib/postgresql/$major/bin/postgres" >&2; exit 1; }
# The package's own cluster and caches are not part of the image's contract.
rm -rf "$rootfs/var/lib/postgresql/$major" "$rootfs/etc/postgresql" "$rootfs/usr/share/doc" "$rootfs/usr/share/man" \
  "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
install -m 0755 "$here/postgres-entrypoint.sh" "$rootfs/usr/local/bin/docker-entrypoint.sh"

tar -C "$rootfs" -c . | docker import \
  --change "ENV PATH=/usr/lib/postgresql/$major/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change 'ENTRYPOINT ["/usr/local/bin/docker-entrypoint.sh"]' \
  --change 'CMD ["postgres"]' \
  --change 'EXPOSE 5432' \
  - "$tag" >/dev/null
echo "image $tag: built from $suite in $((SECONDS - started)) s"
