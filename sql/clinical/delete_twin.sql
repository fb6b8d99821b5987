-- name: delete_twin :none
-- Deletes one twin of one of the clinician's patients. Params: customer_id, patient_id,
-- twin_id. Returns rows deleted (0 or 1). Index: digital_twins primary key (customer_id, id).
DELETE FROM digital_twins AS t
WHERE
    t.customer_id = %(customer_id)s
    AND t.twin_id = %(twin_id)s
    AND t.patient_id = %(patient_id)s;
