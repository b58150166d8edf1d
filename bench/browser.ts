/**
 * One browser as the benchmarks drive SmartKet over HTTP: an owner's tablet, a paired phone or
 * kitchen screen. It keeps the cookies the server sets (session, device, staff) and sends them
 * back with the app's own origin, as a browser would.
 */
export class Browser {
  private readonly cookies = new Map<string, string>();
  private readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
  }

  /** The `Cookie` header this browser sends, for a socket that signs in as it. */
  get cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /**
   * Sends `body` as JSON (none when undefined) and answers the JSON reply; throws with the
   * server's answer when the status is not `expected`.
   */
  async send<T>(method: string, route: string, body?: unknown, expected = 200): Promise<T> {
    const response = await fetch(`${this.baseUrl}${route}`, {
      method,
      headers: {
        origin: this.baseUrl,
        cookie: this.cookieHeader,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const header of response.headers.getSetCookie()) {
      const [pair = ''] = header.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(header)) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
    const text = await response.text();
    if (response.status !== expected) {
      throw new Error(`${method} ${route}: expected ${expected}, got ${response.status} ${text}`);
    }
    return (text ? JSON.parse(text) : undefined) as T;
  }
}
