// How much work a function does, counted rather than timed: V8's precise block coverage counts every
// run of every block of JavaScript (each loop iteration, each callback a builtin calls back), and the
// array builtins that loop inside V8 where coverage cannot see (splice, indexOf, includes) add the
// elements they move or scan. The count is the same on an idle machine and a loaded one. Comparing the
// count for an input of size n with the count for 2n tells linear work (about twice as much) from
// quadratic (about four times).
//
// Coverage must be on before the code under test is compiled (a function compiled earlier may have no
// block counters): start counting, then import the modules under test.
import { Session } from "node:inspector/promises";

export type WorkCounter = {
  /** The blocks of JavaScript `work` runs. */
  count: (work: () => unknown) => Promise<number>;
  stop: () => Promise<void>;
};

export async function startCountingWork(): Promise<WorkCounter> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.startPreciseCoverage", { callCount: true, detailed: true });
  return {
    async count(work) {
      await session.post("Profiler.takePreciseCoverage"); // resets the counters
      const builtins = countBuiltinLoops(work);
      const { result } = await session.post("Profiler.takePreciseCoverage");
      let total = builtins;
      for (const script of result) for (const fn of script.functions) for (const range of fn.ranges) total += range.count;
      return total;
    },
    async stop() {
      await session.post("Profiler.stopPreciseCoverage");
      session.disconnect();
    },
  };
}

/** Runs `work` with Array's looping builtins counting the elements they move or scan; returns that count. */
function countBuiltinLoops(work: () => unknown): number {
  const { splice, indexOf, lastIndexOf, includes } = Array.prototype;
  let elements = 0;
  const from = (array: unknown[], start: number | undefined) => {
    const at = Math.trunc(start ?? 0);
    return at < 0 ? Math.max(array.length + at, 0) : Math.min(at, array.length);
  };
  Array.prototype.splice = function (this: unknown[], ...args: [number, number, ...unknown[]]) {
    elements += this.length - from(this, args[0]);
    return splice.apply(this, args);
  } as typeof splice;
  Array.prototype.indexOf = function (this: unknown[], ...args: [unknown, number?]) {
    elements += this.length - from(this, args[1]);
    return indexOf.apply(this, args);
  };
  Array.prototype.lastIndexOf = function (this: unknown[], ...args: [unknown, number?]) {
    elements += this.length;
    return lastIndexOf.apply(this, args as [unknown, number]);
  };
  Array.prototype.includes = function (this: unknown[], ...args: [unknown, number?]) {
    elements += this.length - from(this, args[1]);
    return includes.apply(this, args);
  };
  try {
    work();
  } finally {
    Object.assign(Array.prototype, { splice, indexOf, lastIndexOf, includes });
  }
  return elements;
}

/**
 * The work for an input twice the size, as a multiple of the work for the input: about 2 when the work
 * grows in proportion to the input, about 4 when it grows with its square. Each input is run once
 * beforehand, so one-off set-up (a regular expression compiled on first use) is not counted.
 */
export async function growthOfWork(counter: WorkCounter, run: (size: number) => unknown, size: number): Promise<number> {
  run(size);
  const once = await counter.count(() => run(size));
  const twice = await counter.count(() => run(2 * size));
  return twice / once;
}
