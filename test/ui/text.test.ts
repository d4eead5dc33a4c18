import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {displayWidth, fit, inert, truncate} from '../../source/ui/text.js';

describe('truncate and fit by display width', () => {
	it.each([
		['Billing sync', 20, 'Billing sync'],
		['Billing sync – production', 10, 'Billing s…'],
		['结算同步令牌', 7, '结算同…'],
		['结算同步令牌', 12, '结算同步令牌'],
		['広告レポート export', 9, '広告レポ…'],
		['anything', 0, ''],
	])('truncate(%j, %i) is %j', (text, width, expected) => {
		expect(truncate(text, width)).toBe(expected);
		expect(displayWidth(truncate(text, width))).toBeLessThanOrEqual(width);
	});

	it.each([
		['Billing', 10, 'left', 'Billing   '],
		['结算', 6, 'left', '结算  '],
		['3 d ago', 9, 'right', '  3 d ago'],
		['结算同步令牌', 7, 'left', '结算同…'],
	] as const)('fit(%j, %i, %s) takes exactly the width', (text, width, align, expected) => {
		expect(fit(text, width, align)).toBe(expected);
		expect(displayWidth(fit(text, width, align))).toBe(width);
	});

	it('never splits a wide character to fill an odd column', () => {
		expect(displayWidth(fit('结算同步', 5))).toBe(5);
	});
});

describe('inert', () => {
	it.each([
		['an OSC title change', 'evil\u001B]0;pwned\u0007name'],
		['a screen clear', 'x\u001B[2Jy'],
		['an OSC 52 clipboard write', '\u001B]52;c;ZXZpbA==\u0007'],
		['a bidi override', 'abc\u202Etxt.exe'],
		['a zero-width space', 'a\u200Bb'],
		['a C1 control', 'a\u009Bb'],
		['a lone surrogate', 'a\uD800b'],
	])('leaves no control character in %s', (_, text) => {
		const result = inert(text);
		expect(result).not.toMatch(/[\u0000-\u001F\u007F-\u009F\u200B\u202E]|[\uD800-\uDFFF]/u);
		expect(result).toContain('\uFFFD');
	});

	it('leaves no character that takes a cell on screen but no column in its width', () => {
		// Ink lays a line out by string-width and draws each character in a cell of its own: a
		// character string-width counts as no column (a soft hyphen, say) made a row one cell wider
		// than its box. Such a line is also the one line slice-ansi cuts at its own width.
		const misfits: string[] = [];
		for (let code = 0x20; code < 0x1_00_00; code++) {
			if (code >= 0xd8_00 && code <= 0xdf_ff) continue;
			const line = inert(`ab${String.fromCharCode(code)}`);
			if (sliceAnsi(line, 0, stringWidth(line)) !== line) misfits.push(code.toString(16));
		}

		expect(misfits).toEqual([]);
		expect(inert('soft\u00ADhyphen')).toBe('soft\uFFFDhyphen');
	});

	it('keeps ordinary text, CJK and emoji as they are', () => {
		expect(inert('Billing 结算 広告 🚀')).toBe('Billing 结算 広告 🚀');
	});
});
