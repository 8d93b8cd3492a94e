import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// What a process keeps alive, not what it has touched: RSS also counts garbage the collector has not reclaimed
// yet and pages the allocator keeps, which vary with the machine's load (a streamed archive once showed 68 MB of
// RSS growth for 3 MB kept). A full collection before each sample leaves only what is still referenced.
const collect = typeof globalThis.gc === "function" ? globalThis.gc : exposeGc();

/** The collector's entry point for this process only (each Vitest fork is its own process). */
function exposeGc(): () => void {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  setFlagsFromString("--no-expose-gc"); // as it was: no other code sees a global gc it did not ask for
  return gc;
}

function liveBytes(): number {
  collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/** Runs `work` while sampling the live heap and buffers; answers the peak growth over the start, in bytes. */
export async function peakLiveGrowth(work: () => Promise<unknown>, everyMs = 100): Promise<number> {
  const before = liveBytes();
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, liveBytes())), everyMs);
  try {
    await work();
  } finally {
    clearInterval(sampler);
  }
  return Math.max(peak, liveBytes()) - before;
}
