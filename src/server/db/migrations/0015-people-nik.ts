/**
 * Migration 0015 — the NIK of people (qualifications) encrypted at rest, as 0012 did for the
 * owner's NIK of an organisation (the same format and the same start-up step):
 *
 * - `nik_enc` holds `v1:` + base64(iv ‖ tag ‖ ciphertext) (AES-256-GCM,
 *   src/server/crypto/field-cipher.ts, purpose "people.nik" bound as associated data) and
 *   `nik_bidx` a keyed HMAC-SHA256 (hex) of the 16 digits for equality lookups.
 * - One NIK belongs to one person of an organisation: the unique index moves from the plain
 *   column (people_nik_key of 0005) to the blind index. The plain index is dropped: no new
 *   plain NIK can be written (below), and the plain rows left were already unique under it and
 *   stay unique when sealed (equal NIKs give equal indexes, so the new index keeps them apart).
 * - A migration has no key, so existing plain NIKs are moved by the start-up step that runs
 *   right after the migrations (`sealPlainNiks`, organisations.service.ts; it grew out of
 *   0012's `sealPlainOwnerNiks` and seals every column listed in src/server/db/sealed-columns.ts
 *   in one transaction). `nik` is therefore not dropped here — a later migration may drop it
 *   once every installation has started this version (it should refuse to run while a plain
 *   value is left).
 * - From now on the database refuses a new plain NIK: `nik is null` is added NOT VALID, so it
 *   holds for every row written from here on, while rows not yet sealed stay readable until the
 *   start-up step clears them.
 */
export const name = '0015-people-nik';

export const up = /* sql */ `
alter table people
  -- The NIK, sealed: 'v1:' + base64(12-byte IV, 16-byte tag, ciphertext).
  add column nik_enc text check (nik_enc ~ '^v[0-9]+:[A-Za-z0-9+/]+={0,2}$'),
  -- Keyed HMAC-SHA256 of the NIK (hex): equality lookups without the plain value.
  add column nik_bidx text check (nik_bidx ~ '^[0-9a-f]{64}$'),
  -- A sealed NIK always has its index, and the other way round.
  add constraint people_nik_sealed check ((nik_enc is null) = (nik_bidx is null)),
  -- No new plain NIK (existing ones are sealed and cleared at start-up; see above).
  add constraint people_nik_plain_gone check (nik is null) not valid;
-- One NIK belongs to one person of an organisation (the same human may work for two members),
-- now on the blind index.
drop index people_nik_key;
create unique index people_nik_bidx_key on people (organisation_id, nik_bidx)
  where nik_bidx is not null;
`;
