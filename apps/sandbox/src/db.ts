/**
 * The sandbox's SQLite store (better-sqlite3, WAL). Requests, share tokens, verifications,
 * idempotency records, outcomes, webhook endpoints, events, deliveries and attempts all live
 * here, so a restart loses nothing. Statements are prepared once.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS requests (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL,
  institution_name TEXT NOT NULL,
  code TEXT NOT NULL,
  status TEXT NOT NULL,
  permissions TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  claims TEXT,
  verified_at INTEGER,
  decline_reason TEXT,
  token TEXT
);
CREATE INDEX IF NOT EXISTS requests_code ON requests (code, created_at);
CREATE TABLE IF NOT EXISTS tokens (
  token TEXT PRIMARY KEY,
  persona TEXT NOT NULL,
  permissions TEXT NOT NULL,
  institution_id TEXT,
  request_id TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  revoked_at INTEGER,
  used_at INTEGER,
  used_by TEXT
);
CREATE TABLE IF NOT EXISTS verifications (
  institution_id TEXT NOT NULL,
  token TEXT NOT NULL,
  tier TEXT NOT NULL,
  fsi_score INTEGER NOT NULL,
  verified_at INTEGER NOT NULL,
  PRIMARY KEY (institution_id, token)
);
CREATE TABLE IF NOT EXISTS outcomes (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL,
  token TEXT NOT NULL,
  outcome TEXT NOT NULL,
  body TEXT NOT NULL,
  fsi_score INTEGER,
  reported_at INTEGER NOT NULL,
  UNIQUE (institution_id, token)
);
CREATE TABLE IF NOT EXISTS idempotency (
  institution_id TEXT NOT NULL,
  key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  state TEXT NOT NULL,
  status INTEGER,
  body TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (institution_id, key)
);
CREATE TABLE IF NOT EXISTS webhook_endpoints (
  institution_id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_events (
  id TEXT PRIMARY KEY,
  institution_id TEXT NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id TEXT PRIMARY KEY,
  event_id TEXT NOT NULL,
  institution_id TEXT NOT NULL,
  url TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS deliveries_inst ON webhook_deliveries (institution_id, created_at);
CREATE TABLE IF NOT EXISTS webhook_attempts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  delivery_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  finished_at INTEGER,
  status_code INTEGER,
  error TEXT
);
CREATE INDEX IF NOT EXISTS attempts_delivery ON webhook_attempts (delivery_id, id);
`;

export type Db = Database.Database;

/** Opens (and creates) the sandbox database. `':memory:'` gives a throwaway one. */
export function openDb(path: string): Db {
  if (path !== ':memory:' && !path.startsWith('file:')) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}

/** The per-database secret that signs wallet JWTs (created on first open). */
export function jwtSecret(db: Db): Buffer {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get('jwt_secret') as { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'base64url');
  const secret = randomBytes(32);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('jwt_secret', secret.toString('base64url'));
  return jwtSecret(db);
}
