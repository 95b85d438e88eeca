import type { StreamCounters } from '../state/run-log.ts';

/** What a running stream is doing besides landing pages: waiting on the vendor's rate limit or a retry. */
export interface StreamActivity {
  /** Epoch ms the current wait ends, null when the stream is not waiting. */
  waitingUntil: number | null;
  waitReason: string | null;
}

/** A stream while it runs; its counters and activity change in place. */
export interface LiveStream {
  readonly connection: string;
  readonly stream: string;
  readonly counters: StreamCounters;
  readonly activity: StreamActivity;
}

/** Hooks for progress displays (a terminal line, periodic log lines); all optional. */
export interface ExtractObserver {
  streamStarted?(s: LiveStream): void;
  pageLanded?(s: LiveStream): void;
  /** A wait of any length started (rate limit, retry backoff). */
  waiting?(s: LiveStream): void;
  streamFinished?(s: LiveStream, status: 'succeeded' | 'failed' | 'skipped'): void;
}
