import {spawn} from 'node:child_process';
import {t} from '../i18n/index.js';

/** How a copy reached the clipboard, for the message that says so. */
export type CopyResult = {via: 'osc52' | 'system'; detail: string};

/**
 * The OSC 52 sequence that asks the terminal to put text on its clipboard.
 * It works over SSH and through tmux (with set-clipboard on, its default
 * "external" passes it on to a terminal that supports it).
 */
export function osc52(text: string): string {
	return `\u001B]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

/** Local clipboard commands, tried in order when there is one on the PATH. */
const systemCommands: Array<[string, string[]]> = [
	['pbcopy', []],
	['wl-copy', []],
	['xclip', ['-selection', 'clipboard']],
	['xsel', ['--clipboard', '--input']],
	['clip.exe', []],
];

function pipeTo(command: string, args: string[], text: string): Promise<boolean> {
	return new Promise((resolve) => {
		// A clipboard command that hangs (no display after all) must not leave `y` waiting.
		const child = spawn(command, args, {stdio: ['pipe', 'ignore', 'ignore'], timeout: 2000});
		child.on('error', () => {
			resolve(false);
		});
		child.on('close', (code) => {
			resolve(code === 0);
		});
		child.stdin.end(text);
	});
}

/**
 * Copies text: always by OSC 52 to the terminal (the only way that reaches the
 * operator's own machine over SSH), and also to a local clipboard command when
 * the session is local (a display is set) and one is installed.
 */
export async function copyToClipboard(
	text: string,
	write: (data: string) => void,
	env = process.env,
): Promise<CopyResult> {
	write(osc52(text));
	const hasDisplay = process.platform !== 'linux' || Boolean(env['DISPLAY'] ?? env['WAYLAND_DISPLAY']);
	const local = env['SSH_CONNECTION'] === undefined && hasDisplay;
	if (local) {
		for (const [command, args] of systemCommands) {
			if (await pipeTo(command, args, text)) return {via: 'system', detail: t('clipboard.both', {command})};
		}
	}

	return {via: 'osc52', detail: t('clipboard.osc52')};
}
