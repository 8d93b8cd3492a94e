import { afterEach, vi } from "vitest";

// A test that makes the code log console.error has hit an unexpected path: fail it instead of hiding it.
const spy = vi.spyOn(console, "error");
afterEach(() => {
  const calls = spy.mock.calls.slice();
  spy.mockClear();
  if (calls.length > 0) throw new Error(`console.error was called: ${calls.map((c) => c.join(" ")).join("\n")}`);
});
