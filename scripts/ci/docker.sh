#!/usr/bin/env bash
# A Docker daemon for the container tests, on a machine that has none running (our CI: root,
# Debian's apt, no registry). `start` installs docker.io if needed, starts dockerd on its own
# socket and builds a postgres image per major from Debian's packages (15 from bookworm, 17 from
# trixie; PARITY_IMAGE_MAJORS chooses; an image already built is kept); `stop` removes what it started.
#   eval "$(scripts/ci/docker.sh start)"   # prints the exports the tests need
#   scripts/ci/docker.sh stop
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="${PARITY_DOCKER_STATE:-/tmp/schema-parity-docker}"
socket="$state/docker.sock"
majors="${PARITY_IMAGE_MAJORS:-15 17}"
# one tag per major: the harness puts the major it wants in place of {major}
images="schema-parity/postgres:{major}"

log() { echo "docker.sh: $*" >&2; }

start() {
  if docker version >/dev/null 2>&1; then
    log "a Docker daemon already answers${DOCKER_HOST:+ at $DOCKER_HOST}: using it"
    return 0
  fi
  if [ "$(id -u)" != 0 ]; then log "needs root to run dockerd"; return 1; fi
  if ! command -v dockerd >/dev/null; then
    log "installing docker.io and debootstrap from Debian"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker.io debootstrap >"$state.apt.log" 2>&1 ||
      { tail -20 "$state.apt.log" >&2; return 1; }
  fi
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q debootstrap >/dev/null 2>&1
  mkdir -p "$state"
  if ! DOCKER_HOST="unix://$socket" docker version >/dev/null 2>&1; then
    # overlay2 where the kernel lets us mount overlay (a container starts in ~1 s), else vfs
    # (every container copies the whole image: slow, but works anywhere).
    local driver=vfs
    mkdir -p "$state/probe/lower" "$state/probe/upper" "$state/probe/work" "$state/probe/merged"
    if mount -t overlay overlay -o "lowerdir=$state/probe/lower,upperdir=$state/probe/upper,workdir=$state/probe/work" "$state/probe/merged" 2>/dev/null; then
      umount "$state/probe/merged"
      driver=overlay2
    fi
    rm -rf "$state/probe"
    log "starting dockerd ($driver storage, socket $socket)"
    nohup dockerd --storage-driver=$driver --data-root="$state/root" --exec-root="$state/exec" \
      -H "unix://$socket" --pidfile "$state/dockerd.pid" >"$state/dockerd.log" 2>&1 &
    for _ in $(seq 1 60); do
      DOCKER_HOST="unix://$socket" docker version >/dev/null 2>&1 && break
      sleep 0.5
    done
    DOCKER_HOST="unix://$socket" docker version >/dev/null 2>&1 || { tail -20 "$state/dockerd.log" >&2; return 1; }
  fi
  local major
  for major in $majors; do
    DOCKER_HOST="unix://$socket" timeout 900 "$here/postgres-image.sh" "${images//\{major\}/$major}" "$major" >&2
  done
  # ryuk (testcontainers' reaper) comes from Docker Hub, which is not reachable here; stop() and
  # this script's `stop` do its work.
  echo "export DOCKER_HOST=unix://$socket PARITY_CONTAINER_IMAGE=$images PARITY_IMAGE_MAJORS=\"$majors\" TESTCONTAINERS_RYUK_DISABLED=true"
}

stop() {
  [ -f "$state/dockerd.pid" ] || return 0
  local pid
  pid="$(cat "$state/dockerd.pid")"
  local left
  left="$(DOCKER_HOST="unix://$socket" docker ps -q --filter label=dev.schema-parity 2>/dev/null || true)"
  if [ -n "$left" ]; then
    log "containers of ours still running: $left"
    DOCKER_HOST="unix://$socket" docker rm -f $left >/dev/null 2>&1 || true
  fi
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$state/dockerd.pid"
  # dockerd leaves its netns and layer mounts behind; unmount them so the state dir can be removed
  awk -v s="$state/" 'index($2, s) == 1 { print $2 }' /proc/mounts | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
  [ -z "$left" ]
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
