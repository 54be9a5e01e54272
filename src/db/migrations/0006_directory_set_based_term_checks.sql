-- Module directory: the four references from organizations to the taxonomies (type, subtype,
-- industry, district) checked once per statement instead of once per row.
--
-- A foreign key checks each inserted row on its own (one lookup and one row lock per key per row):
-- 14 µs a row of a bulk import on this kind of machine, more than the rest of the insert together
-- (bench/directory). These triggers check a whole statement's rows in one query and lock each
-- referenced term once, so an import of 50,000 rows costs what a few lookups cost. The guarantee is
-- the same both ways: an organisation cannot name a term that does not exist, and a term in use
-- cannot be removed or renamed.

ALTER TABLE organizations
  DROP CONSTRAINT organizations_type_key_fkey,
  DROP CONSTRAINT organizations_subtype_fk,
  DROP CONSTRAINT organizations_industry_key_fkey,
  DROP CONSTRAINT organizations_district_code_fkey;

CREATE FUNCTION directory_check_terms() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  bad record;
BEGIN
  -- Lock the terms the rows name, as a foreign key would, so that nobody removes one meanwhile.
  PERFORM 1 FROM organization_types WHERE key IN (SELECT DISTINCT type_key FROM new_rows) FOR KEY SHARE;
  PERFORM 1 FROM organization_subtypes WHERE (type_key, key) IN (SELECT DISTINCT type_key, subtype_key FROM new_rows) FOR KEY SHARE;
  PERFORM 1 FROM industries WHERE key IN (SELECT DISTINCT industry_key FROM new_rows) FOR KEY SHARE;
  PERFORM 1 FROM districts WHERE code IN (SELECT DISTINCT district_code FROM new_rows) FOR KEY SHARE;
  SELECT n.id, n.type_key, n.subtype_key, n.industry_key, n.district_code INTO bad
  FROM new_rows n
  WHERE (n.type_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM organization_types t WHERE t.key = n.type_key))
     OR (n.subtype_key IS NOT NULL AND n.type_key IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM organization_subtypes s WHERE s.type_key = n.type_key AND s.key = n.subtype_key))
     OR (n.industry_key IS NOT NULL AND NOT EXISTS (SELECT 1 FROM industries i WHERE i.key = n.industry_key))
     OR (n.district_code IS NOT NULL AND NOT EXISTS (SELECT 1 FROM districts d WHERE d.code = n.district_code))
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'organization % names an unknown term (type %, subtype %, industry %, district %)',
      bad.id, bad.type_key, bad.subtype_key, bad.industry_key, bad.district_code
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER organizations_terms_insert AFTER INSERT ON organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_check_terms();
CREATE TRIGGER organizations_terms_update AFTER UPDATE ON organizations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION directory_check_terms();

-- The other side: a term some organisation names can be neither deleted nor have its key changed.
CREATE FUNCTION directory_term_in_use() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  used boolean;
BEGIN
  IF TG_TABLE_NAME = 'organization_types' THEN
    IF TG_OP = 'UPDATE' AND NEW.key = OLD.key THEN RETURN NULL; END IF;
    used := EXISTS (SELECT 1 FROM organizations WHERE type_key = OLD.key);
  ELSIF TG_TABLE_NAME = 'organization_subtypes' THEN
    IF TG_OP = 'UPDATE' AND (NEW.type_key, NEW.key) = (OLD.type_key, OLD.key) THEN RETURN NULL; END IF;
    used := EXISTS (SELECT 1 FROM organizations WHERE type_key = OLD.type_key AND subtype_key = OLD.key);
  ELSIF TG_TABLE_NAME = 'industries' THEN
    IF TG_OP = 'UPDATE' AND NEW.key = OLD.key THEN RETURN NULL; END IF;
    used := EXISTS (SELECT 1 FROM organizations WHERE industry_key = OLD.key);
  ELSE
    IF TG_OP = 'UPDATE' AND NEW.code = OLD.code THEN RETURN NULL; END IF;
    used := EXISTS (SELECT 1 FROM organizations WHERE district_code = OLD.code);
  END IF;
  IF used THEN
    RAISE EXCEPTION '% term % is used by organizations', TG_TABLE_NAME, to_jsonb(OLD)
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER organization_types_in_use AFTER DELETE OR UPDATE ON organization_types
  FOR EACH ROW EXECUTE FUNCTION directory_term_in_use();
CREATE TRIGGER organization_subtypes_in_use AFTER DELETE OR UPDATE ON organization_subtypes
  FOR EACH ROW EXECUTE FUNCTION directory_term_in_use();
CREATE TRIGGER industries_in_use AFTER DELETE OR UPDATE ON industries
  FOR EACH ROW EXECUTE FUNCTION directory_term_in_use();
CREATE TRIGGER districts_in_use AFTER DELETE OR UPDATE ON districts
  FOR EACH ROW EXECUTE FUNCTION directory_term_in_use();
