import {useEffect, useRef} from 'react';
import {useStdin} from 'ink';

/**
 * Every input event as Ink's parser splits the terminal's bytes (one escape
 * sequence, or a run of text), before Ink's `useInput` folds "Esc then /"
 * into one Alt chord. The app decodes keys itself (key-decoder.ts); text
 * fields (ink-text-input) still read keys through `useInput`.
 */
export function useKeys(handler: (data: string) => void, active = true): void {
	const {setRawMode, isRawModeSupported, internal_eventEmitter: emitter} = useStdin();
	const latest = useRef(handler);
	useEffect(() => {
		latest.current = handler;
	});

	useEffect(() => {
		if (!active || !isRawModeSupported) return;
		setRawMode(true);
		return () => {
			setRawMode(false);
		};
	}, [active, isRawModeSupported, setRawMode]);

	useEffect(() => {
		if (!active) return;
		const listener = (data: string) => {
			latest.current(data);
		};

		emitter.on('input', listener);
		return () => {
			emitter.removeListener('input', listener);
		};
	}, [active, emitter]);
}
