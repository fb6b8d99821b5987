-- name: delete_patient :none
-- Deletes one of the clinician's patients with their twins, biometrics and alerts (cascade);
-- the access log keeps its rows. Params: customer_id, patient_id.
-- Returns rows deleted (0 or 1). Index: patients primary key; the children's patient indexes.
DELETE FROM patients
WHERE customer_id = %(customer_id)s AND patient_id = %(patient_id)s;
