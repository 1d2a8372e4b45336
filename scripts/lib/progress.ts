// The progress bar every long command-line job draws: done / total, rate, time left, on one line that
// redraws itself on a terminal (one line per update elsewhere, e.g. in a log).

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--";
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** sent / total, rate, time left, on one line that redraws itself. */
export function progressLine(done: number, total: number, elapsedSeconds: number, width = 30): string {
  const share = total === 0 ? 1 : Math.min(1, done / total);
  const filled = Math.round(share * width);
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const left = rate > 0 ? (total - done) / rate : Infinity;
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done.toLocaleString("en-GB")}/${total.toLocaleString("en-GB")} ${Math.floor(share * 100)}%  ${rate.toFixed(0)}/s  ${formatDuration(left)} left`;
}

/** Draws progress on stderr at most every `intervalMs`; `finish` ends the line. */
export function progressReporter(options: { quiet?: boolean; intervalMs?: number; label?: string } = {}) {
  const started = Date.now();
  const interactive = !options.quiet && process.stderr.isTTY;
  let last = 0;
  let drawn = false;
  return {
    update(done: number, total: number, force = false) {
      if (options.quiet) return;
      const now = Date.now();
      if (!force && now - last < (options.intervalMs ?? (interactive ? 100 : 5000))) return;
      last = now;
      const line = `${options.label ? `${options.label} ` : ""}${progressLine(done, total, (now - started) / 1000)}`;
      if (interactive) process.stderr.write(`\r${line}`);
      else console.error(line);
      drawn = true;
    },
    finish() {
      if (interactive && drawn) process.stderr.write("\n");
    },
  };
}
