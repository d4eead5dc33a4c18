import {createContext, useContext, useSyncExternalStore} from 'react';
import {reducer, type Action, type AppState} from '../state/index.js';

/**
 * The app's one reducer, held outside React so that every key is reduced the
 * moment it arrives (several can come in one frame over SSH or from tmux), and
 * components subscribe to just the slice they show: an arrow key re-renders
 * the list, not the filter bar.
 */
export type Store = {
	getState(): AppState;
	dispatch(action: Action): void;
	subscribe(listener: () => void): () => void;
};

/** What key handlers and intents need of the store: read the state and dispatch. */
export type StoreAccess = Pick<Store, 'getState' | 'dispatch'>;

export function createStore(initial: AppState): Store {
	let state = initial;
	const listeners = new Set<() => void>();
	return {
		getState: () => state,
		dispatch(action) {
			const next = reducer(state, action);
			if (next === state) return;
			state = next;
			for (const listener of listeners) listener();
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

const StoreContext = createContext<Store | undefined>(undefined);

export function StoreProvider({
	store,
	children,
}: {
	readonly store: Store;
	readonly children: React.ReactNode;
}) {
	return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useStore(): Store {
	const store = useContext(StoreContext);
	if (!store) throw new Error('useStore outside StoreProvider');
	return store;
}

/** The selected value; the component re-renders only when it changes (by identity). */
export function useAppState<T>(selector: (state: AppState) => T): T {
	const store = useStore();
	return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}

export function useDispatch(): Store['dispatch'] {
	return useStore().dispatch;
}
