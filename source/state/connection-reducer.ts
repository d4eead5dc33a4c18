/** Who is connected to which server, and how the last load went: the status line. */
import type {Action} from './actions.js';
import type {Connection} from './types.js';

/** The status line's facts: who, where, read-only or not, how the last load went. */
export function reduceConnection(connection: Connection, action: Action): Connection {
	switch (action.type) {
		case 'connection/operator': {
			return {...connection, operator: action.operator};
		}

		case 'connection/server': {
			return {...connection, serverUrl: action.serverUrl};
		}

		case 'connection/legacy': {
			return connection.legacyEnabled === action.enabled
				? connection
				: {...connection, legacyEnabled: action.enabled};
		}

		case 'connection/readOnly': {
			return connection.readOnlyReason === null ? {...connection, readOnlyReason: action.reason} : connection;
		}

		case 'connection/status': {
			if (action.error === undefined) return {...connection, status: action.status};
			return {
				...connection,
				status: action.status,
				lastError: action.error,
				lastErrorAt: action.error === null ? null : (action.at ?? connection.lastErrorAt),
			};
		}

		case 'tokens/loadStarted': {
			return {...connection, loading: true, expectedTotal: null};
		}

		case 'tokens/appended': {
			const expectedTotal = action.expectedTotal ?? connection.expectedTotal;
			// The server answered. A refresh passes on its news now and then: when the status and
			// the count are as they were, the connection stays the same object (nothing re-renders).
			const arrived =
				connection.status === 'online' && connection.expectedTotal === expectedTotal
					? connection
					: {...connection, status: 'online' as const, expectedTotal};
			return action.done ? loaded(arrived, action.at ?? connection.lastRefreshAt) : arrived;
		}

		case 'tokens/listed': {
			return loaded(connection, action.at);
		}

		// The server answered (with an error) unless it could not be reached at all.
		case 'tokens/loadFailed': {
			return {
				...connection,
				status: action.offline ? 'offline' : 'online',
				loading: false,
				lastError: action.message,
				lastErrorAt: action.at,
			};
		}

		default: {
			return connection;
		}
	}
}

function loaded(connection: Connection, at: number | null): Connection {
	return {
		...connection,
		status: 'online',
		loading: false,
		lastRefreshAt: at,
		lastError: null,
		lastErrorAt: null,
	};
}
