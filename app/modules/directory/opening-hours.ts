// Opening hours of an agency, read in Paris time: today's hours and whether it is open at an instant. Pure:
// the instant comes from the clock module (clock.now()), never from the machine here.

export const weekdays = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"] as const;
export type Weekday = (typeof weekdays)[number];

/** "09:00-12:30" — an interval may end at "24:00", or past midnight ("22:00-02:00": the night that follows). */
export type Interval = string;
export type WeeklySchedule = Partial<Record<Weekday, Interval[]>>;

export const intervalPattern = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;

function minutes(interval: Interval): { start: number; end: number } {
  const m = intervalPattern.exec(interval);
  if (!m) throw new Error(`horaire invalide : ${interval}`);
  const start = Number(m[1]) * 60 + Number(m[2]);
  const end = Number(m[3]) * 60 + Number(m[4]);
  return { start, end };
}

/** Whether "HH:MM-HH:MM" is a valid interval (not empty: the end differs from the start). */
export function isValidInterval(interval: string): boolean {
  const m = intervalPattern.exec(interval);
  if (!m) return false;
  if (m[3] === "24" && m[4] !== "00") return false;
  const { start, end } = minutes(interval);
  return start !== end;
}

const parisParts = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Paris",
  weekday: "short",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const shortDays: Record<string, number> = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 };

/** The Paris weekday (0 = lundi) and minute of the day of an instant (summer and winter time alike). */
export function parisWallTime(instant: Date): { day: number; minute: number } {
  const parts = Object.fromEntries(parisParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return { day: shortDays[parts.weekday ?? ""] ?? 0, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

/** The weekday of a day number (0 = lundi; 7 is lundi again). */
function weekdayAt(day: number): Weekday {
  return weekdays[day % 7] ?? "lundi";
}

/** Whether the schedule is open at that instant, in Paris. */
export function isOpenAt(schedule: WeeklySchedule, instant: Date): boolean {
  const { day, minute } = parisWallTime(instant);
  for (const interval of schedule[weekdayAt(day)] ?? []) {
    const { start, end } = minutes(interval);
    if (end > start ? minute >= start && minute < end : minute >= start) return true;
  }
  // Last night's interval running past midnight.
  for (const interval of schedule[weekdayAt(day + 6)] ?? []) {
    const { start, end } = minutes(interval);
    if (end < start && minute < end) return true;
  }
  return false;
}

/** "9 h", "12 h 30" */
function clockText(total: number): string {
  const h = Math.floor(total / 60) % 24;
  const m = total % 60;
  return m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, "0")}`;
}

/** "9 h – 12 h 30 et 13 h 30 – 17 h 30", or "fermé". */
export function describeDay(intervals: Interval[] | undefined): string {
  if (!intervals || intervals.length === 0) return "fermé";
  return intervals
    .map((i) => {
      const { start, end } = minutes(i);
      return `${clockText(start)} – ${end === 24 * 60 ? "minuit" : clockText(end)}`;
    })
    .join(" et ");
}

export interface AgencyStatus {
  /** "lundi" … "dimanche", in Paris. */
  today: Weekday;
  todayHours: string;
  open: boolean;
}

export function agencyStatus(schedule: WeeklySchedule, instant: Date): AgencyStatus {
  const { day } = parisWallTime(instant);
  const today = weekdayAt(day);
  return { today, todayHours: describeDay(schedule[today]), open: isOpenAt(schedule, instant) };
}
