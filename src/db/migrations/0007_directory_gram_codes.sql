-- Module directory: the search index holds each 2-character piece of a name as a 32-bit number
-- instead of text (src/kernel/hangul.ts, gramCode). GIN keys of int4 compare without a locale:
-- an import of 50,000 organisations spends about 0.3 s on this index instead of 0.8 s
-- (bench/directory), and the index is smaller. Search is unchanged: the LIKE that follows every
-- index lookup still decides what matches.
--
-- One index replaces the two on the filter columns: (district_code, type_key) serves a district,
-- and a district with a type; a type alone matches too many rows for an index to help.

-- The twin of gramCode: low 16 bits of each character's code point, side by side, as a signed int4.
CREATE FUNCTION directory_gram_code(bigram text) RETURNS int4 LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT (CASE WHEN v >= 2147483648 THEN v - 4294967296 ELSE v END)::int4
  FROM (SELECT ((ascii(substr(bigram, 1, 1))::int8 & 65535) << 16) | (ascii(substr(bigram, 2, 1))::int8 & 65535) AS v) AS c
$$;

DROP INDEX organizations_search_grams_idx;
ALTER TABLE organizations ALTER COLUMN search_grams DROP DEFAULT;
-- ALTER … USING takes no subquery: the conversion goes through a helper.
CREATE FUNCTION directory_gram_codes(grams text[]) RETURNS int4[] LANGUAGE sql IMMUTABLE STRICT AS $$
  SELECT coalesce(array_agg(DISTINCT directory_gram_code(g)), '{}') FROM unnest(grams) AS g
$$;
ALTER TABLE organizations ALTER COLUMN search_grams TYPE int4[] USING directory_gram_codes(search_grams);
ALTER TABLE organizations ALTER COLUMN search_grams SET DEFAULT '{}';
DROP FUNCTION directory_gram_codes(text[]);
CREATE INDEX organizations_search_grams_idx ON organizations USING gin (search_grams);

DROP INDEX organizations_filters_idx;
DROP INDEX organizations_district_idx;
CREATE INDEX organizations_district_type_idx ON organizations (district_code, type_key);
