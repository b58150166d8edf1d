/** Sub-domains and paths SmartKet itself uses, or that would confuse a customer. */
export const RESERVED_SLUGS = new Set([
  'www',
  'api',
  'admin',
  'app',
  'apps',
  'static',
  'assets',
  'cdn',
  'mail',
  'email',
  'smtp',
  'ftp',
  'help',
  'ayuda',
  'soporte',
  'support',
  'status',
  'blog',
  'docs',
  'dev',
  'test',
  'staging',
  'demo',
  'login',
  'ingresar',
  'registro',
  'signup',
  'precios',
  'funciones',
  'socket',
  'socket-io',
  'ws',
  'root',
  'smartket',
  'billing',
  'pagos',
  'operator',
]);

const MAX_SLUG_LENGTH = 40;

/**
 * Turns a business name into a URL- and DNS-safe slug: accents folded ("Pollería Doña Pepa" →
 * "polleria-dona-pepa"), anything else collapsed to single dashes. Returns "" when nothing
 * usable is left.
 */
export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{Mark}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG_LENGTH)
    .replace(/-+$/g, '');
}

/**
 * The first free slug for a business name: the plain slug, then `-2`, `-3`… Reserved words and
 * names that leave nothing usable fall back to a "negocio" prefix.
 */
export async function chooseSlug(name: string, isTaken: (slug: string) => Promise<boolean>): Promise<string> {
  let base = slugify(name);
  if (base.length < 2 || RESERVED_SLUGS.has(base)) {
    base = base.length < 2 ? 'negocio' : `negocio-${base}`;
  }
  for (let suffix = 1; ; suffix += 1) {
    const candidate =
      suffix === 1 ? base : `${base.slice(0, MAX_SLUG_LENGTH - String(suffix).length - 1)}-${suffix}`;
    if (!RESERVED_SLUGS.has(candidate) && !(await isTaken(candidate))) {
      return candidate;
    }
  }
}
