-- Undoes 0012.fit_import in both schemas (the sequence goes with fit_files, which owns it).

DROP TABLE aiapp_nonprod.activity_laps;
DROP TABLE aiapp_nonprod.fit_files;
ALTER TABLE aiapp_nonprod.activities
DROP COLUMN training_load_method,
DROP COLUMN hr_training_load;

DROP TABLE aiapp.activity_laps;
DROP TABLE aiapp.fit_files;
ALTER TABLE aiapp.activities
DROP COLUMN training_load_method,
DROP COLUMN hr_training_load;
