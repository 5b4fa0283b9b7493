/** The playground's controls, read from and written to the page URL so a setup can be shared. */
import { PERMISSIONS, type Permission, type WatchMode } from '@passid/core';
import { PASBY_CLAIM_KEYS, PASBY_MODES, type PasbyClaimKey, type PasbyMode } from '@passid/core/pasby';
import { isLanguage, type LanguageCode } from '../labels';

export type Provider = 'passid' | 'pasby';
export type KeyMode = 'direct' | 'proxy';
export type PlaygroundLocale = LanguageCode;

export interface Settings {
  /** Which widget: `<PASSIDVerify>` or `<PasbyVerify>`. */
  provider: Provider;
  mode: KeyMode;
  sandboxUrl: string;
  institutionName: string;
  permissions: Permission[];
  ttlSeconds: number;
  primary: string;
  dark: boolean;
  /** `<PASSIDVerify nextCustomer>`: a "Verify another customer" button after success. */
  nextCustomer: boolean;
  locale: PlaygroundLocale;
  /** How the widget watches the open session: push with polling as the floor, push only, or polling. */
  watch: WatchMode;
  /** pasby: how the customer answers. */
  pasbyMode: PasbyMode;
  /** pasby: the claims to ask the proxy for. */
  pasbyClaims: PasbyClaimKey[];
}

export const DEFAULT_PASBY_CLAIMS: PasbyClaimKey[] = ['naming.given', 'naming.family'];

export const DEFAULT_PRIMARY = '#00c27a';

export function readSettings(search: string, sandboxUrl: string): Settings {
  const q = new URLSearchParams(search);
  const perms = q.get('permissions');
  const ttl = Number(q.get('ttl'));
  const primary = q.get('primary');
  const pasbyMode = q.get('pasbyMode');
  const claims = q.get('claims')?.split(',').filter((c): c is PasbyClaimKey => (PASBY_CLAIM_KEYS as readonly string[]).includes(c));
  return {
    provider: q.get('provider') === 'pasby' ? 'pasby' : 'passid',
    mode: q.get('mode') === 'proxy' ? 'proxy' : 'direct',
    sandboxUrl: q.get('sandbox') ?? sandboxUrl,
    institutionName: q.get('institution') ?? 'Demo Bank',
    permissions: perms
      ? perms.split(',').filter((p): p is Permission => (PERMISSIONS as readonly string[]).includes(p))
      : [...PERMISSIONS],
    ttlSeconds: Number.isInteger(ttl) && ttl >= 60 && ttl <= 3600 ? ttl : 600,
    primary: primary && /^#[0-9a-f]{6}$/i.test(primary) ? primary : DEFAULT_PRIMARY,
    dark: q.get('dark') === '1',
    nextCustomer: q.get('next') === '1',
    locale: isLanguage(q.get('locale')) ? (q.get('locale') as LanguageCode) : 'en',
    watch: q.get('watch') === 'poll' ? 'poll' : q.get('watch') === 'push' ? 'push' : 'auto',
    pasbyMode: (PASBY_MODES as readonly string[]).includes(pasbyMode ?? '') ? (pasbyMode as PasbyMode) : 'wildcard',
    pasbyClaims: claims && claims.length > 0 ? claims : DEFAULT_PASBY_CLAIMS,
  };
}

/** Mirrors the settings that differ from the defaults into the URL (no reload). */
export function writeSettings(settings: Settings, defaultSandboxUrl: string): void {
  const q = new URLSearchParams();
  if (settings.provider !== 'passid') q.set('provider', settings.provider);
  if (settings.pasbyMode !== 'wildcard') q.set('pasbyMode', settings.pasbyMode);
  if (settings.pasbyClaims.join() !== DEFAULT_PASBY_CLAIMS.join()) q.set('claims', settings.pasbyClaims.join(','));
  if (settings.mode !== 'direct') q.set('mode', settings.mode);
  if (settings.sandboxUrl !== defaultSandboxUrl) q.set('sandbox', settings.sandboxUrl);
  if (settings.institutionName !== 'Demo Bank') q.set('institution', settings.institutionName);
  if (settings.permissions.length !== PERMISSIONS.length) q.set('permissions', settings.permissions.join(','));
  if (settings.ttlSeconds !== 600) q.set('ttl', String(settings.ttlSeconds));
  if (settings.primary !== DEFAULT_PRIMARY) q.set('primary', settings.primary);
  if (settings.dark) q.set('dark', '1');
  if (settings.nextCustomer) q.set('next', '1');
  if (settings.locale !== 'en') q.set('locale', settings.locale);
  if (settings.watch !== 'auto') q.set('watch', settings.watch);
  const search = q.toString();
  history.replaceState(null, '', `${location.pathname}${search ? `?${search}` : ''}`);
}
