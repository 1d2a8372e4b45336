/** A run left RUNNING with no sign of life for this long belonged to a process that stopped. */
export const STALE_AFTER_MS = 2 * 60 * 1000;

export function importRunState(run: { status: "RUNNING" | "WAITING" | "COMPLETED" | "FAILED"; heartbeatAt: Date; done: number; total: number }, now = Date.now()) {
  if (run.status === "COMPLETED") return { label: "finished", running: false };
  if (run.status === "WAITING") return { label: "waiting for the author step", running: false };
  if (run.status === "FAILED") return { label: "stopped", running: false };
  if (now - run.heartbeatAt.getTime() > STALE_AFTER_MS) return { label: "interrupted", running: false };
  return { label: run.total > 0 ? `running (${Math.floor((run.done / run.total) * 100)}%)` : "reading the file", running: true };
}
