import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FiguresFollower } from './figures-follower.ts';

describe('FiguresFollower', () => {
  const stale = vi.fn();

  beforeEach(() => {
    vi.useFakeTimers();
    stale.mockReset();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reads the figures once after a burst of floor changes, not once per change', () => {
    const follower = new FiguresFollower(stale, 1000);
    follower.changed();
    follower.changed();
    vi.advanceTimersByTime(500);
    follower.changed();
    expect(stale).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(stale).toHaveBeenCalledTimes(1);

    follower.changed();
    vi.advanceTimersByTime(999);
    expect(stale).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(stale).toHaveBeenCalledTimes(2);
  });

  it('reads them when the floor is back from a drop, and not on the way there or on a first connect', () => {
    const follower = new FiguresFollower(stale, 1000);
    follower.status('loading');
    follower.status('live');
    follower.status('catching_up');
    follower.status('offline');
    vi.advanceTimersByTime(5000);
    expect(stale).not.toHaveBeenCalled();

    follower.status('catching_up');
    follower.status('live');
    vi.advanceTimersByTime(1000);
    expect(stale).toHaveBeenCalledTimes(1);
    follower.status('live');
    vi.advanceTimersByTime(1000);
    expect(stale).toHaveBeenCalledTimes(1);
  });

  it('drops a pending read and a drop once stopped (the branch was switched)', () => {
    const follower = new FiguresFollower(stale, 1000);
    follower.changed();
    follower.status('offline');
    follower.stop();
    follower.status('live');
    vi.advanceTimersByTime(5000);
    expect(stale).not.toHaveBeenCalled();
  });
});
