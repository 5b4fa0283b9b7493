/**
 * pasby's sandbox data: the apps (API key, secret, consumer, app id, name) and the personas
 * with their NINs and claims. Everything here is public test data; nothing is a secret.
 */
import type { SandboxPersona } from '@passid/core/wire';
import { PASBY_CLAIM_KEYS, type PasbyClaimKey } from '@passid/core/wire';

/** A pasby app as the sandbox knows it. */
export interface PasbyApp {
  /** `x-api-key`. */
  readonly key: string;
  /** `x-access-secret`. */
  readonly secret: string;
  /** The organisation id (`requester` on flows, `sub` of v1 authorize). */
  readonly consumer: string;
  /** The app id (`app` of v1 authorize). */
  readonly app: string;
  /** Shown to the user in the pasby app. */
  readonly name: string;
}

export const PASBY_APPS: readonly PasbyApp[] = [
  { key: 'bk-test_sandbox', secret: 'snb_sandbox', consumer: 'bcn_sandbox', app: 'app_sandbox', name: 'Sandbox Bank' },
  { key: 'bk-test_other', secret: 'snb_other', consumer: 'bcn_other', app: 'app_other', name: 'Other Bank' },
];

/** The claim keys an identification may ask for (pasby.md, "Identification"): the contract's one list. */
export const PASBY_CLAIMS = PASBY_CLAIM_KEYS;
export type PasbyClaim = PasbyClaimKey;

export const PASBY_ACTIONS = ['login', 'signup', 'link'] as const;

/** A persona's full claim set, by claim key. */
export type PasbyClaimValues = Readonly<Record<PasbyClaim, string>>;

export interface PasbyPersona {
  readonly persona: SandboxPersona;
  /** National identification number (11 digits). */
  readonly nin: string;
  readonly displayName: string;
  /** `true`: every flow this persona touches ends declined (zed). */
  readonly declinesEverything: boolean;
  readonly claims: PasbyClaimValues;
}

export const PASBY_PERSONAS: Readonly<Record<SandboxPersona, PasbyPersona>> = {
  amina: {
    persona: 'amina', nin: '12345678901', displayName: 'Amina Wanjiru', declinesEverything: false,
    claims: {
      'naming.family': 'Wanjiru', 'naming.given': 'Amina', 'naming.middle': 'Njeri', 'contact.email': 'amina.wanjiru@example.com',
      'bio.birthnumber': 'BN-1990-0412-0001', 'bio.birthdate': '1990-04-12', 'bio.gender': 'female',
      'nationality.residence': 'NG', 'nationality.primary': 'KE',
    },
  },
  chidi: {
    persona: 'chidi', nin: '23456789012', displayName: 'Chidi Okafor', declinesEverything: false,
    claims: {
      'naming.family': 'Okafor', 'naming.given': 'Chidi', 'naming.middle': 'Emeka', 'contact.email': 'chidi.okafor@example.com',
      'bio.birthnumber': 'BN-1987-1103-0002', 'bio.birthdate': '1987-11-03', 'bio.gender': 'male',
      'nationality.residence': 'NG', 'nationality.primary': 'NG',
    },
  },
  kwame: {
    persona: 'kwame', nin: '34567890123', displayName: 'Kwame Mensah', declinesEverything: false,
    claims: {
      'naming.family': 'Mensah', 'naming.given': 'Kwame', 'naming.middle': 'Kofi', 'contact.email': 'kwame.mensah@example.com',
      'bio.birthnumber': 'BN-1994-0220-0003', 'bio.birthdate': '1994-02-20', 'bio.gender': 'male',
      'nationality.residence': 'NG', 'nationality.primary': 'GH',
    },
  },
  zed: {
    persona: 'zed', nin: '45678901234', displayName: 'Zed Example', declinesEverything: true,
    claims: {
      'naming.family': 'Example', 'naming.given': 'Zed', 'naming.middle': 'Q', 'contact.email': 'zed@example.com',
      'bio.birthnumber': 'BN-1980-0101-0004', 'bio.birthdate': '1980-01-01', 'bio.gender': 'male',
      'nationality.residence': 'GB', 'nationality.primary': 'AE',
    },
  },
};

/** The persona whose NIN this is, if any. */
export function personaByNin(nin: string): PasbyPersona | undefined {
  return Object.values(PASBY_PERSONAS).find((p) => p.nin === nin);
}

/**
 * The requested claims of a persona as pasby nests them (`{ naming: { given } }`), each leaf
 * passed through `leaf` (the sandbox encrypts there). Unrequested claims are absent.
 */
export function nestClaims(
  values: PasbyClaimValues,
  requested: readonly PasbyClaim[],
  leaf: (value: string) => string,
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const key of PASBY_CLAIMS) {
    if (!requested.includes(key)) continue;
    const [group, name] = key.split('.') as [string, string];
    (out[group] ??= {})[name] = leaf(values[key]);
  }
  return out;
}
