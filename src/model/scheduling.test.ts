import { afterEach, describe, expect, it, vi } from 'vitest';
import { withTimeout, yieldToEvents } from './scheduling';

afterEach(() => {
  vi.useRealTimers();
});

describe('withTimeout', () => {
  it('resolves with the work’s value when it finishes in time, and leaves no timer behind', async () => {
    vi.useFakeTimers();
    const result = withTimeout(Promise.resolve(17), 1_000, () => 'too slow');
    await expect(result).resolves.toBe(17);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('passes the work’s own failure on', async () => {
    await expect(withTimeout(Promise.reject(new Error('kernel failed')), 1_000, () => 'too slow')).rejects.toThrow(
      'kernel failed',
    );
  });

  it('rejects with the message, built only then, once the work takes longer than the limit', async () => {
    vi.useFakeTimers();
    const message = vi.fn(() => 'step 3 took more than 1 s');
    const result = withTimeout(new Promise<number>(() => {}), 1_000, message);
    const settled = expect(result).rejects.toThrow('step 3 took more than 1 s');
    await vi.advanceTimersByTimeAsync(999);
    expect(message).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await settled;
    expect(message).toHaveBeenCalledTimes(1);
  });
});

describe('yieldToEvents', () => {
  it('resolves after a message queued before it has been delivered', async () => {
    const seen: string[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => seen.push('queued message');
    channel.port2.postMessage(null);
    await yieldToEvents();
    seen.push('after yield');
    channel.port1.close();
    expect(seen).toEqual(['queued message', 'after yield']);
  });
});
