/**
 * Identical reads asked at the same time share one database round trip. A request never gets
 * an answer read before it arrived: while a read runs, later callers wait for the next one,
 * which all of them share. So N concurrent identical lists cost at most two reads in a row,
 * not N, and the answer is as fresh as an uncoalesced one.
 */
export class ReadCoalescer {
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly waiting = new Map<string, Promise<unknown>>();

  run<T>(key: string, read: () => Promise<T>): Promise<T> {
    const waiting = this.waiting.get(key);
    if (waiting) return waiting as Promise<T>;
    const running = this.running.get(key);
    if (!running) return this.start(key, read);
    const next = running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      this.waiting.delete(key);
      return this.start(key, read);
    });
    this.waiting.set(key, next);
    return next;
  }

  private start<T>(key: string, read: () => Promise<T>): Promise<T> {
    const reading = read().finally(() => {
      if (this.running.get(key) === reading) this.running.delete(key);
    });
    this.running.set(key, reading);
    return reading;
  }
}
