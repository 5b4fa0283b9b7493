/** HTTP helpers: the error envelope, the 16 KiB body reader and request validation. */
import type { Context } from 'hono';
import * as v from 'valibot';
import type { ApiErrorCode } from '@passid/core/wire';

/** Largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 16 * 1024;

const STATUS: Record<ApiErrorCode, number> = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  IDEMPOTENCY_KEY_REUSED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** An error that becomes the `{ error: { code, message } }` envelope. */
export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.status = STATUS[code];
  }
}

export function errorResponse(c: Context, err: ApiError): Response {
  for (const [k, val] of Object.entries(err.headers)) c.header(k, val);
  return c.json({ error: { code: err.code, message: err.message } }, err.status as 400);
}

/** Reads the raw body, refusing more than 16 KiB by `Content-Length` or by counted bytes. */
export async function readRawBody(c: Context): Promise<Uint8Array> {
  const declared = c.req.header('content-length');
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) throw tooLarge();
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch {
      // The client broke the body off (a socket closed mid-body, bad chunk framing): its fault,
      // a 400 in the log, never a 500. The connection is usually gone, so nobody reads it.
      throw new ApiError('INVALID_REQUEST', 'The request body was cut off before its end.');
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

function tooLarge(): ApiError {
  return new ApiError('PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes (16 KiB).`);
}

/** Reads the JSON body and validates it. An empty body counts as `{}`. */
export async function readJson<S extends v.GenericSchema>(c: Context, schema: S): Promise<v.InferOutput<S>> {
  const raw = await readRawBody(c);
  let value: unknown = {};
  const text = Buffer.from(raw).toString('utf8');
  if (text.trim() !== '') {
    try {
      value = JSON.parse(text);
    } catch {
      throw new ApiError('INVALID_REQUEST', 'The request body is not valid JSON.');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new ApiError('INVALID_REQUEST', 'The request body must be a JSON object.');
    }
  }
  return validate(schema, value);
}

export function validate<S extends v.GenericSchema>(schema: S, value: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, value);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.');
  throw new ApiError('INVALID_REQUEST', path ? `${path}: ${issue.message}` : issue.message);
}

/** ISO-8601 UTC. */
export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
