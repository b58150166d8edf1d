import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { orderView, salesChanged, ticketCreated, ticketView, uuid } from '#lib/testing/fixtures.ts';
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

  it('reads the figures after a sale changed, also of an order long off the floor (a void, a canje)', () => {
    const follower = new FiguresFollower(stale, 1000);
    follower.event(salesChanged(7, uuid(), 'voided'));
    follower.event(salesChanged(8, uuid(), 'completed'));
    vi.advanceTimersByTime(1000);
    expect(stale).toHaveBeenCalledTimes(1);
  });

  it('follows only the events it is told to', () => {
    const follower = new FiguresFollower(stale, 1000, (event) => event.type === 'sales.changed');
    follower.event(ticketCreated(1, 1, ticketView()));
    vi.advanceTimersByTime(5000);
    expect(stale).not.toHaveBeenCalled();

    follower.event(salesChanged(2, orderView().id, 'voided'));
    vi.advanceTimersByTime(1000);
    expect(stale).toHaveBeenCalledTimes(1);
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
