/**
 * Secrets at rest. Every auth token is stored as an AES-256-GCM ciphertext (for
 * the reveal) plus a keyed hash (to check a login in constant time without
 * decrypting). The master key lives in `<dataDir>/secret.key` (mode 0600), so a
 * copy of the SQLite file alone gives nothing away.
 */
import {
	createCipheriv,
	createDecipheriv,
	createHash,
	createHmac,
	hkdfSync,
	randomBytes,
	timingSafeEqual,
} from 'node:crypto';
import {chmod, open, readFile, stat} from 'node:fs/promises';
import path from 'node:path';

/** A stored auth token: never the value itself. */
export type SealedSecret = {
	/** base64url of iv (12) + ciphertext + tag (16). */
	Enc: string;
	/** base64url HMAC-SHA256 of the value under the verify key. */
	Mac: string;
	/** The last 4 characters, the only part lists and details show. */
	Hint: string;
};

/**
 * A secret of a token made by `--generate`: derived from the key and the token
 * id instead of stored. Sealing a million random secrets costs ~7 s of AES and
 * hashing; deriving costs nothing until the secret is used. Reset replaces it
 * with a sealed one.
 */
export type DerivedSecret = {Derived: true};

/** One object for every derived secret: they all say the same, and a million copies would cost memory. */
export const derivedSecret: DerivedSecret = {Derived: true};

export type StoredSecret = SealedSecret | DerivedSecret;

export type Keys = {
	encrypt: Buffer;
	verify: Buffer;
	derive: Buffer;
};

const keyFileName = 'secret.key';
const keyLength = 32;

function subKey(master: Buffer, info: string): Buffer {
	return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `agency-tokens ${info}`, keyLength));
}

/** Reads the key file, creating it (0600, exclusive) on first run. */
export async function loadKeys(dataDir: string): Promise<Keys> {
	const file = path.join(dataDir, keyFileName);
	const master = await readOrCreateKey(file);
	return {
		encrypt: subKey(master, 'encrypt'),
		verify: subKey(master, 'verify'),
		derive: subKey(master, 'derive'),
	};
}

async function readOrCreateKey(file: string): Promise<Buffer> {
	try {
		const handle = await open(file, 'wx', 0o600);
		const key = randomBytes(keyLength);
		try {
			await handle.writeFile(key);
			await handle.sync();
		} finally {
			await handle.close();
		}

		return key;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
	}

	const key = await readFile(file);
	if (key.length !== keyLength) {
		throw new Error(
			`${file} is not a ${keyLength}-byte key; restore it from a backup or remove the data directory`,
		);
	}

	// Someone loosened the permissions (a copy, an archive): tighten them again rather than refuse.
	if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
	return key;
}

/** A new auth token: 32 random bytes, base64url (43 characters). */
export function newSecretValue(): string {
	return randomBytes(32).toString('base64url');
}

export function seal(keys: Keys, tokenId: string, pair: string, value: string): SealedSecret {
	return {
		Enc: sealText(keys, `${tokenId}/${pair}`, value),
		Mac: mac(keys, value),
		Hint: value.slice(-4),
	};
}

/**
 * AES-256-GCM of any text, bound to `context` (the associated data), so a
 * ciphertext cannot be moved to another record: base64url of iv + ciphertext + tag.
 */
export function sealText(keys: Keys, context: string, text: string): string {
	const iv = randomBytes(12);
	const cipher = createCipheriv('aes-256-gcm', keys.encrypt, iv);
	cipher.setAAD(Buffer.from(context));
	const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
	return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The inverse of `sealText`; throws if the text was sealed for another context or altered. */
export function openText(keys: Keys, context: string, sealed: string): string {
	const raw = Buffer.from(sealed, 'base64url');
	const decipher = createDecipheriv('aes-256-gcm', keys.encrypt, raw.subarray(0, 12));
	decipher.setAAD(Buffer.from(context));
	decipher.setAuthTag(raw.subarray(raw.length - 16));
	return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString(
		'utf8',
	);
}

function mac(keys: Keys, value: string): string {
	return createHmac('sha256', keys.verify).update(value).digest('base64url');
}

function unseal(keys: Keys, tokenId: string, pair: string, sealed: SealedSecret): string {
	return openText(keys, `${tokenId}/${pair}`, sealed.Enc);
}

function derive(keys: Keys, tokenId: string, pair: string): string {
	return createHmac('sha256', keys.derive).update(`${tokenId}/${pair}`).digest('base64url');
}

/** The secret in clear, for the reveal and the answers that show it once. */
export function revealSecret(keys: Keys, tokenId: string, pair: string, secret: StoredSecret): string {
	return 'Derived' in secret ? derive(keys, tokenId, pair) : unseal(keys, tokenId, pair, secret);
}

export function secretHint(keys: Keys, tokenId: string, pair: string, secret: StoredSecret): string {
	return 'Derived' in secret ? derive(keys, tokenId, pair).slice(-4) : secret.Hint;
}

/** Whether `given` is the secret, in time independent of where they differ. */
export function secretMatches(
	keys: Keys,
	tokenId: string,
	pair: string,
	secret: StoredSecret,
	given: string,
): boolean {
	const expected = Buffer.from('Derived' in secret ? mac(keys, derive(keys, tokenId, pair)) : secret.Mac);
	const actual = Buffer.from(mac(keys, given));
	return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Constant-time equality of two short strings, via fixed-length digests. */
export function constantTimeEqual(a: string, b: string): boolean {
	return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * A fingerprint of the key, safe to store beside the data it sealed: a store
 * opened with another key file (a second server given a fresh data directory)
 * is refused at start instead of failing every login and reveal.
 */
export function keyCheck(keys: Keys): string {
	return mac(keys, 'agency-tokens key check').slice(0, 22);
}
