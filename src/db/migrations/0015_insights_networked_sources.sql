-- Organisations networked: room bookings and resource linkages join programme partners as sources.
--
-- Issue 8 counts as networked every organisation "touched by any programme, booking, resource
-- linkage, purchase, order …". Version 1 (0010_insights.sql) could read only programme partners;
-- sharing publishes its linkages since 0013 (sharing_linkages_v), and spaces publishes its
-- bookings here.

-- Published by spaces for insights: the bookings that took place or will (approved or completed),
-- each one touch of the organisation that booked (visitors' bookings have none). Dates are Seoul
-- dates; attendees are those who came when recorded, otherwise those expected.
CREATE VIEW spaces_bookings_v AS
SELECT
  b.id AS booking_id,
  extract(year FROM lower(b.during) AT TIME ZONE 'Asia/Seoul')::int AS year,
  (lower(b.during) AT TIME ZONE 'Asia/Seoul')::date AS starts_on,
  r.name AS room_name,
  b.organization_id,
  b.status,
  coalesce(b.actual_attendees, b.expected_attendees) AS attendees,
  b.is_demo
FROM space_bookings b
JOIN space_rooms r ON r.id = b.room_id
WHERE b.status IN ('approved', 'completed');

-- Version 2 of "organisations networked": programme partners, both sides of every completed
-- resource linkage, and the organisations that booked a room — the figure as the centre defines
-- it ("any programme, booking, linkage …"); version 1 counted partners only because sharing and
-- spaces did not exist yet. It applies to every year (valid from 2000); version 1 is kept as
-- history and still answers `?version=1`.
INSERT INTO insights_figure_definitions (key, version, label_ko, label_en, unit_ko, unit_en, sort, definition, valid_from, note, created_by_label) VALUES
  ('organizations_networked', 2, '네트워크 조직 수', 'Organisations networked', '개', 'organisations', 1,
   '{"kind":"distinct_organizations","sources":[{"view":"programs_partners_v"},{"view":"sharing_linkages_v"},{"view":"spaces_bookings_v"}]}',
   '2000-01-01',
   '그 해 사업의 협력 단체, 완료된 자원연계의 양쪽(제공·요청) 단체, 공간을 예약(승인·이용 완료)한 단체를 한 번씩 셉니다. 구매·주문은 해당 모듈이 뷰를 공개하면 출처로 더합니다.',
   'system:migration');
