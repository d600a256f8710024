/**
 * A typed request/response protocol over postMessage. One API map types both
 * sides; every request has an id, every response names it, and errors cross
 * as plain ErrorData and are rebuilt into NotebookError on the other side.
 */
import { NotebookError, isErrorData, toNotebookError, type ErrorData } from '../sql/errors';

/** An API map: method name → function from its arguments to its (possibly async) result. */
export type ApiMap = { [method: string]: (...args: never[]) => unknown };

export type Request<Api extends ApiMap> = {
  [M in keyof Api & string]: {
    readonly type: 'request';
    readonly id: number;
    readonly method: M;
    readonly args: Parameters<Api[M]>;
  };
}[keyof Api & string];

export type Response =
  | { readonly type: 'response'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly type: 'response'; readonly id: number; readonly ok: false; readonly error: ErrorData };

/** A value to send back with the ArrayBuffers it owns moved, not copied. */
export class Transfer<T> {
  constructor(
    readonly value: T,
    readonly transfer: Transferable[],
  ) {}
}

type Unwrap<T> = T extends Transfer<infer V> ? V : T;
export type Result<F> = F extends (...args: never[]) => infer R ? Unwrap<Awaited<R>> : never;

export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  addEventListener(type: 'error', listener: (ev: ErrorEvent) => void): void;
}

/** The calling side. `onCrash` fires when the worker dies with requests pending. */
export class RpcClient<Api extends ApiMap> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: NotebookError) => void }>();

  constructor(private readonly port: Port) {
    port.addEventListener('message', (ev: MessageEvent) => this.onMessage(ev.data as Response));
    port.addEventListener('error', (ev: ErrorEvent) => this.failAll(ev.message || 'the worker failed'));
  }

  call<M extends keyof Api & string>(
    method: M,
    args: Parameters<Api[M]>,
    transfer: Transferable[] = [],
  ): Promise<Result<Api[M]>> {
    const id = this.nextId++;
    return new Promise<Result<Api[M]>>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.postMessage({ type: 'request', id, method, args }, transfer);
    });
  }

  private onMessage(msg: Response): void {
    if (msg?.type !== 'response') return;
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if (msg.ok) p.resolve(msg.value);
    else p.reject(new NotebookError(msg.error));
  }

  failAll(message: string, code: 'engine-crashed' | 'cancelled' = 'engine-crashed'): void {
    for (const [id, p] of this.pending) {
      this.pending.delete(id);
      p.reject(new NotebookError({ code, message }));
    }
  }
}

/** The serving side, inside a worker. */
export function serve<Api extends ApiMap>(scope: Port, api: Api): void {
  scope.addEventListener('message', (ev: MessageEvent) => {
    const req = ev.data as Request<Api>;
    if (req?.type !== 'request') return;
    void handle(scope, api, req);
  });
}

async function handle<Api extends ApiMap>(scope: Port, api: Api, req: Request<Api>): Promise<void> {
  try {
    const fn = api[req.method] as ((...args: unknown[]) => unknown) | undefined;
    if (!fn) throw new NotebookError({ code: 'internal', message: `unknown method ${req.method}` });
    const out: unknown = await fn(...(req.args as unknown[]));
    if (out instanceof Transfer) {
      const t = out as Transfer<unknown>;
      scope.postMessage({ type: 'response', id: req.id, ok: true, value: t.value }, t.transfer);
    } else scope.postMessage({ type: 'response', id: req.id, ok: true, value: out });
  } catch (err) {
    const error = isErrorData(err)
      ? err instanceof NotebookError
        ? err.toData()
        : err
      : toNotebookError(err).toData();
    scope.postMessage({ type: 'response', id: req.id, ok: false, error });
  }
}

export function assertNever(x: never): never {
  throw new Error(`unexpected value: ${JSON.stringify(x)}`);
}
