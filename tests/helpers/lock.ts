// A cross-process lock from an atomic mkdir; a lock left by a dead process is taken over.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";

function holderIsAlive(lockDir: string): boolean {
  const pidFile = path.join(lockDir, "pid");
  if (!existsSync(pidFile)) return true; // being created right now
  try {
    process.kill(Number(readFileSync(pidFile, "utf8")), 0);
    return true;
  } catch {
    return false;
  }
}

export async function acquireLock(lockDir: string, timeoutMs = 30 * 60_000): Promise<() => Promise<void>> {
  await mkdir(path.dirname(lockDir), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(path.join(lockDir, "pid"), String(process.pid));
      return () => rm(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (!holderIsAlive(lockDir)) await rm(lockDir, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`Timed out waiting for ${lockDir}`);
      else await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}
