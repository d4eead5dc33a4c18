import {useEffect, useState} from 'react';
import {useStdout} from 'ink';

export type TerminalSize = {columns: number; rows: number};

/** The terminal's size, following resizes. */
export function useTerminalSize(): TerminalSize {
	const {stdout} = useStdout();
	const read = (): TerminalSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
	const [size, setSize] = useState(read);
	useEffect(() => {
		const onResize = () => {
			setSize(read());
		};

		stdout.on('resize', onResize);
		return () => {
			stdout.off('resize', onResize);
		};
		// `read` only closes over stdout.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [stdout]);
	return size;
}
