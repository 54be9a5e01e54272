-- Procurement catalogue (seed 1802-1847; the 2013 printed catalogue listed 565 firms): products and
-- services that directory organisations offer to public buyers, in the seed's categories.

-- An offering's kind is its category's, and a named item belongs to the offering's category: both
-- are checked by composite foreign keys, which need these keys on the taxonomy.
ALTER TABLE procurement_categories ADD CONSTRAINT procurement_categories_code_kind_key UNIQUE (code, kind);
ALTER TABLE procurement_items ADD CONSTRAINT procurement_items_code_category_key UNIQUE (code, category_code);

CREATE TABLE procurement_offerings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('product', 'service')),
  category_code text NOT NULL,
  item_code text,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  description text CHECK (length(description) <= 5000),
  -- Integer won per unit; NULL when priced case by case, then price_basis says how (견적, 시간당, 1인당 …).
  price_won bigint CHECK (price_won BETWEEN 0 AND 100000000000),
  price_basis text CHECK (length(btrim(price_basis)) BETWEEN 1 AND 40),
  unit text NOT NULL CHECK (length(btrim(unit)) BETWEEN 1 AND 20),
  min_order integer NOT NULL DEFAULT 1 CHECK (min_order BETWEEN 1 AND 1000000),
  -- 5-digit district codes it delivers to; empty = all of Seoul.
  delivery_districts text[] NOT NULL DEFAULT '{}',
  certifications text[] NOT NULL DEFAULT '{}' CHECK (certifications <@ ARRAY[
    'social_enterprise', 'cooperative', 'village_enterprise', 'self_sufficiency', 'women', 'disabled', 'green', 'excellent_product'
  ]::text[]),
  -- [{ "url": "https://…", "alt": "…" }]
  photos jsonb NOT NULL DEFAULT '[]',
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused')),
  lead_time_days integer CHECK (lead_time_days BETWEEN 0 AND 365),
  version integer NOT NULL DEFAULT 1,
  is_demo boolean NOT NULL DEFAULT false,
  search_text text NOT NULL DEFAULT '',
  search_initials text NOT NULL DEFAULT '',
  search_grams int4[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (price_won IS NOT NULL OR price_basis IS NOT NULL),
  FOREIGN KEY (category_code, kind) REFERENCES procurement_categories (code, kind),
  FOREIGN KEY (item_code, category_code) REFERENCES procurement_items (code, category_code)
);
CREATE INDEX procurement_offerings_search_grams_idx ON procurement_offerings USING gin (search_grams);
CREATE INDEX procurement_offerings_category_idx ON procurement_offerings (category_code, status);
CREATE INDEX procurement_offerings_organization_idx ON procurement_offerings (organization_id);
