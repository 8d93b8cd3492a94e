// A hang detector for the suites, not a budget: a test file still running after STILL_RUNNING_MINUTES (default 10)
// is named on the console once a minute, with the test it is in (or "between tests": a hook or a fixture's
// cleanup). A file that never ends would otherwise leave a CI run silent until the whole job is cut, with no
// word of which one it was. It never fails anything; the tests' own ceilings (vitest.config.ts) do.
import type { Reporter, TestCase, TestModule } from "vitest/node";

const minutes = Number(process.env.STILL_RUNNING_MINUTES ?? 10);

export default class StillRunningReporter implements Reporter {
  private running = new Map<TestModule, { since: number; test: string | null }>();
  private timer: NodeJS.Timeout | null = null;

  onTestRunStart() {
    this.timer ??= setInterval(() => {
      this.report();
    }, 60_000);
    this.timer.unref();
  }

  onTestModuleStart(module: TestModule) {
    this.running.set(module, { since: Date.now(), test: null });
  }

  onTestCaseReady(test: TestCase) {
    const entry = this.running.get(test.module);
    if (entry) entry.test = test.fullName;
  }

  onTestCaseResult(test: TestCase) {
    const entry = this.running.get(test.module);
    if (entry) entry.test = null;
  }

  onTestModuleEnd(module: TestModule) {
    this.running.delete(module);
  }

  onTestRunEnd() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.running.clear();
  }

  private report() {
    const now = Date.now();
    for (const [module, { since, test }] of this.running) {
      const ran = (now - since) / 60_000;
      if (ran < minutes) continue;
      console.error(
        `⏳ still running after ${Math.floor(ran)} min: [${module.project.name}] ${module.relativeModuleId} › ${test ?? "between tests (a hook or a fixture's cleanup)"}`,
      );
    }
  }
}
