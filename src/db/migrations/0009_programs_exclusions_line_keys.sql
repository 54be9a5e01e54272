-- Module programs: a programme's rate may be left out of the year's means, with the reason.
-- Why: a source report can print a rate for a programme and still leave that programme out of its
-- own averages (the 2013 report prints "—" for 4-2 in its summary table although the section
-- reports 100 %, and its 135.2 % average leaves the row out, seed:148, anomaly A032). sehub still
-- derives and shows the programme's rate; the year's rollups skip it and say why, so both the
-- source's averages and the programme's own figures stay visible. NULL = included.
ALTER TABLE programs
  ADD COLUMN achievement_excluded_note text CHECK (achievement_excluded_note IS NULL OR length(btrim(achievement_excluded_note)) > 0),
  ADD COLUMN execution_excluded_note text CHECK (execution_excluded_note IS NULL OR length(btrim(execution_excluded_note)) > 0);

-- A budget line's key as the programme's data names it (ProgramInput lines[].key): sub-lines and
-- transfers refer to lines by it, and an exported year imports back to the same lines.
ALTER TABLE program_budget_lines ADD COLUMN key text CHECK (key IS NULL OR length(btrim(key)) > 0);
CREATE UNIQUE INDEX program_budget_lines_key_idx ON program_budget_lines (program_id, key) WHERE key IS NOT NULL;
