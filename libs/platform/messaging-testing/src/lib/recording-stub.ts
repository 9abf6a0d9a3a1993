/**
 * A stand-in for a collaborator a handler reaches outside its transaction (the Temporal client, a process starter):
 * any property path can be called, every call is recorded as `<name>.<path>` and answers another stub (awaiting one
 * gives the stub itself). For fuzzing an inbox: a bad event must leave `calls` as it was.
 */
export function recordingStub<T>(name: string, calls: string[]): T {
  const at = (path: string): unknown =>
    new Proxy(
      function stub() {
        return undefined;
      },
      {
        get(_target, prop) {
          if (prop === 'then') return undefined; // not a promise: `await stub` is the stub
          if (prop === Symbol.toPrimitive) return () => path;
          if (typeof prop === 'symbol') return undefined;
          return at(`${path}.${prop}`);
        },
        apply() {
          calls.push(path);
          return at(`${path}()`);
        },
      },
    );
  return at(name) as T;
}
