import { readFileSync } from 'node:fs';

/** One entry of the built Storybook's `index.json`. */
export interface IndexEntry {
  type: string;
  id: string;
  title: string;
  name: string;
  tags?: string[];
}

/** Every entry (stories and docs pages) of the built Storybook (`pnpm storybook:build` first). */
export function indexEntries(): IndexEntry[] {
  const index = JSON.parse(readFileSync('storybook-static/index.json', 'utf8')) as { entries: Record<string, IndexEntry> };
  return Object.values(index.entries);
}

/** Every story of the built Storybook. */
export const builtStories = (): IndexEntry[] => indexEntries().filter((e) => e.type === 'story');
