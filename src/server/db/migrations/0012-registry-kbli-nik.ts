/**
 * Migration 0012 — the registry (issue 3), part two:
 *
 * 1. The full KBLI 2020 list. 0003 loaded 255 manufacturing codes from the frozen
 *    src/reference-data/kbli-2020.json; this adds every other kelompok code of
 *    src/reference-data/kbli-2020-full.json (see its README entry for source and checks) and a
 *    `section` letter (A–U) for all of them. Existing rows keep their titles (`on conflict do
 *    nothing`), so codes already attached to organisations do not change under them.
 *    kbli-2020-full.json is frozen with this migration like kbli-2020.json with 0003.
 *
 * 2. The owner's NIK encrypted at rest. `owner_nik_enc` holds `v1:` + base64(iv ‖ tag ‖
 *    ciphertext) (AES-256-GCM, src/server/crypto/field-cipher.ts) and `owner_nik_bidx` a keyed
 *    HMAC-SHA256 (hex) for equality lookups. A migration has no key, so existing plain NIKs
 *    are moved by a step that runs at start-up right after the migrations
 *    (`sealPlainOwnerNiks`, organisations.service.ts): it encrypts them and clears `owner_nik`
 *    in one transaction. `owner_nik` is therefore not dropped here — dropping it before that
 *    step ran would destroy the NIKs; a later migration may drop it once every installation has
 *    started this version (it should refuse to run while a plain value is left).
 *    From now on the database refuses a new plain NIK: the check `owner_nik is null` is added
 *    NOT VALID, so it holds for every row written from here on, while rows not yet sealed stay
 *    readable until the start-up step clears them.
 */
import kbli from '../../../reference-data/kbli-2020-full.json' with { type: 'json' };

export const name = '0012-registry-kbli-nik';

const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
const rows = (kbli as { items: { code: string; section: string; title: string }[] }).items
  .map((k) => `(${quote(k.code)}, ${quote(k.title)}, ${quote(k.section)})`)
  .join(',\n  ');

export const up = /* sql */ `
-- The KBLI 2020 section (kategori) of each code: A (agriculture) … U (international bodies).
alter table kbli_codes add column section text check (section ~ '^[A-U]$');

create temporary table kbli_2020_full (code text primary key, title text not null, section text not null)
  on commit drop;
insert into kbli_2020_full (code, title, section) values
  ${rows};
insert into kbli_codes (code, title, edition, section)
  select code, title, '2020', section from kbli_2020_full
  on conflict (code) do nothing;
update kbli_codes k set section = f.section from kbli_2020_full f
  where f.code = k.code and k.section is null;

alter table organisations
  -- The owner's NIK, sealed: 'v1:' + base64(12-byte IV, 16-byte tag, ciphertext).
  add column owner_nik_enc text check (owner_nik_enc ~ '^v[0-9]+:[A-Za-z0-9+/]+={0,2}$'),
  -- Keyed HMAC-SHA256 of the NIK (hex): equality lookups without the plain value.
  add column owner_nik_bidx text check (owner_nik_bidx ~ '^[0-9a-f]{64}$'),
  -- A sealed NIK always has its index, and the other way round.
  add constraint organisations_owner_nik_sealed check ((owner_nik_enc is null) = (owner_nik_bidx is null)),
  -- No new plain NIK (existing ones are sealed and cleared at start-up; see above).
  add constraint organisations_owner_nik_plain_gone check (owner_nik is null) not valid;
create index organisations_owner_nik_bidx_idx on organisations (owner_nik_bidx)
  where owner_nik_bidx is not null;
`;
