/** Where ./load-app.ts leaves Ink's loaded layout engine for ./yoga-preloaded.ts. */
export const preloadedYogaKey = Symbol.for('agency-tokens.yoga');
