import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { id } from './id.js';
import { placeholders, translate } from './translate.js';

describe('translations', () => {
  it('has an English message for every Indonesian key, and no extra ones', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
  });

  it('uses the same placeholders in both languages', () => {
    for (const key of Object.keys(id) as (keyof typeof id)[]) {
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({
        key,
        placeholders: placeholders(id[key]),
      });
    }
  });

  it('has no empty message', () => {
    for (const messages of [id, en]) {
      for (const [key, text] of Object.entries(messages))
        expect({ key, text: text.trim() }).not.toEqual({ key, text: '' });
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('id', 'home.greeting', { name: 'Siti' })).toBe('Halo, Siti');
    expect(translate('en', 'home.greeting', { name: 'Siti' })).toBe('Hello, Siti');
    expect(translate('en', 'home.greeting')).toBe('Hello, {name}');
  });
});
