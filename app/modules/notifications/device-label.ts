// A device's name in plain French from its browser's User-Agent ("Firefox sur Android"): what the member
// reads in their list of devices (and in a new-device alert). Pure; never more precise than browser and system.

const browsers: [RegExp, string][] = [
  [/EdgA?\//, "Edge"],
  [/SamsungBrowser\//, "Samsung Internet"],
  [/OPR\//, "Opera"],
  [/Firefox\/|FxiOS\//, "Firefox"],
  [/Chrome\/|CriOS\/|Chromium\//, "Chrome"],
  [/Safari\//, "Safari"],
];

const systems: [RegExp, string][] = [
  [/Android/, "Android"],
  [/iPhone/, "iPhone"],
  [/iPad/, "iPad"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "Mac"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

export function deviceLabel(userAgent: string): string {
  const browser = browsers.find(([re]) => re.test(userAgent))?.[1] ?? "Navigateur";
  const system = systems.find(([re]) => re.test(userAgent))?.[1];
  return system ? `${browser} sur ${system}` : browser;
}
