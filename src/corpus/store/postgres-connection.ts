import type pg from 'pg';
import { IndexError, UsageError } from '../../errors.js';

/** Whether --db names a PostgreSQL server (postgres:// or postgresql://) rather than an SQLite file. */
export function isPostgresUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location);
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    // libpq also takes the password as a parameter.
    if (parsed.searchParams.has('password')) parsed.searchParams.set('password', '***');
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]*@/, ':***@');
  }
}

const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', 'ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Whether a failure means the connection is gone (server restarted, network cut), not that the query was wrong. */
export function isConnectionLoss(error: unknown): boolean {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (code.startsWith('08') || CONNECTION_CODES.has(code))) return true;
  return error instanceof Error && /Connection terminated|connection timeout|Client has encountered a connection error|not queryable/i.test(error.message);
}

/** Deadlock or serialisation failure: the transaction did nothing and may simply run again. */
function isTransient(error: unknown): boolean {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  return code === '40P01' || code === '40001';
}

/** A failure to connect, as an IndexError saying what to fix. */
export function connectFailure(url: string, error: unknown, timeoutMs: number): IndexError {
  const where = redactedUrl(url);
  const code: unknown = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === '28P01' || code === '28000') return new IndexError(`cannot log in to ${where}: ${message}`);
  if (code === '3D000') return new IndexError(`${where}: ${message}`);
  if (/timeout/i.test(message)) return new IndexError(`cannot reach ${where}: no answer within ${Math.round(timeoutMs / 1000)} s`);
  return new IndexError(`cannot reach ${where} (${message})`);
}

/**
 * The URL as the driver is to read it: with an sslmode, in libpq's sense of it (`require` encrypts without checking
 * the certificate, as psql does), which this driver version takes only when asked; its own reading of `require` as
 * `verify-full` refuses the self-signed certificates managed servers often have.
 */
export function driverUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.searchParams.has('sslmode') || parsed.searchParams.has('uselibpqcompat')) return url;
    parsed.searchParams.set('uselibpqcompat', 'true');
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * SQLSTATEs of an index the server holds but this user cannot use as it is: no privilege, a table, column or schema
 * missing or in the way (dropped or altered by hand).
 */
const UNUSABLE_INDEX_CODES = new Set(['42501', '42P01', '42703', '3F000', '42P07', '3D000']);

/** A server's refusal that means the index cannot be used (README exit 4), as an IndexError naming it; else undefined. */
export function unusableIndex(error: unknown, location: string): IndexError | undefined {
  const code: unknown = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !UNUSABLE_INDEX_CODES.has(code)) return undefined;
  return new IndexError(`${location} cannot be used: ${(error as Error).message} (the server's code ${code}); it was left as it is`);
}

/** A new connection to the server at `url`; a failure is an IndexError saying what to fix. */
export async function connect(url: string, timeoutMs: number): Promise<pg.Client> {
  // Loaded here, not at the top: every command would otherwise pay for the driver on start-up, used or not.
  if (!URL.canParse(url)) {
    // Not echoed: a URL that does not parse cannot have its password masked.
    throw new UsageError(
      'the --db URL does not parse: write a user name or password holding / # ? @ : % with those characters percent-encoded (%2F %23 %3F %40 %3A %25), e.g. postgres://ann:p%23ss@db.example/news',
    );
  }
  const { default: driver } = await import('pg');
  const client = new driver.Client({ connectionString: driverUrl(url), connectionTimeoutMillis: timeoutMs, application_name: 'neardup' });
  // A connection that dies while idle is noticed by the next query; without a listener the error would end the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => {});
    throw connectFailure(url, error, timeoutMs);
  }
  return client;
}

/** What the running process already committed, for the message that ends an add. */
const RERUN = 'batches committed before are kept: run the same command again to add the rest';

export type Query = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;

/**
 * A store's connection to the server. A lost connection (server restart, network cut) is taken up again: the query or
 * transaction in progress runs once more on a new connection.
 */
export class PostgresConnection {
  /** The server, as given (with any password). */
  readonly url: string;
  /** Whether writes are refused. */
  readonly readonly: boolean;
  private client: pg.Client;
  private readonly timeoutMs: number;
  private readonly reconnectMs: number;

  constructor(url: string, client: pg.Client, options: { readonly: boolean; timeoutMs: number; reconnectMs: number }) {
    this.url = url;
    this.client = client;
    this.readonly = options.readonly;
    this.timeoutMs = options.timeoutMs;
    this.reconnectMs = options.reconnectMs;
  }

  /** The URL without its password, as messages and reports name the index. */
  get location(): string {
    return redactedUrl(this.url);
  }

  /** The server's process id of this connection (to test a dropped connection). */
  async backendPid(): Promise<number> {
    return (await this.client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
  }

  /** A new connection, tried until the server answers or `reconnectMs` has passed. */
  private async reconnect(cause: unknown): Promise<void> {
    await this.client.end().catch(() => {});
    const deadline = Date.now() + this.reconnectMs;
    for (;;) {
      try {
        this.client = await connect(this.url, this.timeoutMs);
        return;
      } catch (error) {
        if (Date.now() >= deadline) {
          const why = cause instanceof Error ? cause.message : String(cause);
          throw new IndexError(`lost the connection to ${this.location} (${why}) and could not connect again within ${Math.round(this.reconnectMs / 1000)} s (${(error as Error).message})`);
        }
        await new Promise((done) => setTimeout(done, 500));
      }
    }
  }

  /**
   * Runs `work` (its queries through the given function), inside one transaction when `transaction` is set. A lost
   * connection is taken up again and `work` runs once more; a deadlock runs it again (up to five times).
   */
  private async run<T>(work: (query: Query) => Promise<T>, transaction: boolean, lostMessage: string): Promise<T> {
    let reconnected = false;
    for (let attempt = 0; ; attempt++) {
      const client = this.client;
      const query: Query = (text, values) => client.query(text, values);
      try {
        if (!transaction) return await work(query);
        await query('BEGIN');
        try {
          const result = await work(query);
          await query('COMMIT');
          return result;
        } catch (error) {
          await query('ROLLBACK').catch(() => {});
          throw error;
        }
      } catch (error) {
        if (isTransient(error) && attempt < 5) continue;
        if (!isConnectionLoss(error)) throw unusableIndex(error, this.location) ?? error;
        if (reconnected) throw new IndexError(`lost the connection to ${this.location} twice in a row (${(error as Error).message}); ${lostMessage}`);
        await this.reconnect(error);
        reconnected = true;
      }
    }
  }

  /** Runs `work` outside a transaction: reads, and statements that cannot run inside one (VACUUM). */
  read<T>(work: (query: Query) => Promise<T>): Promise<T> {
    return this.run(work, false, 'nothing was written: run the same command again');
  }

  /** Runs `work` as read() does, with the warnings the server raised meanwhile (VACUUM skips a table it may not touch with only a warning). */
  async readWithWarnings<T>(work: (query: Query) => Promise<T>): Promise<{ value: T; warnings: string[] }> {
    const warnings: string[] = [];
    const value = await this.read(async (query) => {
      const client = this.client;
      const listen = (notice: { readonly severity?: string; readonly message?: string }) => {
        if (notice.severity === 'WARNING') warnings.push(notice.message ?? 'a warning without a message');
      };
      client.on('notice', listen);
      try {
        return await work(query);
      } finally {
        client.off('notice', listen);
      }
    });
    return { value, warnings };
  }

  /** Runs `work` as one transaction; refused where the store was opened for reading only. */
  write<T>(work: (query: Query) => Promise<T>): Promise<T> {
    if (this.readonly) throw new IndexError(`${this.location} was opened for reading only`);
    return this.run(work, true, RERUN);
  }

  async end(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
