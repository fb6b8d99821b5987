-- name: insert_patient :one
-- Adds a patient to a clinician's practice. Params: customer_id (the clinician),
-- medical_record_number, first_name, last_name, date_of_birth, sex (NULL -> 'unknown'), email,
-- phone, address. Returns its patient_id and the patient as JSON text; a medical record number the
-- clinician already uses raises a unique violation (patients_mrn_key). Index: patients_mrn_key
-- checks the number.
INSERT INTO patients (
    customer_id, medical_record_number, first_name, last_name, date_of_birth, sex, email,
    phone, address
)
VALUES (
    %(customer_id)s, %(medical_record_number)s, %(first_name)s, %(last_name)s,
    %(date_of_birth)s, coalesce(%(sex)s, 'unknown'), %(email)s, %(phone)s, %(address)s
)
RETURNING
    patient_id,
    json_build_object(
        'patient_id', patient_id,
        'customer_id', customer_id,
        'medical_record_number', medical_record_number,
        'first_name', first_name,
        'last_name', last_name,
        'date_of_birth', date_of_birth,
        'sex', sex,
        'email', email,
        'phone', phone,
        'address', address,
        'created_at', created_at,
        'updated_at', updated_at
    )::text AS patient;
