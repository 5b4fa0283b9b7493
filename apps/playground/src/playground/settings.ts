/** The playground's controls, read from and written to the page URL so a setup can be shared. */
import { PERMISSIONS, type Permission, type WatchMode } from '@passid/core';

export type KeyMode = 'direct' | 'proxy';
export type PlaygroundLocale = 'en' | 'fr';

export interface Settings {
  mode: KeyMode;
  sandboxUrl: string;
  institutionName: string;
  permissions: Permission[];
  ttlSeconds: number;
  primary: string;
  dark: boolean;
  locale: PlaygroundLocale;
  /** How the widget watches the open session: push with polling as the floor, push only, or polling. */
  watch: WatchMode;
}

export const DEFAULT_PRIMARY = '#00c27a';

export function readSettings(search: string, sandboxUrl: string): Settings {
  const q = new URLSearchParams(search);
  const perms = q.get('permissions');
  const ttl = Number(q.get('ttl'));
  const primary = q.get('primary');
  return {
    mode: q.get('mode') === 'proxy' ? 'proxy' : 'direct',
    sandboxUrl: q.get('sandbox') ?? sandboxUrl,
    institutionName: q.get('institution') ?? 'Demo Bank',
    permissions: perms
      ? perms.split(',').filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p))
      : [...PERMISSIONS],
    ttlSeconds: Number.isInteger(ttl) && ttl >= 60 && ttl <= 3600 ? ttl : 600,
    primary: primary && /^#[0-9a-f]{6}$/i.test(primary) ? primary : DEFAULT_PRIMARY,
    dark: q.get('dark') === '1',
    locale: q.get('locale') === 'fr' ? 'fr' : 'en',
    watch: q.get('watch') === 'poll' ? 'poll' : q.get('watch') === 'push' ? 'push' : 'auto',
  };
}

/** Mirrors the settings that differ from the defaults into the URL (no reload). */
export function writeSettings(settings: Settings, defaultSandboxUrl: string): void {
  const q = new URLSearchParams();
  if (settings.mode !== 'direct') q.set('mode', settings.mode);
  if (settings.sandboxUrl !== defaultSandboxUrl) q.set('sandbox', settings.sandboxUrl);
  if (settings.institutionName !== 'Demo Bank') q.set('institution', settings.institutionName);
  if (settings.permissions.length !== PERMISSIONS.length) q.set('permissions', settings.permissions.join(','));
  if (settings.ttlSeconds !== 600) q.set('ttl', String(settings.ttlSeconds));
  if (settings.primary !== DEFAULT_PRIMARY) q.set('primary', settings.primary);
  if (settings.dark) q.set('dark', '1');
  if (settings.locale !== 'en') q.set('locale', settings.locale);
  if (settings.watch !== 'auto') q.set('watch', settings.watch);
  const search = q.toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
}
