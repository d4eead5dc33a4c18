import {describe, expect, it} from 'vitest';
import {
	clampCursor,
	editText,
	insertText,
	textAtEnd,
	type TextEditKind,
} from '../../source/state/text-edit.js';

/** "ab|cd" notation: the bar is the cursor. */
function parse(marked: string) {
	const cursor = marked.indexOf('|');
	return {text: marked.replace('|', ''), cursor};
}

function show(value: {text: string; cursor: number}): string {
	return value.text.slice(0, value.cursor) + '|' + value.text.slice(value.cursor);
}

describe('one line of text with a cursor', () => {
	it.each<[string, TextEditKind, string]>([
		['ab|cd', 'backspace', 'a|cd'],
		['|abcd', 'backspace', '|abcd'],
		['ab|cd', 'delete', 'ab|d'],
		['abcd|', 'delete', 'abcd|'],
		['ab|cd', 'left', 'a|bcd'],
		['ab|cd', 'right', 'abc|d'],
		['ab|cd', 'home', '|abcd'],
		['ab|cd', 'end', 'abcd|'],
		['ab|cd', 'clearBefore', '|cd'],
		['ab|cd', 'clearAfter', 'ab|'],
		['billing sync|', 'deleteWord', 'billing |'],
		['billing sync  |', 'deleteWord', 'billing |'],
		['结算测试|', 'backspace', '结算测|'],
		['结算|测试', 'left', '结|算测试'],
		['ok👍🏽|', 'backspace', 'ok|'],
		['ok|👍🏽', 'right', 'ok👍🏽|'],
		['é|', 'backspace', '|'],
	])('%s %s → %s', (before, edit, after) => {
		expect(show(editText(parse(before), edit))).toBe(after);
	});

	it('inserts at the cursor; line breaks and tabs become spaces, other controls go', () => {
		expect(show(insertText(parse('ab|'), '结算'))).toBe('ab结算|');
		expect(show(insertText(parse('a|c'), 'b'))).toBe('ab|c');
		expect(show(insertText(parse('|'), 'a\tb\r\nc\u001B[31m'))).toBe('a b  c[31m|');
	});

	it('keeps the cursor inside the text and on a character boundary', () => {
		expect(clampCursor({text: 'abc', cursor: 9}).cursor).toBe(3);
		expect(clampCursor({text: 'a👍', cursor: 2}).cursor).toBe(1);
		expect(textAtEnd('结算')).toEqual({text: '结算', cursor: 2});
	});
});
