/** The store's account-wide entries, and the record of the seed that made it. */
import {randomUUID} from 'node:crypto';

/** Written last when seeding: its absence means the seed never finished. */
export type Instance = {Id: string; SeededAt: string; Generated: number | null};

export const metaKeys = {
	instance: 'meta:instance',
	settings: 'meta:settings',
	revision: 'meta:revision',
	keyCheck: 'meta:key-check',
} as const;

/** A fresh instance id for a newly seeded data directory: ETags of one directory never match another's. */
export function newInstance(generated: number | null, now: number): Instance {
	return {Id: randomUUID().slice(0, 8), SeededAt: new Date(now).toISOString(), Generated: generated};
}
