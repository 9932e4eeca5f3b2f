// Runs detached beside an embedded cluster. If the Node process that owns the cluster
// dies without stopping it (SIGKILL, a crash), this stops the postmaster and removes
// the cluster directory, so no postgres of ours outlives its run.
// Plain JavaScript so that it runs the same from sources and from dist.
// Usage: node watchdog.mjs <ownerPid> <clusterDir>
import { existsSync, readFileSync, rmSync } from 'node:fs';

const ownerPid = Number(process.argv[2]);
const clusterDir = process.argv[3];
const dataDir = `${clusterDir}/data`;

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
};

const postmaster = () => {
  try {
    const pid = Number.parseInt(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0], 10);
    return pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function stopCluster() {
  const pid = postmaster();
  if (pid && alive(pid)) {
    try { process.kill(pid, 'SIGINT'); } catch {}
    for (let i = 0; i < 100 && alive(pid); i++) await sleep(50);
    if (alive(pid)) try { process.kill(pid, 'SIGKILL'); } catch {}
  }
  rmSync(clusterDir, { recursive: true, force: true });
}

for (;;) {
  if (!existsSync(clusterDir)) process.exit(0); // stopped normally
  if (!alive(ownerPid)) {
    await stopCluster();
    process.exit(0);
  }
  await sleep(250);
}
