/** `{ lock: true }`: the row is read FOR UPDATE (a command on it waits for the one before). */
export interface HouseholdLockOption {
  lock?: boolean;
}

export const householdLockOf = ({ lock = false }: HouseholdLockOption = {}) =>
  lock ? { lock: { mode: 'pessimistic_write' as const } } : {};
