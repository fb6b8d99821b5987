-- name: delete_twin :none
-- Deletes one twin of one of the clinician's patients. Params: customer_id, patient_id,
-- twin_id. Returns rows deleted (0 or 1). Index: digital_twins and patients primary keys.
DELETE FROM digital_twins AS t
USING patients AS p
WHERE
    t.twin_id = %(twin_id)s
    AND t.patient_id = %(patient_id)s
    AND p.patient_id = t.patient_id
    AND p.customer_id = %(customer_id)s;
