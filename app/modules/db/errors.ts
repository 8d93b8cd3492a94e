// PostgreSQL errors the code expects, whatever wraps them (Drizzle puts the driver's error in `cause`).

/** 23505: a unique index refused a row (a concurrent twin won). */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: string }).code === "23505") return true;
  }
  return false;
}
