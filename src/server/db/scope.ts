/** Helpers for scoped queries. */

/** No row has this id: stands in for an empty scope, since SQL `in ()` is not valid. */
const NO_ID = '00000000-0000-0000-0000-000000000000';

/**
 * The ids to pass to `where(column, 'in', …)`: the list itself, or a list matching nothing when
 * the caller's scope is empty (an empty `in` list is a syntax error).
 */
export const idsOrNone = (ids: readonly string[]): string[] => (ids.length ? [...ids] : [NO_ID]);
