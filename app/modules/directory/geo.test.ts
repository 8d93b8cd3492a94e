import { describe, expect, it } from "vitest";
import { boundingBox, distanceKm, formatDistance } from "./geo.ts";

const paris = { latitude: 48.8566, longitude: 2.3522 };
const lyon = { latitude: 45.764, longitude: 4.8357 };

describe("distanceKm", () => {
  it("measures Paris–Lyon as the great circle does (about 392 km)", () => {
    expect(distanceKm(paris, lyon)).toBeGreaterThan(390);
    expect(distanceKm(paris, lyon)).toBeLessThan(393);
  });
  it("is zero at the same point and symmetric", () => {
    expect(distanceKm(lyon, lyon)).toBe(0);
    expect(distanceKm(lyon, paris)).toBeCloseTo(distanceKm(paris, lyon), 9);
  });
  it("gives 111.2 km for one degree of latitude", () => {
    expect(distanceKm({ latitude: 45, longitude: 4 }, { latitude: 46, longitude: 4 })).toBeCloseTo(111.19, 1);
  });
});

describe("boundingBox", () => {
  it("holds every point of the circle and none much farther", () => {
    const box = boundingBox(lyon, 10);
    for (let deg = 0; deg < 360; deg += 5) {
      // A point 9.99 km away in every direction is inside the box.
      const rad = (deg * Math.PI) / 180;
      let lo = 0;
      let hi = 1;
      const at = (t: number) => ({
        latitude: lyon.latitude + t * Math.sin(rad),
        longitude: lyon.longitude + t * Math.cos(rad),
      });
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (distanceKm(lyon, at(mid)) < 9.99) lo = mid;
        else hi = mid;
      }
      const p = at(lo);
      expect(p.latitude).toBeGreaterThanOrEqual(box.minLatitude);
      expect(p.latitude).toBeLessThanOrEqual(box.maxLatitude);
      expect(p.longitude).toBeGreaterThanOrEqual(box.minLongitude);
      expect(p.longitude).toBeLessThanOrEqual(box.maxLongitude);
    }
    // The box is tight: its edges are at the radius (north) and a little more (east, the widest latitude).
    expect(distanceKm(lyon, { latitude: box.maxLatitude, longitude: lyon.longitude })).toBeCloseTo(10, 6);
    const east = distanceKm(lyon, { latitude: lyon.latitude, longitude: box.maxLongitude });
    expect(east).toBeGreaterThanOrEqual(10);
    expect(east).toBeLessThan(10.01);
  });
  it("spans every longitude when the circle reaches a pole", () => {
    const box = boundingBox({ latitude: 89.99, longitude: 10 }, 50);
    expect(box.minLongitude).toBe(-180);
    expect(box.maxLongitude).toBe(180);
    expect(box.maxLatitude).toBe(90);
  });
});

describe("formatDistance", () => {
  it("writes distances as the list shows them", () => {
    expect(formatDistance(0.004)).toBe("10 m");
    expect(formatDistance(0.347)).toBe("350 m");
    expect(formatDistance(1.234)).toBe("1,2 km");
    expect(formatDistance(9.96)).toBe("10,0 km");
    expect(formatDistance(12.4)).toBe("12 km");
  });
});
