import { demoPassword } from "../../app/modules/demo/demo-households.ts";

const deviceCookieNames = ["__Host-espace.appareil", "espace.appareil"];
const testBrowserDevice = "test-browser-device-cookie-0123456789abcdef";

// A tiny browser stand-in: keeps cookies, sends same-origin form posts like a browser would, and never
// follows redirects by itself, so tests can assert each step.
export interface Cookie {
  name: string;
  value: string;
  attributes: string[];
}

export class TestClient {
  readonly cookies = new Map<string, Cookie>();
  readonly baseUrl: string;
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
    // Every TestClient is the same browser as far as "sign-in from a new device" goes (its device cookie), so a
    // test that signs a member in twice gets no security alert; tests of that alert remove these two cookies.
    for (const name of deviceCookieNames) this.cookies.set(name, { name, value: testBrowserDevice, attributes: [] });
  }

  /** The cookies the server set (the device cookie this stand-in always carries left out). */
  serverCookies(): string[] {
    return [...this.cookies.keys()].filter((name) => !deviceCookieNames.includes(name));
  }

  /** Forgets the device cookie: the next sign-in comes from a browser the account has never seen. */
  asNewDevice(): this {
    for (const name of deviceCookieNames) this.cookies.delete(name);
    return this;
  }

  private cookieHeader(): string {
    return [...this.cookies.values()].map((c) => `${c.name}=${c.value}`).join("; ");
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";").map((s) => s.trim());
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      const expired = attributes.some(
        (a) => /^max-age=0$/i.test(a) || (/^expires=/i.test(a) && new Date(a.slice(8)) < new Date()),
      );
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, { name, value, attributes });
    }
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      redirect: "manual",
      headers: { cookie: this.cookieHeader(), "sec-fetch-site": "same-origin", ...headers },
    });
    this.remember(response);
    return response;
  }

  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams(form),
      headers: {
        cookie: this.cookieHeader(),
        origin: this.baseUrl,
        "sec-fetch-site": "same-origin",
        "content-type": "application/x-www-form-urlencoded",
        ...headers,
      },
    });
    this.remember(response);
    return response;
  }

  /**
   * A form with files, as a browser sends it. On a connection of its own: a refused upload is answered before
   * its body is read, and the server then closes that connection; it must not be reused by the next request.
   */
  async postMultipart(
    path: string,
    fields: Record<string, string>,
    files: { name: string; bytes: Buffer; type?: string; field?: string }[] = [],
  ): Promise<Response> {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    for (const f of files)
      form.append(
        f.field ?? "fichiers",
        new Blob([new Uint8Array(f.bytes)], { type: f.type ?? "application/octet-stream" }),
        f.name,
      );
    const response = await fetch(this.baseUrl + path, {
      method: "POST",
      body: form,
      redirect: "manual",
      headers: {
        cookie: this.cookieHeader(),
        origin: this.baseUrl,
        "sec-fetch-site": "same-origin",
        connection: "close",
      },
    });
    this.remember(response);
    return response;
  }

  /** A body sent exactly as given (a hand-built or broken multipart body), on a connection of its own. */
  async postRaw(path: string, body: Uint8Array, contentType: string): Promise<Response> {
    const response = await fetch(this.baseUrl + path, {
      method: "POST",
      body: new Uint8Array(body),
      redirect: "manual",
      headers: {
        cookie: this.cookieHeader(),
        origin: this.baseUrl,
        "sec-fetch-site": "same-origin",
        "content-type": contentType,
        connection: "close",
      },
    });
    this.remember(response);
    return response;
  }

  /** The Cookie header this client sends, for requests made by hand (raw sockets). */
  cookieString(): string {
    return this.cookieHeader();
  }

  async signIn(identifier: string, password: string): Promise<Response> {
    return this.post("/connexion", { identifier, password });
  }
}

/** Page text without tags, scripts or the per-response nonce, for content assertions. */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

export const demo = {
  benoit: { number: "10000001", email: "benoit.brouez@example.com", password: demoPassword.member },
  claire: { number: "10000002", email: "claire.fontaine@example.com", password: demoPassword.member },
  advisor: { username: "conseiller.demo", email: "conseiller.demo@mutuelle.example", password: demoPassword.advisor },
  manager: {
    username: "gestionnaire.demo",
    email: "gestionnaire.demo@mutuelle.example",
    password: demoPassword.advisor,
  },
  administrator: {
    username: "administrateur.demo",
    email: "administrateur.demo@mutuelle.example",
    password: demoPassword.advisor,
  },
  secondAdministrator: {
    username: "administrateur2.demo",
    email: "administrateur2.demo@mutuelle.example",
    password: demoPassword.advisor,
  },
};
