import { Transform } from "node:stream";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { ObjectStorage } from "../../app/modules/storage/storage.server.ts";

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

/** The peak of what the process keeps alive over what it kept when the meter was made, sampled when asked. */
export function liveGrowthMeter(): { sample: () => void; growth: () => number } {
  const before = liveBytes();
  let peak = before;
  return {
    sample: () => {
      peak = Math.max(peak, liveBytes());
    },
    growth: () => Math.max(peak, liveBytes()) - before,
  };
}

/**
 * The same storage, sampling the meter each time `everyBytes` more of an object have been written: samples follow
 * the work's progress, not the clock, so a slow machine takes as many as a fast one (a timer every 100 ms made
 * each sample a full collection and slowed a 120 MB export past two minutes on a loaded machine).
 */
export function sampledAsWritten<S extends ObjectStorage>(storage: S, sample: () => void, everyBytes: number): S {
  const sampled = Object.create(storage) as S;
  sampled.put = (key, body, options) => {
    let sinceSample = 0;
    const counted = body.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          sinceSample += chunk.length;
          if (sinceSample >= everyBytes) {
            sinceSample = 0;
            sample();
          }
          done(null, chunk);
        },
      }),
    );
    body.once("error", (error) => counted.destroy(error));
    return storage.put(key, counted, options);
  };
  return sampled;
}
