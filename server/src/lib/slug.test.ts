import { describe, expect, it } from 'vitest';
import { chooseSlug, slugify } from './slug.ts';

describe('slugify', () => {
  it.each([
    ['Pollería Doña Pepa', 'polleria-dona-pepa'],
    ['  El Rey del Pollo — Miraflores!! ', 'el-rey-del-pollo-miraflores'],
    ['ÑAÑO’S Chicken & Grill', 'nano-s-chicken-grill'],
    ['¿¿??', ''],
  ])('%s → %s', (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it('keeps slugs within 40 characters without a trailing dash', () => {
    const slug = slugify('La Gran Pollería Familiar de los Hermanos Quispe Huamán');
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug.endsWith('-')).toBe(false);
  });
});

describe('chooseSlug', () => {
  it('adds a number when the slug is taken', async () => {
    const taken = new Set(['pardos', 'pardos-2']);
    expect(await chooseSlug('Pardos', (slug) => Promise.resolve(taken.has(slug)))).toBe('pardos-3');
  });

  it('refuses reserved words and names with nothing usable', async () => {
    const free = () => Promise.resolve(false);
    expect(await chooseSlug('App', free)).toBe('negocio-app');
    expect(await chooseSlug('WWW', free)).toBe('negocio-www');
    expect(await chooseSlug('Admin', free)).toBe('negocio-admin');
    expect(await chooseSlug('¡!', free)).toBe('negocio');
  });
});
