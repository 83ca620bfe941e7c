// Runs async operations one at a time, in call order. A failed operation
// rejects its own promise and does not block the ones queued after it.
export interface SerialQueue {
  run<T>(operation: () => Promise<T> | T): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(operation: () => Promise<T> | T): Promise<T> {
      const next = tail.then(operation, operation);
      tail = next.catch(() => undefined);
      return next;
    },
  };
}
