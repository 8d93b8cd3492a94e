// Moved to app/modules/clock/calendar.ts (the one calendar helper of the app, issue 26). This re-export only
// keeps code written before the move building; import clock/calendar.ts in new code.
export * from "../clock/calendar.ts";
