import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { inject } from 'vitest';
import { loadConfig, type Config } from '../src/config/env.ts';
import { databaseUrl, quoteIdent } from '../src/db/connection-url.ts';
import { withSqlClient } from '../src/db/sql-client.ts';
import { createLogger } from '../src/lib/logger.ts';
import { startServer, type RunningServer } from '../src/runtime.ts';
import type { ServiceOverrides } from '../src/services.ts';
import { ADMIN_TEMPLATE_DB, TENANT_TEMPLATE_DB } from './test-databases.ts';

export interface TestServer extends RunningServer {
  adminUrl: string;
  postgresUrl: string;
  config: Config;
  /** A client with its own cookie jar, sending a same-origin `Origin` on writes. */
  client(): ApiClient;
}

/**
 * A real SmartKet on a free port with an admin database of its own, cloned from the migrated
 * template, so tests never share accounts, sessions or rate limits.
 */
export async function startTestServer(
  options: { env?: Record<string, string>; overrides?: ServiceOverrides } = {},
): Promise<TestServer> {
  const postgresUrl = inject('postgresUrl');
  const secretKey = inject('secretKey');
  const adminDb = `smartket_admin_${randomBytes(6).toString('hex')}`;
  await withSqlClient(postgresUrl, (client) =>
    client.query(`create database ${quoteIdent(adminDb)} template ${quoteIdent(ADMIN_TEMPLATE_DB)}`),
  );
  const adminUrl = databaseUrl(postgresUrl, { database: adminDb });
  const config = loadConfig({
    PORT: '0',
    TENANT_TEMPLATE_DB,
    AUTH_RATE_LIMIT_PER_IP: '1000',
    AUTH_RATE_LIMIT_PER_EMAIL: '1000',
    ...options.env,
  });
  const running = await startServer(config, { adminUrl, secretKey }, createLogger('silent'), {
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  return {
    ...running,
    adminUrl,
    postgresUrl,
    config,
    client: () => new ApiClient(running.url),
  };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** fetch with a cookie jar of one cookie (the session), the way a browser tab behaves. */
export class ApiClient {
  readonly baseUrl: string;
  cookie: string | undefined;
  origin: string | undefined;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl;
    this.origin = baseUrl;
  }

  get<T = unknown>(path: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, undefined, headers);
  }

  post<T = unknown>(
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, body === undefined ? undefined : JSON.stringify(body), {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    });
  }

  put<T = unknown>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('PUT', path, JSON.stringify(body), { 'content-type': 'application/json' });
  }

  patch<T = unknown>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, JSON.stringify(body), { 'content-type': 'application/json' });
  }

  /** POSTs `file` as the raw body (an upload), with whatever content type the test wants to claim. */
  upload<T = unknown>(
    path: string,
    file: Buffer,
    contentType: string | undefined,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T>> {
    return this.bytes<T>('POST', path, file, {
      ...(contentType ? { 'content-type': contentType } : {}),
      ...headers,
    });
  }

  /** GETs a file: the body comes back as bytes, untouched (an error answer is parsed JSON). */
  download<T = Buffer>(path: string, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    return this.bytes<T>('GET', path, undefined, headers);
  }

  /** Like `request`, with a binary body either way; a JSON answer is still parsed. */
  private async bytes<T>(
    method: string,
    path: string,
    body: Buffer | undefined,
    headers: Record<string, string>,
  ): Promise<ApiResponse<T>> {
    const response = await sendBytes(`${this.baseUrl}${path}`, method, body, {
      ...(this.cookie ? { cookie: this.cookie } : {}),
      ...(method !== 'GET' && this.origin ? { origin: this.origin } : {}),
      ...(body ? { 'content-length': String(body.length) } : {}),
      ...headers,
    });
    const isJson = response.headers.get('content-type')?.includes('json') ?? false;
    const parsed = (isJson ? JSON.parse(response.body.toString('utf8')) : response.body) as T;
    return { status: response.status, body: parsed, headers: response.headers };
  }

  /** Uses node:http rather than fetch, which silently drops a custom `Host` header. */
  async request<T>(
    method: string,
    path: string,
    rawBody: string | undefined,
    headers: Record<string, string>,
  ): Promise<ApiResponse<T>> {
    const response = await send(`${this.baseUrl}${path}`, method, rawBody, {
      ...(this.cookie ? { cookie: this.cookie } : {}),
      ...(method !== 'GET' && this.origin ? { origin: this.origin } : {}),
      ...headers,
    });
    const setCookie = response.headers.getSetCookie().find((value) => value.startsWith('smartket_session='));
    if (setCookie) {
      const value = setCookie.split(';')[0] ?? '';
      this.cookie =
        /Expires=Thu, 01 Jan 1970/i.test(setCookie) || value === 'smartket_session=' ? undefined : value;
    }
    const text = response.text;
    const body = (
      text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text
    ) as T;
    return { status: response.status, body, headers: response.headers };
  }
}

function send(
  url: string,
  method: string,
  body: string | undefined,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
            responseHeaders.append(name, item);
          }
        }
        resolve({
          status: response.statusCode ?? 0,
          headers: responseHeaders,
          text: Buffer.concat(chunks).toString('utf8'),
        });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
}

function sendBytes(
  url: string,
  method: string,
  body: Buffer | undefined,
  headers: Record<string, string>,
): Promise<{ status: number; headers: Headers; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) {
          for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
            responseHeaders.append(name, item);
          }
        }
        resolve({ status: response.statusCode ?? 0, headers: responseHeaders, body: Buffer.concat(chunks) });
      });
      response.on('error', reject);
    });
    // A server that answers early (413) may close the socket while the body is still going out.
    request.on('error', reject);
    request.end(body);
  });
}
