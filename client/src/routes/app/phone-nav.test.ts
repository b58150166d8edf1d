import { describe, expect, it } from 'vitest';
import { phoneNav } from './phone-nav.ts';
import type { NavItem, PhonePlace } from './screens.ts';

function entry(label: NavItem['label'], phone: PhonePlace): NavItem {
  return { href: '/app', label, icon: 'home', phone };
}

const labels = (items: readonly NavItem[]) => items.map((item) => item.label);

describe('phone navigation', () => {
  it('puts everything in the bar when it fits (a waiter: Mesas and Carta)', () => {
    const nav = phoneNav([entry('shell.nav.tables', 'more'), entry('app.nav.menu', 'bar')]);
    expect(labels(nav.bar)).toEqual(['shell.nav.tables', 'app.nav.menu']);
    expect(nav.more).toEqual([]);
  });

  it('keeps an owner’s business screens in the bar and the service ones under "Más"', () => {
    const nav = phoneNav([
      entry('app.nav.home', 'bar'),
      entry('shell.nav.tables', 'more'),
      entry('shell.nav.kitchen', 'more'),
      entry('board.nav', 'more'),
      entry('app.nav.menu', 'bar'),
      entry('app.nav.branches', 'more'),
      entry('shell.nav.people', 'bar'),
      entry('shell.nav.activity', 'bar'),
      entry('app.nav.plan', 'account'),
    ]);
    expect(labels(nav.bar)).toEqual([
      'app.nav.home',
      'app.nav.menu',
      'shell.nav.people',
      'shell.nav.activity',
    ]);
    expect(labels(nav.more)).toEqual([
      'shell.nav.tables',
      'shell.nav.kitchen',
      'board.nav',
      'app.nav.branches',
    ]);
  });

  it('fills a free slot with the first "Más" entries, in navigation order', () => {
    // An admin has no Actividad: Mesas takes its place in the bar.
    const nav = phoneNav([
      entry('app.nav.home', 'bar'),
      entry('shell.nav.tables', 'more'),
      entry('shell.nav.kitchen', 'more'),
      entry('board.nav', 'more'),
      entry('app.nav.menu', 'bar'),
      entry('app.nav.branches', 'more'),
      entry('shell.nav.people', 'bar'),
    ]);
    expect(labels(nav.bar)).toEqual(['app.nav.home', 'shell.nav.tables', 'app.nav.menu', 'shell.nav.people']);
    expect(labels(nav.more)).toEqual(['shell.nav.kitchen', 'board.nav', 'app.nav.branches']);
  });

  it('never lists on phones what lives in the account menu there', () => {
    const nav = phoneNav([entry('app.nav.home', 'bar'), entry('app.nav.plan', 'account')]);
    expect(labels(nav.bar)).toEqual(['app.nav.home']);
  });
});
