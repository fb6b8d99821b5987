DROP FUNCTION aiapp.touch_updated_at();
DROP SCHEMA ufc;
DROP SCHEMA blood;
DROP SCHEMA aiapp_nonprod;
DROP SCHEMA aiapp;
