-- name: select_patient :scalar
-- One of the clinician's patients. Params: customer_id, patient_id.
-- Returns the patient as JSON text, or no row when it does not exist or is another clinician's.
-- Index: patients primary key.
SELECT
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
    )::text
FROM patients
WHERE patient_id = %(patient_id)s AND customer_id = %(customer_id)s;
