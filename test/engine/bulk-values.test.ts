import { describe, expect, it } from 'vitest';
import { isoTimestamp, mayHoldUnstorable, storableJsonText, timestampMillis } from '../../src/engine/bulk-values.ts';

describe('storableJsonText', () => {
  it('returns text without lone surrogates or NUL as it is', () => {
    const text = JSON.stringify({ a: 'plain', e: '😀', f: '\u00e9' });
    expect(mayHoldUnstorable(text)).toBe(false);
    expect(storableJsonText(text)).toBe(text);
    // Maybe (an escaped backslash before "ud83d" is no escape), and then left as it is.
    const lookalike = JSON.stringify({ b: '\\ud83d as text' });
    expect(mayHoldUnstorable(lookalike)).toBe(true);
    expect(storableJsonText(lookalike)).toBe(lookalike);
  });

  it('replaces lone surrogates, high or low, in any case, and keeps pairs', () => {
    const text = String.raw`{"a":"x\ud83d","b":"\uDE00y","c":"\ud83d\ude00","d":"\uD83D\uDE00","e":"\ud83d\ud83d\ude00"}`;
    expect(JSON.parse(storableJsonText(text))).toEqual({ a: 'x\ufffd', b: '\ufffdy', c: '😀', d: '😀', e: '\ufffd😀' });
  });

  it('tells an escape from an escaped backslash followed by text', () => {
    const text = String.raw`{"text":"\\ud83d","escape":"\\\ud83d","nul":"\\u0000","twice":"\\\\ud83d"}`;
    expect(JSON.parse(storableJsonText(text))).toEqual({ text: '\\ud83d', escape: '\\\ufffd', nul: '\\u0000', twice: '\\\\ud83d' });
  });

  it('replaces NUL too, and tells UTF-8 bytes that may hold either apart', () => {
    const text = String.raw`{"a":"x\u0000y","b":"\ud800"}`;
    expect(JSON.parse(storableJsonText(text))).toEqual({ a: 'x\ufffdy', b: '\ufffd' });
    expect(mayHoldUnstorable(Buffer.from(String.raw`{"a":"\u0000"}`))).toBe(true);
    expect(mayHoldUnstorable(Buffer.from(String.raw`{"a":"\uD83D"}`))).toBe(true);
    expect(mayHoldUnstorable(Buffer.from('{"a":"é 😀 \\n"}'))).toBe(false);
  });

  it('is what JSON.stringify writes for the fixed string, so re-serialising what was read back compares equal', () => {
    const sent = JSON.stringify({ note: 'cut \ud83d' });
    const stored = storableJsonText(sent);
    expect(JSON.stringify(JSON.parse(stored))).toBe(stored);
  });
});

describe('timestamps for bulk inserts', () => {
  it('takes a Date, epoch milliseconds or ISO text, and refuses anything else', () => {
    const at = new Date('2024-05-06T07:08:09.010Z');
    for (const v of [at, at.getTime(), at.toISOString(), '2024-05-06T09:08:09.010+02:00']) expect(timestampMillis(v)).toBe(at.getTime());
    expect(isoTimestamp(at.getTime())).toBe(at.toISOString());
    expect(() => timestampMillis('yesterday')).toThrow('not a timestamp: yesterday');
  });
});
