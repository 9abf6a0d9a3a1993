/** `{ lock: true }`: the row is read FOR UPDATE (a command on it waits for the one before). */
export interface LockOption {
  lock?: boolean;
}

export const lockOf = ({ lock = false }: LockOption = {}) => (lock ? { lock: { mode: 'pessimistic_write' as const } } : {});
