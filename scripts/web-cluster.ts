// Several web processes (scripts/web-server.ts) behind one port, for `WEB_CONCURRENCY=N npm start`:
// Node's cluster module keeps the listening socket here and hands each new connection to the next
// process in turn.
// They serve one build and share cache invalidation through the database (src/lib/cache). A process
// that stops unexpectedly (a crash, an exhausted heap) is replaced by a new one, and the others go on
// serving meanwhile; one that keeps dying (five times within a minute) stops them all, and `npm start`
// reports it.
//
// Usage: node [webServerNodeOptions] scripts/web-cluster.ts PORT COUNT (only Node's own modules here).
import cluster, { type Worker } from "node:cluster";

const [port, count] = process.argv.slice(2).map(Number);
if (!Number.isInteger(port) || !Number.isInteger(count) || count < 1) {
  console.error("Usage: node scripts/web-cluster.ts PORT COUNT");
  process.exit(2);
}

// Each process inherits this one's Node options (webServerNodeOptions in scripts/lib/services.ts).
cluster.setupPrimary({ exec: "scripts/web-server.ts" });

let stopping = false;
const workers: Worker[] = [];

function stop(code: number) {
  if (stopping) return;
  stopping = true;
  const alive = workers.filter((worker) => !worker.isDead());
  if (alive.length === 0) process.exit(code);
  let left = alive.length;
  for (const worker of alive) {
    worker.once("exit", () => {
      left -= 1;
      if (left === 0) process.exit(code);
    });
    worker.process.kill("SIGTERM");
  }
}

let listening = 0;
cluster.on("listening", () => {
  listening += 1;
  if (listening === count) console.log(`${count} web processes serve port ${port}`);
});
const MAX_RESTARTS = 5;
const crashes: number[] = [];
cluster.on("exit", (worker, code, signal) => {
  if (stopping) return;
  const now = Date.now();
  crashes.push(now);
  while (crashes.length > 0 && crashes[0] < now - 60_000) crashes.shift();
  const how = signal ? `killed by ${signal}` : `exit ${code}`;
  if (crashes.length >= MAX_RESTARTS) {
    console.error(`web process ${worker.process.pid} stopped unexpectedly (${how}), the ${crashes.length}th time within a minute; stopping the others`);
    stop(1);
    return;
  }
  const index = workers.indexOf(worker);
  console.error(`web process ${worker.process.pid} stopped unexpectedly (${how}; its error is above); starting another`);
  workers[index] = cluster.fork({ DOCKET_WEB_PROCESS: String(index + 1) });
});

for (let index = 1; index <= count; index++) workers.push(cluster.fork({ DOCKET_WEB_PROCESS: String(index) }));
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(0));
