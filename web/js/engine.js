// The page's side of the worker: promises for requests, progress callbacks,
// and a fresh worker after a crash (a page that keeps working). A worker that
// never started (wrong URL, a CSP without 'wasm-unsafe-eval') would fail again
// at once, so it is not restarted: every later call is refused with the reason.
// id: the core's error id (docs/web.md; "trap" when the engine itself failed,
// "worker" when it could not run); problems: an unusable rulebook's or mapping's.
export class EngineError extends Error {
  constructor(message, { id = 'worker', problems } = {}) {
    super(message);
    this.name = 'EngineError';
    this.id = id;
    this.outOfMemory = id === 'out_of_memory';
    if (problems) this.problems = problems;
  }
}

// What a cancelled request rejects with (the name fetch() uses).
export function abortError() {
  return Object.assign(new Error('cancelled'), { name: 'AbortError' });
}

export class Engine {
  constructor(url) {
    this.url = url;
    this.nextId = 1;
    this.pending = new Map();
    this.start();
  }

  start() {
    this.started = false;
    this.worker = new Worker(this.url, { type: 'module' });
    this.worker.onmessage = (event) => this.receive(event.data);
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      this.fail(event.message || 'the worker could not start');
    };
    this.ready = this.call('init');
    this.ready.then(() => { this.started = this.everStarted = true; }, () => {});
  }

  receive({ id, progress, result, error }) {
    const request = this.pending.get(id);
    if (!request) return;
    if (progress) {
      request.onProgress?.(progress);
      return;
    }
    this.pending.delete(id);
    if (error === undefined) request.resolve(result);
    else {
      request.reject(new EngineError(error.message, error));
      // A refusal (an error id of the core) leaves the engine as it was; a trap may not have.
      if (error.trap) this.restart();
    }
  }

  // Rejects every request and starts a new worker.
  fail(message) {
    const requests = [...this.pending.values()];
    this.pending.clear();
    for (const r of requests) r.reject(new EngineError(message));
    this.restart();
  }

  restart() {
    if (!this.everStarted) {
      this.stop('the worker could not start');
      return;
    }
    this.worker.terminate();
    for (const r of this.pending.values()) r.reject(new EngineError('restarted'));
    this.pending.clear();
    this.start();
    this.onRestart?.();
  }

  // Ends the worker for good: pending and later calls are refused with `message`.
  stop(message) {
    this.closed = message;
    this.worker.terminate();
    const requests = [...this.pending.values()];
    this.pending.clear();
    for (const r of requests) r.reject(new EngineError(message));
  }

  // signal (an AbortSignal, optional) cancels the request: it rejects with an AbortError at once, and
  // the worker, busy with it, is replaced by a fresh one (the wasm cannot be interrupted otherwise).
  call(op, args = {}, onProgress, signal) {
    if (this.closed) return Promise.reject(new EngineError(this.closed));
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const onAbort = () => {
        if (!this.pending.has(id)) return;
        this.pending.delete(id);
        reject(abortError());
        this.restart();
      };
      const done = (settle) => (value) => {
        signal?.removeEventListener('abort', onAbort);
        settle(value);
      };
      this.pending.set(id, { resolve: done(resolve), reject: done(reject), onProgress });
      signal?.addEventListener('abort', onAbort, { once: true });
      this.worker.postMessage({ id, op, ...args });
    });
  }
}
