// segmentGraphemes splits plain text (each character a cluster of its own) without Intl.Segmenter,
// whose first use costs ~20 ms on the way to the first rows. It must split exactly as the segmenter does.
import fc from 'fast-check';
import {describe, expect, it, vi} from 'vitest';
import {segmentGraphemes} from '../../source/domain/graphemes.js';
import {loneText} from '../patches/lone-characters.js';

const segmenter = new Intl.Segmenter('en', {granularity: 'grapheme'});
const bySegmenter = (text: string) =>
	[...segmenter.segment(text)].map(({segment, index}) => ({segment, index}));
const split = (text: string) => [...segmentGraphemes(text)].map(({segment, index}) => ({segment, index}));

describe('segmentGraphemes', () => {
	it('splits plain text without the segmenter, and anything else with it', () => {
		const segment = vi.spyOn(Intl.Segmenter.prototype, 'segment');
		try {
			expect(split('Report – APAC 広告')).toHaveLength(16);
			expect(segment).not.toHaveBeenCalled();
			expect(split('cafe\u0301 ok')).toEqual([
				{segment: 'c', index: 0},
				{segment: 'a', index: 1},
				{segment: 'f', index: 2},
				{segment: 'e\u0301', index: 3},
				{segment: ' ', index: 5},
				{segment: 'o', index: 6},
				{segment: 'k', index: 7},
			]);
			expect(segment).toHaveBeenCalled();
		} finally {
			segment.mockRestore();
		}
	});

	it('splits plain text exactly as the segmenter does', () => {
		fc.assert(
			fc.property(loneText, (text) => {
				expect(split(text)).toEqual(bySegmenter(text));
			}),
			{numRuns: 1000},
		);
	});

	it('keeps joined clusters whole: marks, jamo, joiners, emoji, CR LF', () => {
		for (const text of [
			'e\u0301x',
			'\u1100\u1161\u11A8',
			'\u{1F469}\u200D\u{1F4BB}!',
			'ｶﾞ',
			'a\r\nb',
			'🇫🇷🇩🇪',
		])
			expect(split(text)).toEqual(bySegmenter(text));
	});
});
