/**
 * Migration 0017 — tells the planner what pg_trgm's word-similarity operators cost.
 *
 * `word <% name` (typo-tolerant search, src/server/db/text-search.ts) computes a word similarity
 * per row it tests, but its functions carry pg_trgm's default cost of 1, so the planner prefers
 * testing every row of a table to the trigram index: 128 ms for 50,000 organisations instead of
 * 5 ms through `organisations_name_trgm`. A cost of 100 (like other expensive functions) makes it
 * choose the index.
 *
 * pg_trgm is a trusted extension: where a non-superuser role created it, its functions belong
 * to the bootstrap superuser and cannot be altered by the application's role. The search still
 * works there, only slower; the notice says what a superuser can run once.
 */
export const name = '0017-search-costs';

export const up = /* sql */ `
do $$
begin
  alter function word_similarity_op(text, text) cost 100;
  alter function word_similarity_commutator_op(text, text) cost 100;
exception when insufficient_privilege then
  raise notice 'pg_trgm word similarity keeps cost 1 (not the owner): a superuser can run '
    'alter function word_similarity_op(text, text) cost 100 and the same for '
    'word_similarity_commutator_op(text, text)';
end
$$;
`;
