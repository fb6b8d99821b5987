-- name: insert_patient :one
-- Adds a patient to a clinician's practice. Params: customer_id (the clinician),
-- medical_record_number, first_name, last_name, date_of_birth, sex (NULL -> 'unknown'), email,
-- phone, address. Returns its patient_id and the patient as JSON text; a medical record number the
-- clinician already uses raises a unique violation (patients_mrn_key). Index: patients_mrn_key
-- checks the number.
INSERT INTO patients AS p (
    customer_id, medical_record_number, first_name, last_name, date_of_birth, sex, email,
    phone, address
)
VALUES (
    %(customer_id)s, %(medical_record_number)s, %(first_name)s, %(last_name)s,
    %(date_of_birth)s, coalesce(%(sex)s, 'unknown'), %(email)s, %(phone)s, %(address)s
)
RETURNING
    patient_id,
    patient_json(p)::text AS patient;
