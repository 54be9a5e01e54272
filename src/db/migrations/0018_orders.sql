-- Module orders: 맺음, the bundle-order service for office and event refreshments (seed lines
-- 2038-2125). Bundles (꾸러미) are built from items of several supplier organisations; a buyer
-- institution's order is split into one sub-order per supplier, which supplier, intermediary and
-- centre advance (received → confirmed → delivered → invoiced → paid) and settle per month.

-- A bundle, or a single item (a bundle of one component). Its price is the sum of its components,
-- computed on read, never stored.
CREATE TABLE order_bundles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Za-z-]{2,30}$'),
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  description text,
  -- The intermediary organisation (중간관리형조직) that runs the bundle; its members manage it.
  intermediary_org_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
  photos jsonb NOT NULL DEFAULT '[]',            -- [{ "url": "https://…", "alt": "…" }]
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'retired')),
  lead_time_days integer NOT NULL DEFAULT 2 CHECK (lead_time_days BETWEEN 0 AND 60),
  min_quantity integer NOT NULL DEFAULT 1 CHECK (min_quantity BETWEEN 1 AND 10000),
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_bundles_intermediary_idx ON order_bundles (intermediary_org_id);

-- What one bundle holds, each part from one supplier. offering_id: the catalogue entry it was
-- taken from, if any (procurement_offerings; no foreign key, the catalogue is another module's).
CREATE TABLE order_bundle_components (
  bundle_id uuid NOT NULL REFERENCES order_bundles (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  supplier_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
  offering_id uuid,
  name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 200),
  unit text NOT NULL CHECK (length(btrim(unit)) BETWEEN 1 AND 20),
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 10000),   -- per bundle
  unit_price bigint NOT NULL CHECK (unit_price BETWEEN 0 AND 100000000),
  PRIMARY KEY (bundle_id, position)
);
CREATE INDEX order_bundle_components_supplier_idx ON order_bundle_components (supplier_org_id);

-- Order numbers run per year: 맺음-2013-0001.
CREATE TABLE order_counters (
  year smallint PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  year smallint NOT NULL,
  institution_id uuid NOT NULL REFERENCES procurement_institutions (id),
  ordered_by uuid REFERENCES users (id) ON DELETE SET NULL,
  delivery_date date NOT NULL,
  delivery_place text NOT NULL CHECK (length(btrim(delivery_place)) BETWEEN 1 AND 300),
  contact_name text NOT NULL,
  contact_phone text NOT NULL,
  note text,
  -- The intermediaries of the ordered bundles, as at ordering (who may follow the whole order).
  intermediary_org_ids uuid[] NOT NULL DEFAULT '{}',
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX orders_institution_idx ON orders (institution_id, created_at DESC);
CREATE INDEX orders_intermediary_idx ON orders USING gin (intermediary_org_ids);

-- What was ordered, with the bundle's price at the time (the sum of its components then).
CREATE TABLE order_lines (
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  line_no integer NOT NULL CHECK (line_no >= 1),
  bundle_id uuid NOT NULL REFERENCES order_bundles (id),
  bundle_code text NOT NULL,
  bundle_name text NOT NULL,
  quantity integer NOT NULL CHECK (quantity >= 1),
  unit_price bigint NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (order_id, line_no)
);

-- One per supplier of an order. amount = Σ its items; the order's total = Σ its sub-orders.
-- The supplier is kept with its name as at ordering and without a foreign key: an order and its
-- settlement outlive the supplier's directory entry.
CREATE TABLE order_sub_orders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  supplier_org_id uuid NOT NULL,
  supplier_name text NOT NULL,
  intermediary_org_ids uuid[] NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'confirmed', 'delivered', 'invoiced', 'paid', 'cancelled')),
  amount bigint NOT NULL CHECK (amount >= 0),
  version integer NOT NULL DEFAULT 1,
  confirmed_at timestamptz,
  delivered_on date,
  invoiced_on date,
  invoice_no text,
  paid_on date,
  cancelled_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (order_id, supplier_org_id),
  CHECK ((status IN ('delivered', 'invoiced', 'paid')) = (delivered_on IS NOT NULL)),
  CHECK ((status IN ('invoiced', 'paid')) = (invoice_no IS NOT NULL)),
  CHECK ((status = 'paid') = (paid_on IS NOT NULL))
);
CREATE INDEX order_sub_orders_supplier_idx ON order_sub_orders (supplier_org_id, delivered_on);
CREATE INDEX order_sub_orders_intermediary_idx ON order_sub_orders USING gin (intermediary_org_ids);
CREATE INDEX order_sub_orders_order_idx ON order_sub_orders (order_id);

-- A sub-order's items: a bundle component × the line's quantity, priced as at ordering.
CREATE TABLE order_sub_order_items (
  sub_order_id uuid NOT NULL REFERENCES order_sub_orders (id) ON DELETE CASCADE,
  line_no integer NOT NULL,
  position integer NOT NULL,
  name text NOT NULL,
  unit text NOT NULL,
  quantity integer NOT NULL CHECK (quantity >= 1),
  unit_price bigint NOT NULL CHECK (unit_price >= 0),
  PRIMARY KEY (sub_order_id, line_no, position)
);

-- Every step of a sub-order: who, when, from, to, with the note given.
CREATE TABLE order_events (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  sub_order_id uuid NOT NULL REFERENCES order_sub_orders (id) ON DELETE CASCADE,
  actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
  actor_side text NOT NULL CHECK (actor_side IN ('buyer', 'supplier', 'intermediary', 'staff', 'system')),
  from_status text,
  to_status text NOT NULL,
  note text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX order_events_sub_order_idx ON order_events (sub_order_id, id);
