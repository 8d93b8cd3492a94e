export { type Clock, parisDateOf, pinnedClock, systemClock } from "./clock.ts";
export { clockFromEnv, clockPinProblem } from "./from-env.ts";
