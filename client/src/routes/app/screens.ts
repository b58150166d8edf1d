import type { Permission } from '@smartket/shared';
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import type { MessageKey } from '#lib/i18n/index.ts';
import type { AccessMode } from '#lib/stores/access.svelte.ts';

/** What a screen rule needs to know about the person in front of it (the `access` store). */
export interface Viewer {
  readonly mode: AccessMode | null;
  can(permission: Permission): boolean;
  canAny(...permissions: readonly Permission[]): boolean;
}

export type NavIcon =
  'home' | 'tables' | 'cash' | 'kitchen' | 'live' | 'menu' | 'branches' | 'people' | 'activity' | 'plan';

/**
 * Where a screen's entry goes on a phone, whose bottom bar holds five: in the bar; under "Más"
 * when the bar is full (in the bar when there is room); or in the account menu instead.
 */
export type PhonePlace = 'bar' | 'more' | 'account';

/** The screens under /app; '' is the owner's home. */
type ScreenPath =
  | ''
  | 'mesas'
  | 'caja'
  | 'cocina'
  | 'tablero'
  | 'menu'
  | 'locales'
  | 'personal'
  | 'actividad'
  | 'plan'
  | 'configuracion'
  | 'pin';

/** One screen of the app: who may open it and, when it has one, its place in the navigation. */
interface Screen {
  /** The path under /app; its sub-pages share the rule. */
  path: ScreenPath;
  allows: (viewer: Viewer) => boolean;
  nav?: {
    label: MessageKey;
    icon: NavIcon;
    /** Listed for this viewer (a screen can be open to a role without cluttering its bar). */
    shows?: (viewer: Viewer) => boolean;
    /** On phones; `bar` when not given. */
    phone?: PhonePlace;
  };
}

const onDevice = (viewer: Viewer): boolean => viewer.mode === 'device';
const userOnly = (viewer: Viewer): boolean => viewer.mode === 'user';

/**
 * Every screen of the app, in navigation order: the one table the bar and the route guard
 * read. A path not listed here is open to owners and admins only (deny by default for devices).
 */
const SCREENS: readonly Screen[] = [
  { path: '', allows: userOnly, nav: { label: 'app.nav.home', icon: 'home' } },
  {
    path: 'mesas',
    allows: (viewer) => viewer.can('orders.view'),
    // Staff start here; an owner's phone keeps its bar for the business and finds it under "Más".
    nav: { label: 'shell.nav.tables', icon: 'tables', phone: 'more' },
  },
  {
    // The till: charging, cash in and out, and closing; a cashier's phone has it in the bar.
    path: 'caja',
    allows: (viewer) => viewer.can('payments.charge'),
    nav: { label: 'cash.nav', icon: 'cash', phone: 'more' },
  },
  {
    path: 'cocina',
    allows: (viewer) => viewer.can('kitchen.view'),
    nav: { label: 'shell.nav.kitchen', icon: 'kitchen', phone: 'more' },
  },
  {
    // The owner's live board: open tables, the kitchen's queue and today's figures.
    path: 'tablero',
    allows: (viewer) => viewer.can('reports.view'),
    nav: { label: 'board.nav', icon: 'live', phone: 'more' },
  },
  { path: 'menu', allows: (viewer) => viewer.can('menu.view'), nav: { label: 'app.nav.menu', icon: 'menu' } },
  {
    path: 'locales',
    allows: (viewer) => viewer.can('branches.manage'),
    nav: { label: 'app.nav.branches', icon: 'branches', phone: 'more' },
  },
  {
    path: 'personal',
    allows: (viewer) => viewer.canAny('staff.manage', 'devices.manage', 'members.manage'),
    nav: { label: 'shell.nav.people', icon: 'people' },
  },
  {
    path: 'actividad',
    allows: (viewer) => viewer.can('audit.view'),
    nav: { label: 'shell.nav.activity', icon: 'activity' },
  },
  {
    path: 'plan',
    allows: (viewer) => viewer.can('plan.view'),
    nav: { label: 'app.nav.plan', icon: 'plan', phone: 'account' },
  },
  { path: 'configuracion', allows: (viewer) => viewer.can('settings.edit') },
  // The PIN screen belongs to a paired device; an e-mail user is sent home from it.
  { path: 'pin', allows: onDevice },
];

function hrefOf({ path }: Screen): ResolvedPathname {
  return path === '' ? resolve('app') : resolve(`app/${path}`);
}

function screenAt(pathname: string): Screen | undefined {
  const home = resolve('app');
  if (pathname === home || pathname === `${home}/`) {
    return SCREENS[0];
  }
  return SCREENS.find((screen) => {
    if (screen.path === '') {
      return false;
    }
    const href = hrefOf(screen);
    return pathname === href || pathname.startsWith(`${href}/`);
  });
}

/** Whether `viewer` may open the screen at `pathname`. */
export function screenAllows(pathname: string, viewer: Viewer): boolean {
  const screen = screenAt(pathname);
  return screen ? screen.allows(viewer) : userOnly(viewer);
}

/**
 * Where the app must go instead of `pathname`, or null to stay. A shared device with nobody
 * signed in only shows its PIN screen; once someone is, the PIN screen and the owner's home
 * lead to that person's own home. An e-mail user has no PIN screen.
 */
export function detour(
  pathname: string,
  state: { mode: AccessMode | null; deviceHasActor: boolean; home: ResolvedPathname },
): ResolvedPathname | null {
  const path = screenAt(pathname)?.path;
  if (state.mode === 'user') {
    return path === 'pin' ? resolve('app') : null;
  }
  if (state.mode !== 'device') {
    return null;
  }
  if (!state.deviceHasActor) {
    return path === 'pin' ? null : state.home;
  }
  return path === 'pin' || path === '' ? state.home : null;
}

export interface NavItem {
  href: ResolvedPathname;
  label: MessageKey;
  icon: NavIcon;
  phone: PhonePlace;
}

/** The navigation of `viewer`: every screen it may open that is listed for it. */
export function navItems(viewer: Viewer): NavItem[] {
  return SCREENS.flatMap((screen) => {
    const nav = screen.nav;
    if (!nav || !screen.allows(viewer) || (nav.shows && !nav.shows(viewer))) {
      return [];
    }
    return [{ href: hrefOf(screen), label: nav.label, icon: nav.icon, phone: nav.phone ?? 'bar' }];
  });
}
