import {describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {scrollWindow} from '../../source/state/window.js';
import {fieldView} from '../../source/ui/wizard/layout.js';
import {wrapText} from '../../source/ui/wizard/fields.js';

describe('the form window', () => {
	it.each([
		// count, height, focus, previous top → top
		[5, 10, 4, 0, 0],
		[20, 5, 0, 0, 0],
		[20, 5, 4, 0, 0],
		[20, 5, 5, 0, 1],
		[20, 5, 12, 1, 8],
		[20, 5, 9, 8, 8],
		[20, 5, 7, 8, 7],
		[20, 5, 19, 0, 15],
		[20, 5, 3, 30, 3],
	])('%i lines in %i rows, focus %i, from top %i: top %i', (count, height, focus, top, expected) => {
		expect(scrollWindow(top, focus, height, count)).toBe(expected);
	});
});

describe('a text field cut to its width', () => {
	it('shows everything when it fits, the cursor after the text', () => {
		expect(fieldView('billing', 7, 20)).toEqual({before: 'billing', at: ' ', after: ''});
		expect(fieldView('billing', 2, 20)).toEqual({before: 'bi', at: 'l', after: 'ling'});
	});

	it('scrolls so the cursor stays in view, counting CJK as two columns', () => {
		const text = '结算同步结算同步结算同步';
		const view = fieldView(text, text.length, 9);
		expect(view.at).toBe(' ');
		expect(stringWidth(view.before + view.at + view.after)).toBeLessThanOrEqual(9);
		expect(view.before).toBe('结算同步');
		const start = fieldView(text, 0, 9);
		expect(start).toEqual({before: '', at: '结', after: '算同步'});
	});

	it('makes control characters from the server inert', () => {
		expect(fieldView('a\u001B[2Jb', 0, 20).after).not.toContain('\u001B');
	});
});

describe('wrapping a message', () => {
	it('breaks between words within the width', () => {
		expect(wrapText('✗ Developer e-mail "dev@acme" is not a valid e-mail address', 30)).toEqual([
			'✗ Developer e-mail "dev@acme"',
			'is not a valid e-mail address',
		]);
	});
});
