// A response body is whatever JSON the test asserts on: its type parameter defaults to any on purpose.
/* eslint-disable @typescript-eslint/no-explicit-any */
import { request as httpRequest } from 'node:http';

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  body?: unknown;
  cookie?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}

/** A thin client over fetch: the real HTTP layer, nothing mocked. */
export class Http {
  constructor(readonly baseUrl: string) {}

  async request<T = any>(method: string, path: string, options: RequestOptions = {}): Promise<HttpResult<T>> {
    const url = new URL(path, this.baseUrl);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    let body: string | undefined;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    }
    const response = await fetch(url, { method, headers, body, redirect: 'manual' });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  /** A multipart/form-data upload: the form's fields first, then the file part named `file`. */
  async upload<T = any>(
    path: string,
    file: { name: string; content: string | Buffer },
    fields: Record<string, string> = {},
    options: RequestOptions = {},
  ): Promise<HttpResult<T>> {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, value);
    form.append(
      'file',
      new Blob([typeof file.content === 'string' ? file.content : new Uint8Array(file.content)]),
      file.name,
    );
    const headers: Record<string, string> = { ...options.headers };
    if (options.cookie) headers.cookie = options.cookie;
    if (options.apiKey) headers['x-api-key'] = options.apiKey;
    const response = await fetch(new URL(path, this.baseUrl), { method: 'POST', headers, body: form });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('GET', path, options);
  }
  post<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('POST', path, { ...options, body });
  }
  put<T = any>(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request<T>('PUT', path, { ...options, body });
  }
  delete<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>('DELETE', path, options);
  }

  /** Signs in and returns the session cookie to send back. */
  async login(email: string, password: string): Promise<string> {
    const result = await this.post('/api/v1/auth/login', { email, password });
    if (result.status !== 200) throw new Error(`login ${email} failed: ${result.status} ${result.text}`);
    const setCookie = result.headers.get('set-cookie') ?? '';
    return setCookie.split(';')[0];
  }
}

/**
 * One request whose socket is bound to `localAddress` (any of 127.0.0.0/8 on Linux), so the server sees it
 * come from another client address — what fetch cannot do.
 */
export function requestFrom<T = any>(
  localAddress: string,
  baseUrl: string,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<HttpResult<T>> {
  const url = new URL(path, baseUrl);
  for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.apiKey) headers['x-api-key'] = options.apiKey;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          // not JSON: keep the text
        }
        const responseHeaders = new Headers();
        for (const [key, value] of Object.entries(res.headers)) {
          for (const one of [value ?? []].flat()) responseHeaders.append(key, one);
        }
        resolve({ status: res.statusCode ?? 0, headers: responseHeaders, body: parsed as T, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
