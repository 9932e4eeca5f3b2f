# Runs detached beside an embedded cluster (spawnWatchdog in embedded.ts). If the Node process that
# owns the cluster dies without stopping it (SIGKILL, a crash), this stops the postmaster and
# removes the cluster directory, so no postgres of ours outlives its run.
# POSIX sh (dash, bash, macOS's sh), not Node: a Node watchdog cost ~80 ms of CPU at every server
# start. Usage: sh watchdog.sh <clusterDir> [<grace, in tenths of a second>], its stdin a pipe
# whose other end only the owner holds. Nothing is ever written to it: the read below returns at
# end of file, when the owner closed its end after stopping the cluster, or died — it sleeps
# until then, polling nothing.

dir=$1
grace=${2:-50}

# the builtin read: no process started, no CPU while it waits
while read -r _; do :; done

# a normal stop: the owner removed the directory before closing its end
[ -d "$dir" ] || exit 0

# Whether a process runs: a zombie (exited, not reaped because its parent died and PID 1 does
# not reap, as in some containers) has stopped. Its state is read from /proc where there is one.
alive() {
  kill -0 "$1" 2>/dev/null || return 1
  stat=
  { read -r stat <"/proc/$1/stat"; } 2>/dev/null
  case ${stat##*)} in ' Z'*) return 1 ;; esac
  return 0
}

pid=
{ read -r pid <"$dir/data/postmaster.pid"; } 2>/dev/null
case $pid in '' | *[!0-9]*) pid= ;; esac
if [ -n "$pid" ] && alive "$pid"; then
  # a fast shutdown; SIGKILL after the grace (~5 s)
  kill -INT "$pid" 2>/dev/null
  i=0
  while [ "$i" -lt "$grace" ] && alive "$pid"; do
    sleep 0.1
    i=$((i + 1))
  done
  if alive "$pid"; then kill -KILL "$pid" 2>/dev/null; fi
fi
rm -rf "$dir"
