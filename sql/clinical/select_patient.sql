-- name: select_patient :one
-- One of the clinician's patients. Params: customer_id, patient_id.
-- Returns the patient, or no row when it does not exist or is another clinician's.
-- Index: patients primary key.
SELECT
    patient_id,
    customer_id,
    medical_record_number,
    first_name,
    last_name,
    date_of_birth,
    sex,
    email,
    phone,
    address,
    created_at,
    updated_at
FROM patients
WHERE customer_id = %(customer_id)s AND patient_id = %(patient_id)s;
